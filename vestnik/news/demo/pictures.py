"""Demo photos drawn with Pillow: skylines, seas, stadiums, labs, charts, cartoons.

Nothing is downloaded: every picture is painted from a scene name and a seed,
so the demo content is the same on every machine.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageFilter, ImageFont

W, H = 1280, 720
Color = tuple[int, int, int]

PALETTES: list[tuple[Color, Color]] = [
    ((24, 54, 96), (238, 160, 92)),  # dusk
    ((70, 130, 190), (200, 228, 245)),  # clear day
    ((18, 22, 48), (90, 60, 120)),  # night
    ((120, 150, 170), (226, 226, 220)),  # overcast
    ((196, 90, 60), (250, 210, 140)),  # sunset
]


def _gradient(top: Color, bottom: Color, size: tuple[int, int] = (W, H)) -> Image.Image:
    base = Image.new("RGB", (1, 256))
    for y in range(256):
        t = y / 255
        base.putpixel(
            (0, y),
            tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    return base.resize(size, Image.Resampling.BILINEAR)


def _shade(color: Color, factor: float) -> Color:
    return (
        max(0, min(255, round(color[0] * factor))),
        max(0, min(255, round(color[1] * factor))),
        max(0, min(255, round(color[2] * factor))),
    )


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def city(rng: random.Random, palette: tuple[Color, Color]) -> Image.Image:
    img = _gradient(*palette)
    draw = ImageDraw.Draw(img)
    night = sum(palette[0]) < 150
    for layer, (factor, base_y) in enumerate(
        [(0.55, 0.55), (0.35, 0.65), (0.18, 0.78)]
    ):
        x = -rng.randint(0, 60)
        while x < W:
            width = rng.randint(50, 140)
            top = int(H * base_y) - rng.randint(20, 260 - layer * 60)
            color = _shade(palette[0], factor)
            draw.rectangle([x, top, x + width, H], fill=color)
            if rng.random() < 0.25:
                draw.rectangle(
                    [x + width // 2 - 3, top - 60, x + width // 2 + 3, top], fill=color
                )
            for wy in range(top + 12, H - 10, 22):
                for wx in range(x + 8, x + width - 12, 18):
                    if rng.random() < (0.45 if night else 0.12):
                        lit = (255, 214, 120) if night else _shade(palette[1], 0.9)
                        draw.rectangle([wx, wy, wx + 7, wy + 10], fill=lit)
            x += width + rng.randint(2, 16)
    return img


def sea(rng: random.Random, palette: tuple[Color, Color]) -> Image.Image:
    img = _gradient(palette[1], palette[0])
    draw = ImageDraw.Draw(img)
    horizon = int(H * rng.uniform(0.45, 0.6))
    sun_x, r = rng.randint(200, W - 200), rng.randint(50, 90)
    draw.ellipse(
        [sun_x - r, horizon - r - 40, sun_x + r, horizon + r - 40], fill=(255, 236, 180)
    )
    water = _gradient(
        _shade(palette[0], 0.9), _shade(palette[0], 0.4), (W, H - horizon)
    )
    img.paste(water, (0, horizon))
    for _ in range(160):
        y = rng.randint(horizon + 4, H)
        x = rng.randint(0, W)
        length = rng.randint(20, 90) * (y - horizon) // (H - horizon) + 10
        draw.line([x, y, x + length, y], fill=_shade(palette[1], 1.05), width=2)
    if rng.random() < 0.7:  # a boat
        bx, by = rng.randint(150, W - 300), horizon + rng.randint(40, 140)
        draw.polygon(
            [(bx, by), (bx + 160, by), (bx + 130, by + 30), (bx + 25, by + 30)],
            fill=(40, 40, 50),
        )
        draw.polygon(
            [(bx + 80, by - 120), (bx + 80, by - 5), (bx + 150, by - 5)],
            fill=(240, 240, 235),
        )
    return img


def mountains(rng: random.Random, palette: tuple[Color, Color]) -> Image.Image:
    img = _gradient(palette[0], palette[1])
    draw = ImageDraw.Draw(img)
    for i, factor in enumerate([0.75, 0.5, 0.3]):
        base = int(H * (0.5 + i * 0.15))
        points = [(0, H)]
        x = 0
        while x <= W:
            points.append((x, base - rng.randint(40, 220 - i * 50)))
            x += rng.randint(80, 200)
        points += [(W, base), (W, H)]
        draw.polygon(points, fill=_shade((70, 100, 90), factor + 0.3))
    for _ in range(60):
        tx, ty = rng.randint(0, W), rng.randint(int(H * 0.8), H)
        draw.polygon([(tx, ty - 50), (tx - 14, ty), (tx + 14, ty)], fill=(28, 60, 40))
    return img


def stadium(rng: random.Random, palette: tuple[Color, Color]) -> Image.Image:
    img = _gradient((20, 30, 50), (60, 70, 90))
    draw = ImageDraw.Draw(img)
    stands = int(H * 0.38)
    for row in range(0, stands, 10):
        for col in range(0, W, 9):
            if rng.random() < 0.8:
                crowd = rng.choice(
                    [
                        (200, 40, 50),
                        (240, 240, 240),
                        (30, 80, 160),
                        (250, 200, 40),
                        (90, 90, 100),
                    ]
                )
                draw.ellipse(
                    [col, row + 4, col + 6, row + 10],
                    fill=_shade(crowd, 0.7 + row / stands * 0.3),
                )
    pitch = Image.new("RGB", (W, H - stands), (46, 125, 50))
    pd = ImageDraw.Draw(pitch)
    for i in range(0, W, 120):
        pd.rectangle([i, 0, i + 60, H], fill=(52, 138, 56))
    img.paste(pitch, (0, stands))
    white = (235, 240, 235)
    draw.line([W // 2, stands, W // 2, H], fill=white, width=4)
    draw.ellipse(
        [W // 2 - 110, stands + 80, W // 2 + 110, stands + 300], outline=white, width=4
    )
    draw.rectangle([-10, stands + 60, 170, H - 60], outline=white, width=4)
    for _ in range(rng.randint(6, 10)):  # players
        px, py = rng.randint(100, W - 100), rng.randint(stands + 40, H - 40)
        kit = rng.choice([(200, 30, 40), (20, 60, 160)])
        draw.ellipse([px - 9, py - 40, px + 9, py - 22], fill=(230, 190, 160))
        draw.rectangle([px - 12, py - 22, px + 12, py + 8], fill=kit)
        draw.rectangle([px - 10, py + 8, px + 10, py + 30], fill=(30, 30, 30))
    draw.ellipse(
        [W // 2 + 40, stands + 200, W // 2 + 58, stands + 218], fill=(255, 255, 255)
    )
    return img


def building(rng: random.Random, palette: tuple[Color, Color]) -> Image.Image:
    """A parliament-like building with columns and a dome."""
    img = _gradient(*palette)
    draw = ImageDraw.Draw(img)
    stone = (226, 218, 200)
    shadow = (180, 170, 150)
    left, right, base = 220, W - 220, H - 90
    draw.rectangle([0, base, W, H], fill=(110, 110, 105))
    draw.rectangle([left, base - 300, right, base], fill=stone)
    draw.polygon(
        [(left - 20, base - 300), (W // 2, base - 420), (right + 20, base - 300)],
        fill=stone,
    )
    draw.rectangle([W // 2 - 100, base - 480, W // 2 + 100, base - 380], fill=shadow)
    draw.pieslice(
        [W // 2 - 110, base - 590, W // 2 + 110, base - 370],
        180,
        360,
        fill=(170, 190, 190),
    )
    draw.rectangle([W // 2 - 6, base - 660, W // 2 + 6, base - 480], fill=(80, 80, 80))
    draw.polygon(
        [(W // 2 + 6, base - 660), (W // 2 + 70, base - 645), (W // 2 + 6, base - 630)],
        fill=rng.choice([(200, 30, 40), (30, 90, 170), (240, 190, 40)]),
    )
    for x in range(left + 30, right - 20, 70):
        draw.rectangle([x, base - 280, x + 28, base - 20], fill=(245, 240, 230))
        draw.rectangle([x + 22, base - 280, x + 28, base - 20], fill=shadow)
    for step in range(4):
        draw.rectangle(
            [
                left - 40 - step * 15,
                base - 20 + step * 5,
                right + 40 + step * 15,
                base + step * 5,
            ],
            fill=_shade(stone, 0.95 - step * 0.05),
        )
    return img


def lab(rng: random.Random, palette: tuple[Color, Color]) -> Image.Image:
    """An abstract 'molecule / network' picture for science stories."""
    img = _gradient((10, 30, 60), (20, 90, 120))
    draw = ImageDraw.Draw(img)
    nodes = [(rng.randint(60, W - 60), rng.randint(60, H - 60)) for _ in range(34)]
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            if math.dist(a, b) < 260:
                draw.line([a, b], fill=(90, 200, 220), width=2)
    for x, y in nodes:
        r = rng.randint(8, 26)
        draw.ellipse(
            [x - r, y - r, x + r, y + r],
            fill=rng.choice(
                [(240, 120, 80), (120, 220, 240), (250, 230, 120), (255, 255, 255)]
            ),
        )
    glow = img.filter(ImageFilter.GaussianBlur(6))
    return Image.blend(img, glow, 0.35)


def stage(rng: random.Random, palette: tuple[Color, Color]) -> Image.Image:
    """A concert or theatre stage with beams of light."""
    img = Image.new("RGB", (W, H), (12, 10, 20))
    beams = Image.new("RGB", (W, H), (0, 0, 0))
    bd = ImageDraw.Draw(beams)
    for _ in range(6):
        x = rng.randint(100, W - 100)
        color = rng.choice(
            [(255, 80, 160), (80, 160, 255), (255, 220, 90), (140, 255, 180)]
        )
        bd.polygon([(x, 0), (x - 260, H), (x + 260, H)], fill=_shade(color, 0.35))
    img = Image.blend(img, beams.filter(ImageFilter.GaussianBlur(20)), 0.9)
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, H - 200, W, H - 170], fill=(60, 40, 30))
    for _ in range(5):
        px = rng.randint(200, W - 200)
        draw.ellipse([px - 16, H - 330, px + 16, H - 298], fill=(20, 20, 25))
        draw.rectangle([px - 22, H - 300, px + 22, H - 200], fill=(20, 20, 25))
    for col in range(0, W, 26):  # audience heads
        for row in range(3):
            draw.ellipse(
                [
                    col + row * 9,
                    H - 150 + row * 48,
                    col + 30 + row * 9,
                    H - 110 + row * 48,
                ],
                fill=(8, 8, 12),
            )
    return img


def market(rng: random.Random, palette: tuple[Color, Color]) -> Image.Image:
    img = _gradient(palette[1], (230, 225, 210))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, H - 160, W, H], fill=(150, 140, 125))
    x = 20
    while x < W:
        width = rng.randint(160, 240)
        awning = rng.choice(
            [(200, 50, 50), (40, 120, 80), (40, 90, 170), (230, 170, 40)]
        )
        draw.rectangle([x, H - 400, x + width, H - 160], fill=(120, 90, 60))
        for i in range(0, width, 30):
            draw.rectangle([x + i, H - 440, x + i + 15, H - 380], fill=awning)
            draw.rectangle(
                [x + i + 15, H - 440, x + i + 30, H - 380], fill=(245, 240, 230)
            )
        for _ in range(18):
            fx, fy = rng.randint(x + 10, x + width - 20), rng.randint(H - 240, H - 180)
            draw.ellipse(
                [fx, fy, fx + 18, fy + 18],
                fill=rng.choice(
                    [(230, 60, 40), (250, 170, 30), (120, 190, 60), (200, 40, 120)]
                ),
            )
        x += width + 30
    return img


def chart(
    rng: random.Random, palette: tuple[Color, Color], title: str = ""
) -> Image.Image:
    """An infographic: a labelled bar chart with a trend line."""
    img = Image.new("RGB", (W, H), (250, 250, 247))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, W, 90], fill=(11, 61, 98))
    draw.text(
        (40, 22), title or "Figures of the month", font=_font(40), fill=(255, 255, 255)
    )
    left, bottom, top, right = 110, H - 80, 150, W - 60
    for i in range(6):
        y = bottom - (bottom - top) * i / 5
        draw.line([left, y, right, y], fill=(220, 220, 220), width=1)
        draw.text((40, y - 12), f"{i * 20}", font=_font(22), fill=(90, 90, 90))
    values = [rng.randint(20, 95) for _ in range(10)]
    step = (right - left) / len(values)
    points = []
    for i, v in enumerate(values):
        x0 = left + i * step + 12
        y0 = bottom - (bottom - top) * v / 100
        draw.rectangle(
            [x0, y0, x0 + step - 24, bottom],
            fill=(200, 16, 46) if i == len(values) - 1 else (10, 79, 134),
        )
        draw.text(
            (x0 + 4, bottom + 12), f"{2016 + i}", font=_font(20), fill=(60, 60, 60)
        )
        points.append((x0 + (step - 24) / 2, y0 - 24))
    draw.line(points, fill=(245, 180, 0), width=5)
    return img


def cartoon(
    rng: random.Random, palette: tuple[Color, Color], title: str = ""
) -> Image.Image:
    """A simple editorial cartoon: two figures and a speech bubble."""
    img = Image.new("RGB", (W, H), (253, 250, 240))
    draw = ImageDraw.Draw(img)
    ink = (30, 30, 30)
    for cx, tall in ((420, 1.0), (860, 0.8)):
        head_r = int(70 * tall)
        cy = int(H - 420 * tall)
        draw.ellipse(
            [cx - head_r, cy - head_r, cx + head_r, cy + head_r],
            outline=ink,
            width=6,
            fill=(255, 225, 200),
        )
        draw.ellipse([cx - 25, cy - 15, cx - 12, cy - 2], fill=ink)
        draw.ellipse([cx + 12, cy - 15, cx + 25, cy - 2], fill=ink)
        draw.arc([cx - 30, cy, cx + 30, cy + 40], 20, 160, fill=ink, width=5)
        draw.line([cx, cy + head_r, cx, H - 140], fill=ink, width=8)
        draw.line([cx, cy + head_r + 60, cx - 90, cy + head_r + 150], fill=ink, width=7)
        draw.line([cx, cy + head_r + 60, cx + 90, cy + head_r + 130], fill=ink, width=7)
        draw.line([cx, H - 140, cx - 60, H - 40], fill=ink, width=7)
        draw.line([cx, H - 140, cx + 60, H - 40], fill=ink, width=7)
    draw.rounded_rectangle(
        [480, 40, 1220, 200], radius=40, outline=ink, width=5, fill=(255, 255, 255)
    )
    draw.polygon(
        [(560, 196), (600, 196), (470, 260)], fill=(255, 255, 255), outline=ink
    )
    draw.text(
        (520, 90), title or "It's in the budget... somewhere.", font=_font(38), fill=ink
    )
    draw.line([0, H - 40, W, H - 40], fill=ink, width=4)
    return img


def forest(rng: random.Random, palette: tuple[Color, Color]) -> Image.Image:
    img = _gradient((150, 200, 220), (210, 230, 200))
    draw = ImageDraw.Draw(img)
    for layer in range(4):
        factor = 0.9 - layer * 0.18
        for _ in range(40):
            x = rng.randint(-40, W + 40)
            base = int(H * (0.55 + layer * 0.13))
            height = rng.randint(160, 300)
            green = _shade((50, 120, 70), factor)
            draw.polygon(
                [(x, base - height), (x - 55, base), (x + 55, base)], fill=green
            )
        draw.rectangle(
            [0, int(H * (0.55 + layer * 0.13)), W, H],
            fill=_shade((60, 110, 60), factor),
        )
    return img


SCENES: dict[str, Callable[..., Image.Image]] = {
    "city": city,
    "sea": sea,
    "mountains": mountains,
    "stadium": stadium,
    "building": building,
    "lab": lab,
    "stage": stage,
    "market": market,
    "chart": chart,
    "cartoon": cartoon,
    "forest": forest,
}


def draw(scene: str, seed: int, title: str = "") -> bytes:
    """A JPEG of `scene` painted deterministically from `seed`."""
    rng = random.Random(seed)  # noqa: S311 - pictures, not secrets
    palette = PALETTES[seed % len(PALETTES)]
    painter = SCENES[scene]
    image = (
        painter(rng, palette, title)
        if scene in ("chart", "cartoon")
        else painter(rng, palette)
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()
