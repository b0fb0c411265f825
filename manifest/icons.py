"""Check the Teams app icons (``color.png`` and ``outline.png``) before they go into the package.

Teams wants a 192x192 colour icon and a 32x32 outline icon that is white on a fully transparent
background. The PNGs are read with a small standard-library decoder so that the package build
needs no Pillow at run time; it accepts 8-bit RGBA, non-interlaced PNGs, which is what
``manifest/draw_icons.py`` writes. Anything else is reported with a sentence saying why.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from manifest import ManifestError

ICON_SIZES: dict[str, int] = {"color": 192, "outline": 32}

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_COLOR_TYPES = {0: "greyscale", 2: "RGB", 3: "palette", 4: "greyscale with alpha", 6: "RGBA"}


@dataclass(frozen=True)
class PngImage:
    """A decoded 8-bit RGBA PNG: ``pixels`` holds 4 bytes per pixel, row by row."""

    width: int
    height: int
    pixels: bytes

    def pixel(self, x: int, y: int) -> tuple[int, int, int, int]:
        i = (y * self.width + x) * 4
        r, g, b, a = self.pixels[i : i + 4]
        return r, g, b, a


def read_png(data: bytes, name: str = "image") -> PngImage:
    """Decode an 8-bit RGBA, non-interlaced PNG; anything else raises ManifestError saying why."""
    if not data.startswith(_PNG_SIGNATURE):
        raise ManifestError(f"{name} is not a PNG file")
    header: tuple[int, ...] | None = None
    idat: list[bytes] = []
    for kind, body in _chunks(data, name):
        if kind == b"IHDR":
            if len(body) != 13:
                raise ManifestError(f"{name} is corrupt (IHDR of {len(body)} bytes)")
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
    if header is None:
        raise ManifestError(f"{name} is corrupt (no IHDR chunk)")
    width, height = _check_header(header, name)
    try:
        raw = zlib.decompress(b"".join(idat))
    except zlib.error as exc:
        raise ManifestError(f"{name} is corrupt (image data: {exc})") from None
    return PngImage(width, height, _unfilter(raw, width, height, name))


def _chunks(data: bytes, name: str) -> Iterator[tuple[bytes, bytes]]:
    """Yield ``(kind, body)`` of each chunk after the signature, up to and including IEND.

    Lengths and CRCs are checked as each chunk is read, so a broken file is reported at the
    first bad chunk.
    """
    pos = len(_PNG_SIGNATURE)
    while True:
        if pos + 8 > len(data):
            raise ManifestError(f"{name} is truncated (no IEND chunk)")
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        crc = data[pos + 8 + length : pos + 12 + length]
        if len(body) != length or len(crc) != 4:
            raise ManifestError(f"{name} is truncated (chunk {kind!r})")
        if zlib.crc32(kind + body) != struct.unpack(">I", crc)[0]:
            raise ManifestError(f"{name} is corrupt (bad CRC in chunk {kind!r})")
        pos += 12 + length
        yield kind, body
        if kind == b"IEND":
            return


def _check_header(header: tuple[int, ...], name: str) -> tuple[int, int]:
    """The image's ``(width, height)`` if the IHDR fields describe a PNG this reader can decode."""
    width, height, bit_depth, color_type, compression, filter_method, interlace = header
    if (bit_depth, color_type) != (8, 6):
        kind_name = _COLOR_TYPES.get(color_type, f"colour type {color_type}")
        raise ManifestError(
            f"{name} is a {bit_depth}-bit {kind_name} PNG; only 8-bit RGBA is supported "
            "(an alpha channel is required): re-export it as 8-bit RGBA, e.g. with manifest/draw_icons.py"
        )
    if interlace != 0:
        raise ManifestError(f"{name} is an interlaced PNG; only non-interlaced PNGs are supported")
    if compression != 0 or filter_method != 0:
        raise ManifestError(f"{name} uses an unknown PNG compression or filter method")
    if width == 0 or height == 0:
        raise ManifestError(f"{name} has no pixels")
    return width, height


def _unfilter(raw: bytes, width: int, height: int, name: str) -> bytes:
    """Undo the per-row PNG filters (None, Sub, Up, Average, Paeth) for 4 bytes per pixel."""
    bpp = 4
    stride = width * bpp
    if len(raw) != height * (stride + 1):
        raise ManifestError(f"{name} is corrupt (image data has the wrong length)")
    out = bytearray()
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        filter_type = raw[start]
        line = bytearray(raw[start + 1 : start + 1 + stride])
        if filter_type == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif filter_type == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 0xFF
        elif filter_type == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif filter_type == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + predictor) & 0xFF
        elif filter_type != 0:
            raise ManifestError(f"{name} is corrupt (unknown row filter {filter_type})")
        out += line
        prev = line
    return bytes(out)


def check_icon(path: Path, kind: Literal["color", "outline"]) -> list[str]:
    """Problems with one icon (empty list if fine): format, size and, for the outline, colours."""
    name = path.name
    try:
        image = read_png(path.read_bytes(), name)
    except OSError as exc:
        return [f"{name}: cannot read the {kind} icon: {exc}"]
    except ManifestError as exc:
        return [str(exc)]
    problems: list[str] = []
    size = ICON_SIZES[kind]
    if (image.width, image.height) != (size, size):
        problems.append(
            f"{name}: the {kind} icon must be {size}x{size} pixels, this one is {image.width}x{image.height}"
        )
    if kind == "outline":
        outline_problem = _outline_problem(image, name)
        if outline_problem is not None:
            problems.append(outline_problem)
    return problems


def _outline_problem(image: PngImage, name: str) -> str | None:
    """Why the outline icon is not white on transparent (counting every offending pixel), if so."""
    bad = 0
    first: tuple[int, int, tuple[int, int, int, int]] | None = None
    visible = 0
    for y in range(image.height):
        for x in range(image.width):
            r, g, b, a = image.pixel(x, y)
            if a == 0:
                continue
            visible += 1
            if (r, g, b) != (255, 255, 255):
                bad += 1
                if first is None:
                    first = (x, y, (r, g, b, a))
    if first is not None:
        x, y, rgba = first
        return (
            f"{name}: the outline icon must be white on a fully transparent background; "
            f"{bad} of {image.width * image.height} pixels are neither transparent nor white "
            f"(first at x={x}, y={y}: rgba{rgba})"
        )
    if visible == 0:
        return f"{name}: the outline icon is fully transparent (nothing would show)"
    return None
