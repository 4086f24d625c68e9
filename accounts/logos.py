"""Company logos (POL-J-007): checked by their content like résumés, never by name or the
client's Content-Type, re-encoded by Pillow at fixed sizes and kept in the default storage.

Re-encoding is the safety: whatever the upload carried (metadata, a polyglot, an animated
frame), only pixels reach the stored PNG. Files are named after a hash of the upload, so a
new logo gets new URLs and a served logo can be cached for a year."""

import hashlib
import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from accounts.exceptions import LogoInvalid

MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 25_000_000  # a decompression bomb is refused before decoding
ACCEPTED_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}
# Cards show 48 px, the company page and the banner 128 px: each twice for dense screens.
SIZES = (96, 256)


def logo_path(company_id: int, version: str, size: int) -> str:
    return f"company-logos/{company_id}/{version}-{size}.png"


def _open_checked(data: bytes) -> Image.Image:
    if not data:
        raise LogoInvalid(_("The logo file is empty."))
    if len(data) > MAX_BYTES:
        raise LogoInvalid(_("The logo is larger than 2 MB."))
    try:
        probe = Image.open(io.BytesIO(data))
        if probe.format not in ACCEPTED_FORMATS:
            raise LogoInvalid(_("Upload a PNG, JPEG, WebP or GIF image."))
        if probe.width * probe.height > MAX_PIXELS:
            raise LogoInvalid(_("The logo has too many pixels."))
        probe.verify()  # structure check; verify() leaves the image unusable, so reopen
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise LogoInvalid(_("Upload a PNG, JPEG, WebP or GIF image.")) from exc
    return image


def _square(image: Image.Image, size: int) -> bytes:
    """The whole logo, centred on a white square (logos are not cropped)."""
    image = ImageOps.exif_transpose(image).convert("RGBA")
    image.thumbnail((size, size), Image.Resampling.LANCZOS)
    canvas = Image.new("RGBA", (size, size), (255, 255, 255, 255))
    canvas.alpha_composite(image, ((size - image.width) // 2, (size - image.height) // 2))
    out = io.BytesIO()
    canvas.convert("RGB").save(out, format="PNG", optimize=True)
    return out.getvalue()


def logo_store(company_id: int, data: bytes) -> str:
    """Check, resize and store an uploaded logo; returns its version (for the URLs)."""
    image = _open_checked(data)
    version = hashlib.sha256(data).hexdigest()[:16]
    for size in SIZES:
        path = logo_path(company_id, version, size)
        if not default_storage.exists(path):
            default_storage.save(path, ContentFile(_square(image, size)))
    return version


def logo_delete(company_id: int, version: str) -> None:
    for size in SIZES:
        path = logo_path(company_id, version, size)
        if default_storage.exists(path):
            default_storage.delete(path)
