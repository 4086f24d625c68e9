"""Company logos drawn locally with Pillow (no downloads): a coloured tile with the
company's letters and a simple shape, deterministic for a given company."""

import io

from PIL import Image, ImageDraw, ImageFont

from jobs.demo.companies import CompanyProfile

SIZE = 512


def draw_logo(company: CompanyProfile, variant: int = 0) -> bytes:
    """A PNG logo; `variant` (0–3) picks the shape behind the letters."""
    image = Image.new("RGB", (SIZE, SIZE), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    colour = company.colour
    light = tuple(min(255, c + (255 - c) * 3 // 5) for c in colour)
    shape = variant % 4
    if shape == 0:
        draw.rounded_rectangle((32, 32, SIZE - 32, SIZE - 32), radius=96, fill=colour)
    elif shape == 1:
        draw.ellipse((32, 32, SIZE - 32, SIZE - 32), fill=colour)
    elif shape == 2:
        draw.rounded_rectangle((32, 32, SIZE - 32, SIZE - 32), radius=40, fill=light)
        draw.polygon(((32, SIZE - 32), (SIZE - 32, 32), (SIZE - 32, SIZE - 32)), fill=colour)
    else:
        draw.rounded_rectangle((32, 32, SIZE - 32, SIZE - 32), radius=64, fill=colour)
        draw.ellipse((SIZE - 200, 56, SIZE - 56, 200), fill=light)
    font = ImageFont.load_default(size=200 if len(company.mark) <= 2 else 150)
    draw.text(
        (SIZE / 2, SIZE / 2 + 8),
        company.mark,
        fill=(255, 255, 255),
        font=font,
        anchor="mm",
        stroke_width=6,
        stroke_fill=colour,
    )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
