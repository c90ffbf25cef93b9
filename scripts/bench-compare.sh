#!/usr/bin/env bash
# Compares maliatlas with Mapnik on the benchmark scene ($SHARED/bench zones,
# routes and events over countries, regions, rivers and towns, lon -18..10,
# lat 4..27), like for like (both draw the same layers with the same styles;
# ours without the basemap, plus one line with it for information), honestly:
# tools/mapnikbench/compare.py alternates our runs and Mapnik's for $ROUNDS
# rounds (the order swapped each round), takes the median of the same
# statistic on both sides and prints CPU time beside wall time:
#
#   render            in process, 1920x1080: BenchmarkRenderBenchSceneLikeMapnik (ns/op,
#                     cpu-ns/op) against Mapnik's mean per render
#   export 1920x1080  `maliatlas export` against `python3 render_scene.py`, as processes
#   export A4 300 dpi the same at 3508x2480 (A4 landscape, symbols x3.125)
#   the 10x scene     (EVENTS=200000 ROUTES=10000 ZONES=2000, made by
#                     make_scene.py into $OUT/bench10x once) for time and memory;
#                     BENCH_50X=1 adds the 50x scene
#   memory            peak RSS of each process
#
#   scripts/bench-compare.sh BINARY
#
# Skips with a message when python3-mapnik is not installed. The summary is also
# written to $OUT/bench-compare.txt.
set -euo pipefail

bin=${1:?usage: bench-compare.sh BINARY}
SHARED=${SHARED:-../shared}
ROUNDS=${ROUNDS:-5}
RENDERS=${RENDERS:-10}
PY=/usr/bin/python3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
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
mkdir -p "$out"
# Measure a copy of the binary, as it would be installed: the file the Go
# linker just wrote shows about 12 MiB more peak RSS than a copy of itself
# (the same program, so the same heap: most likely how the linker's pages
# sit in the page cache, counted in RSS when the code is mapped; see
# BENCHMARKS.md), which would blur the memory ratios.
cp "$bin" "$out/maliatlas-bench"
bin=$out/maliatlas-bench
bench=$SHARED/bench
for f in zones routes events; do
	[[ -f $bench/$f.geojson ]] || {
		echo "bench-compare: $bench/$f.geojson: no such file (set SHARED)" >&2
		exit 1
	}
done

# scene DIR EVENTS ROUTES ZONES: makes a scaled copy of the scene once.
scene() {
	local dir=$1
	if ! [[ -f $dir/events.geojson && -f $dir/routes.geojson && -f $dir/zones.geojson ]]; then
		echo "bench-compare: making $dir (EVENTS=$2 ROUTES=$3 ZONES=$4) ..."
		mkdir -p "$dir"
		EVENTS=$2 ROUTES=$3 ZONES=$4 $PY "$bench/make_scene.py" "$dir" >/dev/null
	fi
}
scenes=()
scene "$out/bench10x" 200000 10000 2000
scenes+=(--scene "10x=$out/bench10x")
if [[ ${BENCH_50X:-} == 1 ]]; then
	scene "$out/bench50x" 1000000 50000 10000
	scenes+=(--scene "50x=$out/bench50x")
fi

echo "bench-compare: building the render benchmark ($out/render.test) ..."
(cd "$here" && go test -c -o "$out/render.test" ./render)

{
	echo "Benchmark scene: 200 zones, 1,000 routes, 20,000 events over countries, regions, rivers, towns (both sides; no basemap); lon -18..10, lat 4..27"
	echo "machine: $(nproc) CPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); $($PY -c 'import mapnik; v = mapnik.mapnik_version(); print("Mapnik %d.%d.%d" % (v // 100000, v // 100 % 1000, v % 100))'); $(go env GOVERSION); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
	$PY "$here/tools/mapnikbench/compare.py" --bin "$bin" --render-test "$out/render.test" \
		--render-dir "$here/render" --shared "$SHARED" --rounds "$ROUNDS" --renders "$RENDERS" \
		--out "$out" "${scenes[@]}"
	echo "pictures: $out/mapnik_scene.png (Mapnik), $out/maliatlas_scene.png (maliatlas)"
} | tee "$summary"
