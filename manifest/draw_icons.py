"""Draw the Teams app icons (``color.png`` and ``outline.png``) for the service-window bot.

A dev tool, not part of the running bot: the committed PNGs are what ships, and the package
build checks them without Pillow. Run it only when the artwork changes::

    .venv/bin/pip install pillow   # into the dev venv only, never into requirements.txt
    .venv/bin/python manifest/draw_icons.py

The motif is a calendar page whose body is a four-paned window (the "service window" on a
set day) with a check mark: the day's tests passed and the all-clear is given. Colours are a
municipal blue fading to green. Both icons are written as 8-bit RGBA, non-interlaced, which
is what ``manifest.icons`` accepts.
"""

from __future__ import annotations

from pathlib import Path

# Pillow is installed by hand in the dev venv only (see above); without it mypy has no types
# for it, with it the ignore is unused.
from PIL import Image, ImageDraw  # type: ignore[import-not-found, unused-ignore]

HERE = Path(__file__).resolve().parent
SCALE = 8  # draw large, then downsample: cheap anti-aliasing

BLUE_TOP = (10, 78, 140)  # municipal blue
GREEN_BOTTOM = (22, 132, 104)  # green-teal
GREEN_CHECK = (46, 160, 67)
WHITE = (255, 255, 255)
PANE = (214, 232, 245)  # pale blue glass


def _box(
    x0: float, y0: float, x1: float, y1: float, shift: tuple[float, float] = (0, 0)
) -> tuple[int, int, int, int]:
    """Scale a box given in final-pixel units (moved by ``shift``) to the supersampled canvas."""
    dx, dy = shift
    return (
        round((x0 + dx) * SCALE),
        round((y0 + dy) * SCALE),
        round((x1 + dx) * SCALE),
        round((y1 + dy) * SCALE),
    )


def _pts(points: list[tuple[float, float]], shift: tuple[float, float] = (0, 0)) -> list[tuple[int, int]]:
    dx, dy = shift
    return [(round((x + dx) * SCALE), round((y + dy) * SCALE)) for x, y in points]


def _gradient(size: int, top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    """A diagonal gradient from the top-left (top colour) to the bottom-right (bottom colour)."""
    img = Image.new("RGB", (size, size))
    px = img.load()
    assert px is not None
    span = 2 * (size - 1)
    for y in range(size):
        for x in range(size):
            t = (x + y) / span
            px[x, y] = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
    return img


def draw_color(path: Path) -> None:
    """192x192 full-colour icon: white calendar-window with a green check badge on blue-green."""
    size = 192
    big = size * SCALE
    img = _gradient(big, BLUE_TOP, GREEN_BOTTOM).convert("RGBA")
    d = ImageDraw.Draw(img)
    # The page plus the badge span x 34..177 and y 34..177: move the group to the centre.
    sh = (-9.5, -9.5)

    # Calendar page (the symbol sits inside the central ~130 px, as Teams recommends padding).
    page = (34, 46, 146, 150)
    d.rounded_rectangle(_box(*page, shift=sh), radius=12 * SCALE, fill=WHITE)
    # Header band of the calendar, in the deep blue.
    d.rounded_rectangle(_box(34, 46, 146, 72, sh), radius=12 * SCALE, fill=BLUE_TOP)
    d.rectangle(_box(34, 60, 146, 72, sh), fill=BLUE_TOP)
    # Binder rings.
    for cx in (62, 118):
        d.rounded_rectangle(_box(cx - 5, 34, cx + 5, 58, sh), radius=5 * SCALE, fill=WHITE)
        d.rounded_rectangle(_box(cx - 2.5, 38, cx + 2.5, 55, sh), radius=2.5 * SCALE, fill=(190, 205, 220))
    # The window: four panes of glass below the header.
    gap = 6
    left, top, right, bottom = 46, 82, 134, 138
    midx, midy = (left + right) / 2, (top + bottom) / 2
    for x0, y0, x1, y1 in (
        (left, top, midx - gap / 2, midy - gap / 2),
        (midx + gap / 2, top, right, midy - gap / 2),
        (left, midy + gap / 2, midx - gap / 2, bottom),
        (midx + gap / 2, midy + gap / 2, right, bottom),
    ):
        d.rounded_rectangle(_box(x0, y0, x1, y1, sh), radius=4 * SCALE, fill=PANE)

    # Check badge overlapping the bottom-right corner of the page.
    cx, cy, r = 142, 142, 30
    d.ellipse(_box(cx - r - 5, cy - r - 5, cx + r + 5, cy + r + 5, sh), fill=WHITE)
    d.ellipse(_box(cx - r, cy - r, cx + r, cy + r, sh), fill=GREEN_CHECK)
    d.line(
        _pts([(cx - 14, cy + 1), (cx - 4, cy + 11), (cx + 15, cy - 10)], sh),
        fill=WHITE,
        width=8 * SCALE,
        joint="curve",
    )
    for x, y in ((cx - 14, cy + 1), (cx + 15, cy - 10)):  # round line caps
        d.ellipse(_box(x - 4, y - 4, x + 4, y + 4, sh), fill=WHITE)

    img.resize((size, size), Image.Resampling.LANCZOS).save(path, optimize=True)


def draw_outline(path: Path) -> None:
    """32x32 outline icon: the same calendar-window with a check, white on transparent.

    Only the alpha mask is drawn and downsampled; every pixel's colour is pure white, so
    anti-aliased edges stay white (partly transparent), as Teams requires.
    """
    size = 32
    mask = Image.new("L", (size * SCALE, size * SCALE), 0)
    d = ImageDraw.Draw(mask)
    on = 255
    stroke = 2
    # Page outline.
    d.rounded_rectangle(_box(3, 6, 29, 29), radius=4 * SCALE, outline=on, width=stroke * SCALE)
    # Header bar (filled) and binder rings.
    d.rectangle(_box(3, 9, 29, 12), fill=on)
    d.rounded_rectangle(_box(3, 6, 29, 12), radius=4 * SCALE, fill=on)
    for cx in (10, 22):
        d.rounded_rectangle(_box(cx - 1.5, 2, cx + 1.5, 8), radius=1.5 * SCALE, fill=on)
    # Check mark in the page body.
    d.line(_pts([(9.5, 20), (14, 24.5), (22.5, 15.5)]), fill=on, width=round(2.6 * SCALE), joint="curve")
    for x, y in ((9.5, 20), (22.5, 15.5)):
        d.ellipse(_box(x - 1.3, y - 1.3, x + 1.3, y + 1.3), fill=on)

    alpha = mask.resize((size, size), Image.Resampling.LANCZOS)
    img = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    img.putalpha(alpha)
    img.save(path, optimize=True)


def main() -> None:
    draw_color(HERE / "color.png")
    draw_outline(HERE / "outline.png")
    print(f"wrote {HERE / 'color.png'} and {HERE / 'outline.png'}")


if __name__ == "__main__":
    main()
