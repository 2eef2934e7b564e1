"""Derives ``src/thucydides/serve/web/world.json``, the map view's world outline.

Source: Natural Earth 1:110m Admin 0 countries (public domain, naturalearthdata.com), as
shipped inside the geopandas 0.14.4 wheel on PyPI (``geopandas/datasets/naturalearth_lowres``;
the dataset was dropped from geopandas 1.0). Nothing is fetched at run time: the UI reads
the derived file from the package.

Run once, by hand::

    pip download --no-deps geopandas==0.14.4 -d /tmp/gpd
    unzip -o /tmp/gpd/geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/*' -d /tmp/gpd
    python tools/world_outline.py /tmp/gpd/geopandas/datasets/naturalearth_lowres \
        src/thucydides/serve/web/world.json

Each country becomes one SVG path in an equirectangular projection (x = lon + 180,
y = 90 - lat, in degrees), simplified with Douglas-Peucker and rounded to 0.1 degree,
which keeps the file small while coastlines stay recognisable at screen size.

Notes:
    The shapefile layout (main file header of 100 bytes, big-endian record headers,
    little-endian polygon records of type 5) is ESRI's "Shapefile Technical Description"
    (1998); the .dbf is dBASE III: a 32-byte header, 32-byte field descriptors, then
    fixed-width records each led by a deletion flag byte.
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

TOLERANCE = 0.15  # degrees; Douglas-Peucker tolerance
MIN_RING_AREA = 0.3  # square degrees; smaller islands are dropped


def read_dbf(path: Path) -> list[dict[str, str]]:
    """Reads a dBASE III table into a list of {field: stripped text}."""
    data = path.read_bytes()
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields = []
    pos = 32
    while data[pos] != 0x0D:
        name = data[pos : pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(count):
        start = header_len + i * record_len + 1  # skip the deletion flag
        row, offset = {}, start
        for name, width in fields:
            row[name] = data[offset : offset + width].decode("utf-8", "replace").strip()
            offset += width
        rows.append(row)
    return rows


def read_polygons(path: Path) -> list[list[list[tuple[float, float]]]]:
    """Reads a polygon shapefile: one list of rings (lists of (lon, lat)) per record."""
    data = path.read_bytes()
    pos, shapes = 100, []
    while pos < len(data):
        _, length = struct.unpack(">II", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + 2 * length]
        pos += 8 + 2 * length
        (shape_type,) = struct.unpack("<i", body[:4])
        if shape_type == 0:
            shapes.append([])
            continue
        if shape_type != 5:
            raise ValueError(f"shape type {shape_type} is not a polygon")
        n_parts, n_points = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", body[44 : 44 + 4 * n_parts]))
        coords = struct.unpack(f"<{2 * n_points}d", body[44 + 4 * n_parts :][: 16 * n_points])
        points = list(zip(coords[0::2], coords[1::2], strict=True))
        bounds = [*parts, n_points]
        shapes.append([points[bounds[k] : bounds[k + 1]] for k in range(n_parts)])
    return shapes


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker simplification of an open polyline."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5
    far, index = -1.0, 0
    for i in range(1, len(points) - 1):
        px, py = points[i]
        if norm == 0:
            d = ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
        else:
            d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
        if d > far:
            far, index = d, i
    if far <= tolerance:
        return [points[0], points[-1]]
    left = simplify(points[: index + 1], tolerance)
    return left[:-1] + simplify(points[index:], tolerance)


def area(ring: list[tuple[float, float]]) -> float:
    """Unsigned shoelace area of a ring, in square degrees."""
    return (
        abs(
            sum(
                x1 * y2 - x2 * y1
                for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=False)
            )
        )
        / 2
    )


def ring_path(ring: list[tuple[float, float]]) -> str:
    """One closed SVG subpath in equirectangular coordinates."""
    kept = simplify(ring, TOLERANCE)
    cells = []
    for lon, lat in kept:
        cell = f"{round(lon + 180, 1):g} {round(90 - lat, 1):g}"
        if not cells or cells[-1] != cell:
            cells.append(cell)
    if len(cells) < 3:
        return ""
    return "M" + "L".join(cells) + "Z"


def main(folder: str, out: str) -> None:
    """Writes the outline JSON from the naturalearth_lowres folder."""
    base = Path(folder) / "naturalearth_lowres"
    rows = read_dbf(base.with_suffix(".dbf"))
    shapes = read_polygons(base.with_suffix(".shp"))
    countries = []
    for row, rings in zip(rows, shapes, strict=True):
        d = "".join(ring_path(r) for r in rings if area(r) >= MIN_RING_AREA)
        if d:
            countries.append({"iso": row["iso_a3"], "name": row["name"], "d": d})
    countries.sort(key=lambda c: c["name"])
    document = {
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via the "
        "geopandas 0.14.4 wheel (naturalearth_lowres); derived by tools/world_outline.py",
        "projection": "equirectangular: x = lon + 180, y = 90 - lat (degrees)",
        "viewBox": [0, 0, 360, 180],
        "countries": countries,
    }
    Path(out).write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
