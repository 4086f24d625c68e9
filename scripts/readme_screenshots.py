"""README screenshots from the visual baselines: the first screen of each page.

The baselines (tests/browser/baselines/, full pages) are what the browser suite checks;
the README shows what a visitor sees before scrolling, so this crops each to one screen
(390x844 for a phone, 1280x800 for a laptop) into docs/screenshots/. Run it after
refreshing the baselines: `.venv/bin/python scripts/readme_screenshots.py`."""

from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
BASELINES = ROOT / "tests" / "browser" / "baselines"
OUT = ROOT / "docs" / "screenshots"
SCREEN_HEIGHT = {390: 844, 1280: 800}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for baseline in sorted(BASELINES.glob("*.png")):
        width = int(baseline.stem.rsplit("-", 1)[1])
        with Image.open(baseline) as page:
            screen = page.crop((0, 0, page.width, min(page.height, SCREEN_HEIGHT[width])))
            screen.save(OUT / baseline.name, optimize=True)
        print(f"wrote {OUT / baseline.name}")


if __name__ == "__main__":
    main()
