"""Calm, flat illustrations in the Den Haag palette, drawn with Pillow: the pictures of the demo
content (``manage.py load_demo_images``).

They are drawings, not photos, on purpose: demo content must not pretend to show a real place
or real people. Each motif is a few geometric shapes (flats under a sun, a table with people
around it, a garden, a workshop, an energy roof, a bookshelf). The same motif and seed give
the same picture, so a second run has nothing new to draw.

``illustration()`` returns PNG bytes in a ``ContentFile``; the caller stores it through the
normal upload processing (``reencode``, then ``make_renditions``), like any partner's photo.
"""

import io
import math
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1280, 720  # 16:9, the shape of a card's picture
SCALE = 2  # drawn twice as large and scaled down: smooth edges without anti-aliasing support

# The Den Haag design tokens (static/vendor/denhaag-design-tokens), as RGB.
PALETTE = {
    "blue-1": (220, 236, 250), "blue-2": (178, 205, 235), "blue-3": (18, 100, 161),
    "blue-4": (9, 75, 129),
    "green-1": (214, 232, 213), "green-2": (124, 181, 121), "green-3": (36, 133, 66),
    "green-4": (30, 108, 53),
    "ocher-1": (255, 247, 209), "ocher-2": (255, 231, 133), "ocher-3": (248, 214, 42),
    "orange-1": (255, 225, 173), "orange-2": (255, 196, 92), "orange-3": (240, 140, 0),
    "red-2": (233, 137, 128),
    "warmgrey-1": (249, 248, 246), "grey-2": (209, 209, 209),
}


def colour(name):
    return PALETTE[name]


class Canvas:
    """A drawing surface in the illustration's own coordinates (1280 x 720)."""

    def __init__(self, background):
        self.image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), colour(background))
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def box(x0, y0, x1, y1):
        return [x0 * SCALE, y0 * SCALE, x1 * SCALE, y1 * SCALE]

    def rectangle(self, x0, y0, x1, y1, fill, radius=0):
        self.draw.rounded_rectangle(self.box(x0, y0, x1, y1), radius * SCALE, fill=colour(fill))

    def circle(self, x, y, r, fill):
        self.draw.ellipse(self.box(x - r, y - r, x + r, y + r), fill=colour(fill))

    def ellipse(self, x0, y0, x1, y1, fill):
        self.draw.ellipse(self.box(x0, y0, x1, y1), fill=colour(fill))

    def polygon(self, points, fill):
        self.draw.polygon([(x * SCALE, y * SCALE) for x, y in points], fill=colour(fill))

    def png(self):
        small = self.image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
        output = io.BytesIO()
        small.save(output, "PNG", optimize=True)
        return output.getvalue()


def flats(canvas, rng):
    """Portiekflats of Zuidwest under a sun: blocks with rows of windows."""
    canvas.circle(1040, 170, 90, "ocher-3")
    canvas.rectangle(0, 560, WIDTH, HEIGHT, "green-2")
    x = 60
    while True:
        width = rng.choice((220, 260, 300))
        if x + width > WIDTH - 60:
            break
        floors = rng.choice((3, 4, 5))
        top = 560 - floors * 80 - 20
        canvas.rectangle(x, top, x + width, 560, rng.choice(("blue-3", "blue-4")), radius=6)
        for floor in range(floors):
            for window in range(width // 60):
                wx = x + 22 + window * 60
                wy = top + 24 + floor * 80
                lit = rng.random() < 0.45
                canvas.rectangle(wx, wy, wx + 34, wy + 40, "ocher-2" if lit else "blue-1",
                                 radius=4)
        x += width + rng.choice((40, 60, 80))


def table(canvas, rng):
    """A round table seen from above with people (circles) around it: meeting each other."""
    colours = ["blue-3", "green-3", "orange-3", "red-2", "ocher-3", "blue-4", "green-2"]
    rng.shuffle(colours)
    cx, cy = WIDTH / 2, HEIGHT / 2
    canvas.circle(cx, cy, 300, "ocher-1")
    canvas.circle(cx, cy, 170, "orange-2")
    for index, name in enumerate(colours[:6]):
        angle = index * 60 + rng.choice((-8, 0, 8))
        px = cx + math.cos(math.radians(angle)) * 245
        py = cy + math.sin(math.radians(angle)) * 245
        canvas.circle(px, py, 52, name)
    canvas.circle(cx - 40, cy - 30, 26, "warmgrey-1")  # cups on the table
    canvas.circle(cx + 50, cy + 35, 26, "warmgrey-1")


def garden(canvas, rng):
    """Hills, plant beds and round shrubs under a low sun."""
    canvas.circle(260, 200, 110, "ocher-2")
    canvas.ellipse(-200, 380, 760, 900, "green-2")
    canvas.ellipse(420, 420, 1480, 980, "green-3")
    for row in range(3):
        y = 520 + row * 55
        canvas.rectangle(120 + row * 40, y, 1160 - row * 40, y + 26, "green-1", radius=13)
    for _ in range(7):
        x = rng.randrange(80, WIDTH - 80)
        y = rng.randrange(420, 500)
        size = rng.randrange(36, 64)
        canvas.circle(x, y, size, rng.choice(("green-4", "green-3", "orange-3")))


def workshop(canvas, rng):
    """A workbench with round and square shapes: wheels, blocks, a tool rack."""
    canvas.rectangle(0, 500, WIDTH, HEIGHT, "orange-2")
    canvas.rectangle(120, 120, 1160, 150, "blue-4", radius=15)
    for index in range(8):
        x = 170 + index * 125
        length = rng.choice((60, 90, 120))
        canvas.rectangle(x, 150, x + 22, 150 + length, rng.choice(("blue-3", "green-3")),
                         radius=11)
    canvas.circle(330, 420, 110, "blue-4")
    canvas.circle(330, 420, 45, "orange-1")
    canvas.rectangle(560, 360, 800, 500, "green-3", radius=10)
    canvas.rectangle(830, 300, 1020, 500, "blue-3", radius=10)
    canvas.circle(925, 250, 40, "ocher-3")


def energy(canvas, rng):
    """A roof full of solar panels under a big sun with rays."""
    sun_x, sun_y = 1020, 180
    for ray in range(12):
        angle = math.radians(ray * 30 + 15)
        canvas.polygon([
            (sun_x + math.cos(angle - 0.08) * 120, sun_y + math.sin(angle - 0.08) * 120),
            (sun_x + math.cos(angle) * 190, sun_y + math.sin(angle) * 190),
            (sun_x + math.cos(angle + 0.08) * 120, sun_y + math.sin(angle + 0.08) * 120),
        ], "ocher-2")
    canvas.circle(sun_x, sun_y, 100, "ocher-3")
    canvas.rectangle(0, 600, WIDTH, HEIGHT, "green-2")
    canvas.polygon([(80, 600), (300, 330), (760, 330), (980, 600)], "red-2")
    for row in range(3):
        for column in range(5):
            left = 300 - row * 60 + column * 95 + row * 6
            top = 360 + row * 75
            canvas.polygon([
                (left + 10, top), (left + 92, top), (left + 80, top + 60), (left - 2, top + 60),
            ], "blue-4")
    canvas.rectangle(230, 600, 830, 612, "grey-2")


def books(canvas, rng):
    """A bookshelf with books of many heights and colours: a reading corner."""
    names = ["blue-3", "green-3", "orange-3", "red-2", "ocher-3", "blue-4", "green-2"]
    for shelf_y in (330, 620):
        canvas.rectangle(100, shelf_y, 1180, shelf_y + 22, "orange-3", radius=4)
        x = 130
        while x < 1120:
            width = rng.randrange(34, 70)
            height = rng.randrange(150, 230)
            if rng.random() < 0.12:  # now and then a gap
                x += width
                continue
            canvas.rectangle(x, shelf_y - height, x + width, shelf_y, rng.choice(names),
                             radius=4)
            x += width + 6


MOTIFS = {
    "flats": ("blue-1", flats),
    "table": ("warmgrey-1", table),
    "garden": ("green-1", garden),
    "workshop": ("orange-1", workshop),
    "energy": ("blue-1", energy),
    "books": ("ocher-1", books),
}


def illustration(motif, seed):
    """A ``ContentFile`` with the PNG of ``motif`` (a key of ``MOTIFS``), the same for a seed."""
    background, draw = MOTIFS[motif]
    canvas = Canvas(background)
    draw(canvas, random.Random(seed))
    return ContentFile(canvas.png(), name=f"{motif}.png")
