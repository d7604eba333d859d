"""Render the sample plan's budget pack to one PNG per page, for review and the docs.

Usage: ``python docs/tools/pack_preview.py OUT_DIR [--resolution DPI] [--redact]``
(``make pack-preview`` writes ``docs/pack-preview``). The sample plan is built in a
temporary database, so the planner's own data is never touched. Needs ``pdftoppm``
(Debian: poppler-utils).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.io.pdf import write_pack
from app.services.workspace import Workspace

SAMPLE_DATE = date(2027, 1, 4)
"""A fixed "generated" date, so the committed images change only when the pack does."""


def _shrink(png: Path, target: Path) -> None:
    """Save the page as a 64-colour palette PNG: about a third of the size, and the
    images are committed."""
    from PIL import Image

    with Image.open(png) as page:
        small = page.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    png.unlink()
    small.save(target, optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for page-NN.png")
    parser.add_argument("--resolution", type=int, default=60, help="dots per inch (default 60)")
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4")
    parser.add_argument("--redact", action="store_true", help="withhold people costs")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("page-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as scratch:
        workspace = Workspace.open(Path(scratch) / "sample.db")
        plan = workspace.plans()[0]
        assert plan.id is not None
        pdf = Path(scratch) / "pack.pdf"
        write_pack(
            workspace.snapshot(plan.id),
            workspace.catalogue(),
            pdf,
            paper=args.paper,
            redact_salaries=args.redact,
            taxonomy=workspace.taxonomy(),
            generated=SAMPLE_DATE,
        )
        workspace.close()
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(args.resolution), str(pdf), str(args.out / "page")],
            check=True,
        )
    # pdftoppm pads page numbers to the count's width; make names stable (page-01.png).
    pages = sorted(args.out.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1]))
    for number, png in enumerate(pages, start=1):
        _shrink(png, args.out / f"page-{number:02d}.png")
    sys.stdout.write(f"Wrote {len(pages)} pages to {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
