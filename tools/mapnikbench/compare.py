#!/usr/bin/python3
"""Times maliatlas against Mapnik on the benchmark scene, alternating, with medians.

Both sides draw the same map (issue #13): Mapnik the bench zones, routes and
events over countries, regions, rivers and towns (render_scene.py, with
maliatlas's styles), maliatlas the same layers and no basemap (`export --base
none --layers countries,regions,rivers,towns --attribution --add ...`, the
attribution line being the one layout element an export cannot leave out).
One extra line times our export with the basemap and default overlays, as
`maliatlas export --add ...` draws by default: for information, Mapnik draws
no basemap to compare it with.

Every round runs each measurement once for maliatlas and once for Mapnik, the
order swapped from one round to the next, so that a core busy with something
else in the middle of the run weighs on both sides alike. Each figure is the
median over the rounds of the same statistic for both sides, and CPU time
(user + system of every thread, from the kernel's rusage) is printed beside
wall-clock time: a render spread over two cores looks faster on the wall clock
but costs the same CPU.

  render    in process, the scene already loaded: the Go benchmark
            BenchmarkRenderBenchSceneLikeMapnik (ns/op and cpu-ns/op over N renders)
            against render_scene.py --repeat N --stats (mean over N renders)
  export    end to end as a process (start, read the files, render, encode and
            write the PNG): `maliatlas export` against `python3 render_scene.py`,
            at 1920x1080 and at A4 landscape 300 dpi (3508x2480, symbols x3.125)
  memory    the peak resident set (ru_maxrss) of those processes, at 1x and at the
            larger scenes given with --scene (the 10x scene in make bench)

    compare.py --bin ./maliatlas --render-test out/render.test --render-dir render
               [--rounds 5] [--renders 10] [--scene NAME=DIR ...] [--out out]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PY = "/usr/bin/python3"
SCRIPT = os.path.join(HERE, "render_scene.py")
BBOX = "-18,4,10,27"
# The layers Mapnik draws under the bench scene (render_scene.py), no basemap.
LIKE_MAPNIK = ["--base", "none", "--layers", "countries,regions,rivers,towns", "--attribution"]
RENDER_BENCH = "BenchmarkRenderBenchSceneLikeMapnik"


def run(cmd, cwd=None, env=None):
    """Runs cmd; returns (stdout, wall ms, CPU ms, peak RSS MiB) of the child."""
    with tempfile.TemporaryFile() as errf:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=errf)
        out = p.stdout.read()
        p.stdout.close()
        # wait4 reaps the child and gives the rusage of this child alone.
        _, status, ru = os.wait4(p.pid, 0)
        wall = (time.perf_counter() - t0) * 1000
        p.returncode = os.waitstatus_to_exitcode(status)
        errf.seek(0)
        err = errf.read()
    if p.returncode != 0:
        sys.exit(f"compare.py: {' '.join(cmd)} failed ({p.returncode}):\n{err.decode(errors='replace')}")
    cpu = (ru.ru_utime + ru.ru_stime) * 1000
    return out.decode(), wall, cpu, ru.ru_maxrss / 1024


def go_render(args):
    out, _, _, _ = run([args.render_test, "-test.run", "^$", "-test.bench", f"^{RENDER_BENCH}$",
                        "-test.benchtime", f"{args.renders}x", "-test.count", "1"], cwd=args.render_dir,
                        env=dict(os.environ, MALIATLAS_BENCH_SCENE=os.path.abspath(os.path.join(args.shared, "bench"))))
    m = re.search(rf"^{RENDER_BENCH}\S*\s+\d+\s+([\d.]+) ns/op\s+([\d.]+) cpu-ns/op", out, re.M)
    if not m:
        sys.exit(f"compare.py: no {RENDER_BENCH} line with cpu-ns/op in:\n{out}")
    return float(m.group(1)) / 1e6, float(m.group(2)) / 1e6


def mapnik_render(args):
    out, _, _, _ = run([PY, SCRIPT, "--shared", args.shared, "--repeat", str(args.renders), "--stats",
                        "--out", os.path.join(args.out, "mapnik_scene.png")])
    wall, cpu = out.split()
    return float(wall), float(cpu)


def ours_export(args, bench, page, out, basemap=False):
    cmd = [args.bin, "export", "--add", os.path.join(bench, "zones.geojson"),
           "--add", os.path.join(bench, "routes.geojson"), "--add", os.path.join(bench, "events.geojson"),
           "--bbox", BBOX, "--out", out] + page
    if not basemap:
        cmd += LIKE_MAPNIK
    _, wall, cpu, rss = run(cmd)
    return wall, cpu, rss


def mapnik_export(args, bench, size, scale, out):
    cmd = [PY, SCRIPT, "--shared", args.shared, "--bench", bench, "--size", size, "--scale", str(scale), "--out", out]
    _, wall, cpu, rss = run(cmd)
    return wall, cpu, rss


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True, help="the maliatlas binary")
    ap.add_argument("--render-test", required=True, help="go test -c binary of ./render")
    ap.add_argument("--render-dir", required=True, help="the render package folder (the test's working dir)")
    ap.add_argument("--shared", default=os.environ.get("SHARED", "../shared"))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--renders", type=int, default=10, help="renders per in-process measurement")
    ap.add_argument("--scene", action="append", default=[], help="NAME=DIR: a larger scene for memory (and time)")
    ap.add_argument("--out", default="out")
    args = ap.parse_args()
    args.render_test = os.path.abspath(args.render_test)
    args.bin = os.path.abspath(args.bin)
    os.makedirs(args.out, exist_ok=True)
    bench1 = os.path.join(args.shared, "bench")
    scenes = [("1x", bench1)] + [tuple(s.split("=", 1)) for s in args.scene]

    # name -> side -> list of (wall, cpu, rss)
    res = {}

    def add(name, side, v):
        res.setdefault(name, {"ours": [], "mapnik": []})[side].append(v)

    a4 = ["--paper", "A4", "--landscape", "--dpi", "300"]
    for r in range(args.rounds):
        sides = ["ours", "mapnik"] if r % 2 == 0 else ["mapnik", "ours"]
        print(f"compare.py: round {r + 1} of {args.rounds} ({sides[0]} first) ...", file=sys.stderr)
        for side in sides:
            if side == "ours":
                w, c = go_render(args)
                add("render", side, (w, c, 0))
            else:
                w, c = mapnik_render(args)
                add("render", side, (w, c, 0))
        for side in sides:
            if side == "ours":
                add("export 1920x1080", side, ours_export(args, bench1, ["--size", "1920x1080"], os.path.join(args.out, "maliatlas_scene.png")))
            else:
                add("export 1920x1080", side, mapnik_export(args, bench1, "1920x1080", 1, os.path.join(args.out, "mapnik_scene.png")))
        for side in sides:
            if side == "ours":
                add("export A4 300 dpi", side, ours_export(args, bench1, a4, os.path.join(args.out, "maliatlas_a4.png")))
            else:
                add("export A4 300 dpi", side, mapnik_export(args, bench1, "3508x2480", 3.125, os.path.join(args.out, "mapnik_a4.png")))
        # Information: ours with the basemap and default overlays (no Mapnik counterpart).
        add("export with basemap 1920x1080", "ours", ours_export(args, bench1, ["--size", "1920x1080"],
                                                       os.path.join(args.out, "maliatlas_basemap.png"), basemap=True))
        for name, d in scenes[1:]:
            for side in sides:
                if side == "ours":
                    add(f"export 1920x1080, {name} scene", side, ours_export(args, d, ["--size", "1920x1080"], os.path.join(args.out, "maliatlas_scene_big.png")))
                else:
                    add(f"export 1920x1080, {name} scene", side, mapnik_export(args, d, "1920x1080", 1, os.path.join(args.out, "mapnik_scene_big.png")))

    def ratio(a, b):
        return f"{a / b:.2f}" if b > 0 else "n/a"

    lines = []
    lines.append(f"Medians of {args.rounds} alternating rounds (ours/Mapnik order swapped each round); "
                 f"render = mean of {args.renders} renders in process per round.")
    lines.append(f"{'':38} {'Mapnik':>9} {'ours':>9} {'ratio':>6}   target")
    targets = {("render", 1): "<= 0.10", ("export 1920x1080", 0): "<= 0.33", ("export A4 300 dpi", 0): "<= 0.40"}

    def med(name, side, k):
        v = [r[k] for r in res[name][side]]
        return statistics.median(v) if v else 0.0

    for name in res:
        for k, what in ((0, "wall ms"), (1, "CPU ms")):
            m, o = med(name, "mapnik", k), med(name, "ours", k)
            if not res[name]["mapnik"]:
                lines.append(f"{name + ', ' + what:38} {'-':>9} {o:9.1f} {'':>6}   (ours only: information)")
                continue
            lines.append(f"{name + ', ' + what:38} {m:9.1f} {o:9.1f} {ratio(o, m):>6}   {targets.get((name, k), '')}")
    lines.append("peak memory (max RSS of the process, MiB):")
    for name in res:
        if name == "render":
            continue
        m, o = med(name, "mapnik", 2), med(name, "ours", 2)
        if not res[name]["mapnik"]:
            lines.append(f"{'  ' + name:38} {'-':>9} {o:9.1f}")
            continue
        tgt = "<= 1" if "scene" in name else ""
        lines.append(f"{'  ' + name:38} {m:9.1f} {o:9.1f} {ratio(o, m):>6}   {tgt}")
    lines.append("rounds (wall ms / CPU ms, ours | Mapnik):")
    for name in res:
        o = " ".join(f"{w:.0f}/{c:.0f}" for w, c, _ in res[name]["ours"])
        m = " ".join(f"{w:.0f}/{c:.0f}" for w, c, _ in res[name]["mapnik"]) or "-"
        lines.append(f"  {name}: {o} | {m}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
