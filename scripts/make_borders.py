"""Make the web page's country borders (src/marsad/serve/web/borders.json).

Reads Natural Earth country shapes as npm's `world-atlas` package ships them
(TopoJSON, public domain), simplifies them (finely around the Middle East and
North Africa, coarsely elsewhere, so an event in Washington or Moscow still
lands on land) and writes a small GeoJSON. Run once when the
shapes should change; the output is committed, nothing is fetched at run time:

    cd "$(mktemp -d)" && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 scripts/make_borders.py "$PWD/package/countries-50m.json"
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "marsad" / "serve" / "web" / "borders.json"
BOX = (-20.0, 0.0, 75.0, 50.0)  # west, south, east, north
TOLERANCE = 0.04  # degrees, inside BOX
WORLD_TOLERANCE = 0.4  # degrees, elsewhere
WORLD_MIN_AREA = 1.0  # square degrees of bounding box: smaller islands elsewhere are left out
# Arabic names for the region's countries, by ISO 3166-1 numeric code (Natural Earth's id).
ARABIC = {
    "368": "العراق", "760": "سوريا", "422": "لبنان", "400": "الأردن", "376": "إسرائيل", "275": "فلسطين",
    "682": "السعودية", "887": "اليمن", "512": "عُمان", "784": "الإمارات", "634": "قطر", "048": "البحرين",
    "414": "الكويت", "364": "إيران", "792": "تركيا", "818": "مصر", "434": "ليبيا", "788": "تونس",
    "012": "الجزائر", "504": "المغرب", "732": "الصحراء الغربية", "478": "موريتانيا", "729": "السودان",
    "728": "جنوب السودان", "706": "الصومال", "262": "جيبوتي", "232": "إريتريا", "231": "إثيوبيا",
    "196": "قبرص", "300": "اليونان", "004": "أفغانستان", "586": "باكستان", "031": "أذربيجان",
    "051": "أرمينيا", "268": "جورجيا", "795": "تركمانستان", "148": "تشاد", "562": "النيجر", "466": "مالي",
    "174": "جزر القمر",
}


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def simplify_ring(points, tol):
    """Douglas-Peucker on a closed ring: split at the point farthest from the first."""
    if len(points) < 4:
        return points
    x0, y0 = points[0]
    mid = max(range(len(points)), key=lambda i: (points[i][0] - x0) ** 2 + (points[i][1] - y0) ** 2)
    return simplify(points[: mid + 1], tol)[:-1] + simplify(points[mid:], tol)


def simplify(points, tol):
    """Douglas-Peucker."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5 or 1e-12
        far, far_d = None, tol
        for i in range(a + 1, b):
            px, py = points[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm
            if d > far_d:
                far, far_d = i, d
        if far is not None:
            keep[far] = True
            stack += [(a, far), (far, b)]
    return [p for p, k in zip(points, keep) if k]


def inside(points) -> bool:
    w, s, e, n = BOX
    return any(w <= x <= e and s <= y <= n for x, y in points)


def box_area(points) -> float:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (max(xs) - min(xs)) * (max(ys) - min(ys))


def main(path: str) -> None:
    topo = json.loads(Path(path).read_text("utf-8"))
    arcs = decode_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polygons = geom.get("arcs", [])
        if geom["type"] == "Polygon":
            polygons = [polygons]
        rings = []
        for polygon in polygons:
            outer = ring(polygon[0], arcs)
            if not inside(outer) and box_area(outer) < WORLD_MIN_AREA:
                continue
            r = simplify_ring(outer, TOLERANCE if inside(outer) else WORLD_TOLERANCE)
            if len(r) >= 4:
                rings.append([[[round(x, 2), round(y, 2)] for x, y in r]])
        if rings:
            features.append({
                "type": "Feature",
                "properties": {"name": geom["properties"]["name"], "ar": ARABIC.get(geom.get("id")),
                               "id": geom.get("id")},
                "geometry": {"type": "MultiPolygon", "coordinates": rings},
            })
    OUT.write_text(json.dumps({"type": "FeatureCollection", "features": features},
                              separators=(",", ":")), "utf-8")
    print(f"{len(features)} countries, {OUT.stat().st_size / 1024:.0f} KiB → {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
