#!/usr/bin/python3
"""Renders the benchmark scene with Mapnik, for comparison with maliatlas's renderer.

The scene is the one `maliatlas export` draws in `make bench` (like for like,
issue #13: `maliatlas export --base none --layers countries,regions,rivers,towns
--add zones --add routes --add events`, no basemap), with maliatlas's styles:
  base    countries, Mali regions, rivers, towns (dots and labels; country,
          region and river names) from this repo's data/base/*.geojson when
          present, else from $SHARED/geodata;
  overlay $SHARED/bench zones (200 polygons, translucent fill + stroke), routes
          (1,000 lines, 1.2 px) and events (20,000 points, 5 px circles with a
          white outline), one colour per layer as maliatlas gives added files;
at 1920x1080 in Web Mercator (EPSG:3857) over lon -18..10, lat 4..27, anti-aliased.

    /usr/bin/python3 tools/mapnikbench/render_scene.py [--out FILE] [--repeat N] [--stats]
        [--size WxH] [--scale S] [--bench DIR]

--repeat N renders N times and prints the best render time in milliseconds on
stdout (loading the map, styles and data is excluded); details go to stderr.
With --stats it prints instead "WALL_MS CPU_MS": the mean wall-clock and CPU
time (user + system, all threads) per render over the N renders, the same
statistic as the Go benchmark's ns/op and cpu-ns/op (make bench compares them).
--size and --scale draw another page (A4 landscape at 300 dpi: 3508x2480,
scale 3.125, as maliatlas's 300 dpi pages draw symbols 300/96 larger);
--bench takes the zones, routes and events from another folder (the 10x scene).
Needs python3-mapnik (Debian), which lives in the system Python.
"""
import argparse
import glob
import math
import os
import sys
import time

try:
    import mapnik
except ImportError:
    sys.exit("render_scene.py: python3-mapnik is not installed (apt-get install python3-mapnik; run with /usr/bin/python3)")

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))

WIDTH, HEIGHT = 1920, 1080
LON0, LAT0, LON1, LAT1 = -18.0, 4.0, 10.0, 27.0
R = 6378137.0

# The bench layers are drawn as `maliatlas export --add zones --add routes
# --add events` draws them (layers/userlayers.go): one colour per added file,
# from the user palette in the order given (zones, routes, events), so that
# both renderers draw the same map (issue #13).
ZONE_COLOUR = "#1f77b4"   # fill at alpha 0x40, 1 px stroke
ROUTE_COLOUR = "#d62728"  # 1.2 px, round caps and joins
EVENT_COLOUR = "#2ca02c"  # 5 px circles, 1 px white stroke at 0.8


def merc(lon, lat):
    return R * math.radians(lon), R * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def base_files(shared):
    """Base layer files: data/base/*.geojson of this repo, else the shared geodata."""
    found = {}
    for path in sorted(glob.glob(os.path.join(REPO, "data", "base", "*.geojson"))):
        name = os.path.basename(path).lower()
        for key, words in (("countries", ("countr",)), ("regions", ("region", "admin1")),
                           ("rivers", ("river",)), ("towns", ("town", "place", "cit"))):
            if key not in found and any(w in name for w in words):
                found[key] = path
    geo = os.path.join(shared, "geodata")
    fallback = {
        "countries": "countries_context_ne10m.geojson",
        "regions": "mali_admin1_ocha2021.geojson",
        "rivers": "rivers_niger_senegal_ne50m.geojson",
        "towns": "towns.geojson",
    }
    for key, f in fallback.items():
        if key not in found:
            found[key] = os.path.join(geo, f)
    for key, path in found.items():
        if not os.path.exists(path):
            sys.exit(f"render_scene.py: {key} layer: {path}: no such file")
    return found


def esc(s):
    return s.replace("&", "&amp;").replace("'", "&apos;").replace("<", "&lt;")


def map_xml(base, bench):
    def layer(name, path, style):
        return (f"<Layer name='{name}' srs='epsg:4326'><StyleName>{style}</StyleName>"
                f"<Datasource><Parameter name='type'>geojson</Parameter>"
                f"<Parameter name='file'>{esc(path)}</Parameter></Datasource></Layer>")

    # The styles of data/layers.json (countries, regions, rivers, towns) and
    # of maliatlas's added layers, labels included.
    halo = "halo-fill='{}' halo-radius='1.5'"
    styles = f"""
<Style name='countries'><Rule>
  <PolygonSymbolizer fill='#efe9dc' gamma='1'/>
  <LineSymbolizer stroke='#b5a993' stroke-width='1'/>
</Rule></Style>
<Style name='countries-labels'><Rule>
  <TextSymbolizer face-name='Noto Sans Italic' size='12' fill='#8c8c8c' placement='interior'>[name_en]</TextSymbolizer>
</Rule></Style>
<Style name='regions'><Rule>
  <PolygonSymbolizer fill='#fbf7ee' gamma='1'/>
  <LineSymbolizer stroke='#7d6f5a' stroke-width='1.4' stroke-linejoin='round'/>
</Rule></Style>
<Style name='regions-labels'><Rule>
  <TextSymbolizer face-name='Noto Sans Bold' size='13' fill='#5f5444' {halo.format('#fbf7ee')}
     text-transform='uppercase' placement='interior'>[name_en]</TextSymbolizer>
</Rule></Style>
<Style name='rivers'><Rule>
  <LineSymbolizer stroke='#5b9bd5' stroke-width='1.8' stroke-linejoin='round' stroke-linecap='round'/>
  <TextSymbolizer face-name='Noto Sans Italic' size='10' fill='#2f6fa8' {halo.format('#ffffff')}
     placement='line'>[name_en]</TextSymbolizer>
</Rule></Style>
<Style name='zones'><Rule>
  <PolygonSymbolizer fill='{ZONE_COLOUR}' fill-opacity='0.25' gamma='1'/>
  <LineSymbolizer stroke='{ZONE_COLOUR}' stroke-width='1'/>
</Rule></Style>
<Style name='routes'><Rule>
  <LineSymbolizer stroke='{ROUTE_COLOUR}' stroke-width='1.2' stroke-linejoin='round' stroke-linecap='round'/>
</Rule></Style>
<Style name='events'><Rule>
  <MarkersSymbolizer marker-type='ellipse' width='5' height='5' fill='{EVENT_COLOUR}' stroke='#ffffff'
     stroke-opacity='0.8' stroke-width='1' allow-overlap='true' ignore-placement='true'/>
</Rule></Style>
<Style name='towns'><Rule>
  <MarkersSymbolizer marker-type='ellipse' width='5' height='5' fill='#333333' stroke='#ffffff'
     stroke-width='1' allow-overlap='true' ignore-placement='true'/>
  <TextSymbolizer face-name='Noto Sans Regular' size='10.5' fill='#222222' {halo.format('#ffffff')}
     dx='5' dy='-5' placement-type='simple' placements='NE,SE,NW,SW'>[name]</TextSymbolizer>
</Rule></Style>
"""
    layers = "".join([
        layer("countries", base["countries"], "countries"),
        layer("regions", base["regions"], "regions"),
        layer("rivers", base["rivers"], "rivers"),
        layer("zones", os.path.join(bench, "zones.geojson"), "zones"),
        layer("routes", os.path.join(bench, "routes.geojson"), "routes"),
        layer("events", os.path.join(bench, "events.geojson"), "events"),
        layer("towns", base["towns"], "towns"),
        layer("regions-labels", base["regions"], "regions-labels"),
        layer("countries-labels", base["countries"], "countries-labels"),
    ])
    return f"<Map srs='epsg:3857' background-color='#d8e6ef'>{styles}{layers}</Map>"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="/tmp/mapnik_scene.png", help="PNG to write (default %(default)s)")
    ap.add_argument("--repeat", type=int, default=0,
                    help="render N times; print the best render time in ms (load excluded)")
    ap.add_argument("--stats", action="store_true",
                    help="with --repeat: print the mean wall and CPU ms per render instead")
    ap.add_argument("--size", default=f"{WIDTH}x{HEIGHT}", help="image size WxH (default %(default)s)")
    ap.add_argument("--scale", type=float, default=1.0, help="symbol scale factor (default 1)")
    ap.add_argument("--shared", default=os.environ.get("SHARED", os.path.join(REPO, "..", "shared")),
                    help="the shared inputs folder (default $SHARED or ../shared)")
    ap.add_argument("--bench", default="", help="folder of zones/routes/events (default SHARED/bench)")
    args = ap.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))

    bench = args.bench or os.path.join(args.shared, "bench")
    for f in ("zones", "routes", "events"):
        p = os.path.join(bench, f + ".geojson")
        if not os.path.exists(p):
            sys.exit(f"render_scene.py: {p}: no such file")

    t0 = time.perf_counter()
    fonts = os.path.join(REPO, "assets", "fonts")
    if os.path.isdir(fonts):
        mapnik.register_fonts(fonts)
    m = mapnik.Map(width, height)
    mapnik.load_map_from_string(m, map_xml(base_files(args.shared), bench))
    x0, y0 = merc(LON0, LAT0)
    x1, y1 = merc(LON1, LAT1)
    m.zoom_to_box(mapnik.Box2d(x0, y0, x1, y1))  # grows the box to the image's aspect
    load_ms = (time.perf_counter() - t0) * 1000

    im = mapnik.Image(width, height)
    best = float("inf")
    n = max(1, args.repeat)
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for _ in range(n):
        im.clear()
        t = time.perf_counter()
        mapnik.render(m, im, args.scale)
        best = min(best, (time.perf_counter() - t) * 1000)
    wall = (time.perf_counter() - wall0) * 1000 / n
    cpu = (time.process_time() - cpu0) * 1000 / n
    im.save(args.out, "png32")
    if args.repeat:
        print(f"mapnik {mapnik.mapnik_version()}: load {load_ms:.1f} ms, best render of "
              f"{args.repeat}: {best:.1f} ms, mean {wall:.1f} ms wall, {cpu:.1f} ms CPU, wrote {args.out}",
              file=sys.stderr)
        if args.stats:
            print(f"{wall:.3f} {cpu:.3f}")
        else:
            print(f"{best:.3f}")


if __name__ == "__main__":
    main()
