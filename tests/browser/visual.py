"""Screenshot comparison for the visual check (issue 14 item 5).

Baselines are committed PNGs in tests/browser/baselines/. A page matches when its size is
the same and at most TOLERANCE of its pixels differ by more than CHANNEL_SLACK in any
channel (anti-aliasing noise passes; a moved block or a missing font does not). Refresh
them deliberately after changing a page — see README "Visual check":

    UPDATE_BASELINES=1 flock /work/locks/browser.lock \\
        .venv/bin/python -m pytest -m browser tests/browser/journeys/test_appearance.py
"""

import io
import os
from pathlib import Path

from PIL import Image, ImageChops

BASELINES = Path(__file__).parent / "baselines"
FAILURES = Path(__file__).resolve().parents[2] / "var" / "visual"
TOLERANCE = 0.005  # share of pixels allowed to differ
CHANNEL_SLACK = 48


def differing_share(expected: Image.Image, actual: Image.Image) -> float:
    diff = ImageChops.difference(expected.convert("RGB"), actual.convert("RGB"))
    mask = diff.convert("L").point(lambda value: 255 if value > CHANNEL_SLACK else 0)
    return mask.histogram()[255] / (actual.width * actual.height)


def assert_matches_baseline(name: str, png: bytes) -> None:
    """Compare a screenshot with its baseline (or write it when UPDATE_BASELINES=1)."""
    baseline = BASELINES / f"{name}.png"
    actual = Image.open(io.BytesIO(png))
    if os.environ.get("UPDATE_BASELINES") == "1" or not baseline.exists():
        BASELINES.mkdir(exist_ok=True)
        actual.save(baseline, optimize=True)
        if os.environ.get("UPDATE_BASELINES") != "1":
            raise AssertionError(f"no baseline for {name}; wrote {baseline}, commit it")
        return
    with Image.open(baseline) as stored:
        expected = stored.convert("RGB")
    FAILURES.mkdir(parents=True, exist_ok=True)
    if expected.size != actual.size:
        actual.save(FAILURES / f"{name}.actual.png")
        raise AssertionError(
            f"{name}: size {actual.size} != baseline {expected.size} "
            f"(actual in {FAILURES}); refresh baselines if the change is intended"
        )
    share = differing_share(expected, actual)
    if share > TOLERANCE:
        actual.save(FAILURES / f"{name}.actual.png")
        ImageChops.difference(expected.convert("RGB"), actual.convert("RGB")).save(
            FAILURES / f"{name}.diff.png"
        )
        raise AssertionError(
            f"{name}: {share:.2%} of pixels differ (> {TOLERANCE:.1%}); see {FAILURES}"
        )


# Elements wider than the viewport, except inside a container meant to scroll sideways.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x === "auto" || x === "scroll" || x === "hidden") return true;
    }
    return false;
  };
  return [...document.querySelectorAll("body *")]
    .filter((el) => el.checkVisibility() && !el.closest(".visually-hidden"))
    .filter((el) => {
      const r = el.getBoundingClientRect();
      const hiddenAside = r.right <= 0 || r.left >= width;  // skip links wait off-screen
      return !hiddenAside && (r.right > width + 1 || r.left < -1);
    })
    .filter((el) => !scrolls(el))
    .map((el) => el.tagName.toLowerCase() + "." + String(el.className).trim());
}"""

# Buttons whose label breaks over lines (변/경): a label's text must sit on one line.
WRAPPED_BUTTONS = """() => {
  const lines = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    // A new line starts below everything before it (an icon or a count badge beside the
    // text overlaps its line, so it does not count).
    const rects = [...range.getClientRects()].filter((r) => r.width > 0)
      .sort((a, b) => a.top - b.top);
    let lines = 0, bottom = -Infinity;
    for (const r of rects) {
      if (r.top >= bottom - 1) lines += 1;
      bottom = Math.max(bottom, r.bottom);
    }
    return lines;
  };
  return [...document.querySelectorAll("button, .btn, input[type=submit]")]
    .filter((el) => el.checkVisibility() && el.textContent.trim())
    .filter((el) => lines(el) > 1)
    .map((el) => el.textContent.trim());
}"""
