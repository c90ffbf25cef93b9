#!/usr/bin/env bash
# Compares maliatlas's renderer with Mapnik on the benchmark scene
# ($SHARED/bench zones, routes, events over the base map, 1920x1080, lon -18..10, lat 4..27).
#
#   scripts/bench-compare.sh BINARY [GO_BENCH_OUTPUT]
#
#   (a) Mapnik in-process render time, best of $RUNS (tools/mapnikbench/render_scene.py --repeat)
#   (b) Mapnik end to end as a process (python start, load, render, write PNG), best of $RUNS
#   (c) `BINARY export ...` end to end, best of $RUNS
# and prints (c)/(b), and BenchmarkRenderBenchScene's ns/op (from GO_BENCH_OUTPUT, the
# output of `go test -bench`) against (a). Skips the Mapnik part with a message when
# python3-mapnik is not installed. The summary is also written to out/bench-compare.txt.
set -euo pipefail

bin=${1:?usage: bench-compare.sh BINARY [GO_BENCH_OUTPUT]}
gobench=${2:-}
SHARED=${SHARED:-../shared}
RUNS=${RUNS:-5}
PY=/usr/bin/python3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
script=$here/tools/mapnikbench/render_scene.py
out=${BENCH_OUT:-out}
mkdir -p "$out"
summary=$out/bench-compare.txt

if ! [[ -x $PY ]] || ! $PY -c 'import mapnik' 2>/dev/null; then
	echo "bench-compare: python3-mapnik is not available to $PY: skipping the Mapnik comparison"
	exit 0
fi
[[ -x $bin ]] || {
	echo "bench-compare: $bin not found or not executable (make build)" >&2
	exit 1
}
bench=$SHARED/bench
for f in zones routes events; do
	[[ -f $bench/$f.geojson ]] || {
		echo "bench-compare: $bench/$f.geojson: no such file (set SHARED)" >&2
		exit 1
	}
done

now_ns() { date +%s%N; }

# best_ms CMD...: runs CMD $RUNS times, prints the best wall-clock time in ms.
best_ms() {
	local best= t0 t1 ms
	for _ in $(seq "$RUNS"); do
		t0=$(now_ns)
		"$@" >/dev/null 2>"$out/bench-compare.err" || {
			echo "bench-compare: '$*' failed:" >&2
			cat "$out/bench-compare.err" >&2
			return 1
		}
		t1=$(now_ns)
		ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')
		if [[ -z $best ]] || awk -v m="$ms" -v b="$best" 'BEGIN { exit !(m < b) }'; then best=$ms; fi
	done
	echo "$best"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo "bench-compare: Mapnik in-process render, best of $RUNS ..."
mapnik_render=$($PY "$script" --shared "$SHARED" --repeat "$RUNS" --out "$out/mapnik_scene.png")
mapnik_render=$(awk -v m="$mapnik_render" 'BEGIN { printf "%.1f", m }')
echo "bench-compare: Mapnik as a process, best of $RUNS ..."
mapnik_proc=$(best_ms $PY "$script" --shared "$SHARED" --out "$out/mapnik_scene.png")
echo "bench-compare: $bin export, best of $RUNS ..."
ours_proc=$(best_ms "$bin" export \
	--add "$bench/zones.geojson" --add "$bench/routes.geojson" --add "$bench/events.geojson" \
	--size 1920x1080 --bbox -18,4,10,27 --out /tmp/scene.png)

go_line=
if [[ -n $gobench && -f $gobench ]]; then
	go_line=$(grep -E '^BenchmarkRenderBenchScene(-[0-9]+)?[[:space:]]' "$gobench" | head -1 || true)
fi
if [[ -z $go_line ]]; then
	echo "bench-compare: BenchmarkRenderBenchScene not in ${gobench:-(no go test output given)}; running it in ./render ..."
	go_line=$(cd "$here" && go test -run '^$' -bench '^BenchmarkRenderBenchScene$' -benchmem ./render 2>/dev/null |
		grep -E '^BenchmarkRenderBenchScene(-[0-9]+)?[[:space:]]' | head -1 || true)
fi
go_ms=
if [[ -n $go_line ]]; then
	go_ms=$(awk '{ for (i = 2; i < NF; i++) if ($(i + 1) == "ns/op") { printf "%.1f", $i / 1e6; exit } }' <<<"$go_line")
fi

{
	echo "Benchmark scene: 200 zones, 1,000 routes, 20,000 events + base map; 1920x1080, lon -18..10, lat 4..27"
	echo "machine: $(nproc) CPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); $($PY -c 'import mapnik; v = mapnik.mapnik_version(); print("Mapnik %d.%d.%d" % (v // 100000, v // 100 % 1000, v % 100))'); $(go env GOVERSION)"
	printf '%-58s %10s\n' "" "ms"
	printf '%-58s %10s\n' "(a) Mapnik render, in process (best of $RUNS)" "$mapnik_render"
	if [[ -n $go_ms ]]; then
		printf '%-58s %10s\n' "    Go BenchmarkRenderBenchScene, ns/op in ms (./render)" "$go_ms"
		printf '%-58s %10s\n' "    ratio Go / Mapnik render" "$(ratio "$go_ms" "$mapnik_render")"
	else
		printf '%-58s %10s\n' "    Go BenchmarkRenderBenchScene" "absent"
	fi
	printf '%-58s %10s\n' "(b) Mapnik end to end, python process (best of $RUNS)" "$mapnik_proc"
	printf '%-58s %10s\n' "(c) maliatlas export end to end (best of $RUNS)" "$ours_proc"
	printf '%-58s %10s\n' "    ratio (c) / (b)" "$(ratio "$ours_proc" "$mapnik_proc")"
	echo "pictures: $out/mapnik_scene.png (Mapnik), /tmp/scene.png (maliatlas)"
} | tee "$summary"
rm -f "$out/bench-compare.err"
