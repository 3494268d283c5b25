"""Build assets/world_110m.json, the country shapes the timeline map draws
offline, from two npm packages (run once; the output is committed):

    cd /tmp && npm pack world-atlas@2.0.2 i18n-iso-countries@7.14.0
    tar xzf world-atlas-2.0.2.tgz && mv package world-atlas
    tar xzf i18n-iso-countries-7.14.0.tgz && mv package i18n-iso-countries
    python scripts/build_world_map.py /tmp/world-atlas/countries-110m.json \
        /tmp/world-atlas/countries-50m.json /tmp/i18n-iso-countries/codes.json assets/world_110m.json

world-atlas (ISC, Mike Bostock) is Natural Earth 1:110m admin-0 countries
(public domain) as TopoJSON whose ids are ISO 3166-1 numeric codes;
i18n-iso-countries (MIT) gives the numeric -> alpha-3 mapping. Shapes
without an ISO code get Natural Earth's ADM0_A3 code (Kosovo, Northern
Cyprus, Somaliland). Antarctica is left out: no state to colour there.
States too small for the 1:110m shapes (Maldives, Nauru, ...) come from the
1:50m file as one point each (the middle of their largest island), drawn as
a marker.

Output: {"source": ..., "countries": [{"iso3", "name", "rings": [[lon, lat, lon, lat, ...], ...]}
or {"iso3", "name", "point": [lon, lat]}]}, outer rings only, coordinates
rounded to 0.1 degree (ample at this scale).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

NO_ISO_CODE = {
    "Kosovo": "XKX",
    "N. Cyprus": "CYN",
    "Somaliland": "SOL",
    "Indian Ocean Ter.": "IOA",
    "Siachen Glacier": "KAS",
}
LEFT_OUT = {"ATA"}
DECIMALS = 1


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Delta-decoded, de-quantized arcs in degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Stitch arcs into one ring; a negative index ~i is arc i reversed."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def flat(points: list[tuple[float, float]]) -> list[float]:
    """[(lon, lat), ...] -> [lon, lat, lon, lat, ...] rounded, repeats dropped,
    and unwrapped: a ring that crosses the antimeridian (Russia, Fiji) keeps
    going past 180 instead of jumping back across the whole map."""
    out: list[float] = []
    last = None
    offset = 0.0
    for lon, lat in points:
        if last is not None and lon + offset - last[0] > 180:
            offset -= 360
        elif last is not None and lon + offset - last[0] < -180:
            offset += 360
        point = (round(lon + offset, DECIMALS), round(lat, DECIMALS))
        if point != last:
            out.extend(point)
            last = point
    return out


def wrapped(rings: list[list[float]]) -> list[list[float]]:
    """Rings reaching past +-180 get a copy shifted by 360 degrees, so both
    edges of the map show their part (the plot clips what lies outside)."""
    out = []
    for ring in rings:
        out.append(ring)
        lons = ring[0::2]
        for shift in ((-360,) if max(lons) > 180 else ()) + ((360,) if min(lons) < -180 else ()):
            out.append([round(v + shift, DECIMALS) if i % 2 == 0 else v for i, v in enumerate(ring)])
    return out


def shapes(topology: dict, codes: list[list[str]]) -> dict[str, tuple[str, list[list[float]]]]:
    """iso3 -> (name, outer rings as flat coordinate lists)."""
    numeric_to_alpha3 = {numeric: alpha3 for _, alpha3, numeric, *_ in codes}
    arcs = decode_arcs(topology)
    out = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        iso3 = numeric_to_alpha3.get(geometry.get("id", ""), NO_ISO_CODE.get(name))
        if iso3 is None:
            raise SystemExit(f"no ISO code for {name!r}")
        if iso3 in LEFT_OUT:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [flat(ring(polygon[0], arcs)) for polygon in polygons]
        out[iso3] = (name, wrapped([r for r in rings if len(r) >= 6]))
    return out


def middle(rings: list[list[float]]) -> list[float]:
    """The middle of the bounding box of the largest ring (by point count)."""
    largest = max(rings, key=len)
    lons, lats = largest[0::2], largest[1::2]
    return [round((min(lons) + max(lons)) / 2, DECIMALS), round((min(lats) + max(lats)) / 2, DECIMALS)]


def build(small_scale: dict, medium_scale: dict, codes: list[list[str]]) -> dict:
    countries = [{"iso3": k, "name": n, "rings": r} for k, (n, r) in shapes(small_scale, codes).items() if r]
    drawn = {c["iso3"] for c in countries}
    for iso3, (name, rings) in shapes(medium_scale, codes).items():
        if iso3 not in drawn and rings:
            countries.append({"iso3": iso3, "name": name, "point": middle(rings)})
    countries.sort(key=lambda c: c["iso3"])
    return {
        "source": (
            "Natural Earth 1:110m admin-0 countries (public domain) via world-atlas 2.0.2 (ISC); "
            "ISO numeric to alpha-3 from i18n-iso-countries 7.14.0 (MIT). Built by scripts/build_world_map.py."
        ),
        "countries": countries,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    small, medium, codes = (json.loads(Path(a).read_text()) for a in argv[:3])
    result = build(small, medium, codes)
    Path(argv[3]).write_text(json.dumps(result, separators=(",", ":")) + "\n")
    points = sum(len(r) // 2 for c in result["countries"] for r in c.get("rings", []))
    markers = sum("point" in c for c in result["countries"])
    size = Path(argv[3]).stat().st_size
    print(f"{argv[3]}: {len(result['countries'])} countries ({markers} as points), {points} points, {size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
