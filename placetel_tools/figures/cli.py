"""The command line `python -m placetel_tools.figures [--check] [--pot FILE] [--root DIR]`.

`make images` renders every figure in every language and writes the SVGs that changed;
`--check` writes nothing and lists the stale ones; `make gettext` writes the catalogue
template with `--pot`. Exit status 1 on a broken source or catalogue (or, with --check, a stale
SVG)."""

import argparse
import sys
from pathlib import Path

from placetel_tools import languages
from placetel_tools.figures.catalogue import write_template
from placetel_tools.figures.layout import Layout
from placetel_tools.figures.project import build, errors, expected, problems
from placetel_tools.figures.source import FigureError

ROOT = Path(__file__).resolve().parents[2]  # the project this module belongs to


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m placetel_tools.figures",
        description="Render images/*.svg from images/src/*.txt, in English and in every language "
        "with a catalogue locale/LANG/LC_MESSAGES/images.po.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; list figures that are not current with their sources",
    )
    parser.add_argument(
        "--pot",
        metavar="FILE",
        help="write the catalogue template of the figures' texts to FILE "
        "(make gettext: _build/gettext/images.pot), render nothing",
    )
    parser.add_argument("--root", default=str(ROOT), help="project directory (default: this one)")
    args = parser.parse_args(argv)
    layout = Layout.of(args.root)
    count = len(layout.source_files())
    if args.pot:
        try:
            entries = write_template(args.pot, layout)
        except FigureError as err:
            print(err, file=sys.stderr)
            return 1
        print(f"wrote {args.pot} ({entries} messages from {count} figures)")
        return 0
    names = ", ".join([languages.SOURCE, *layout.languages()])
    if args.check:
        found = problems(layout)
        for problem in found:
            print(problem, file=sys.stderr)
        if not found:
            print(f"{count} figures ({names}) are current with their sources")
        return 1 if found else 0
    figures = expected(layout)
    broken = errors(figures)
    for err in broken:
        print(err, file=sys.stderr)
    if broken:
        return 1
    written = build(layout, figures)
    for path in written:
        print(f"wrote {layout.rel(path)} ({path.stat().st_size} bytes)")
    print(f"{count} figures ({names}), {len(written)} rewritten")
    return 0
