"""Check that each translated figure shows the products' labels as the label lists spell them: Zammad's
in the language's own spelling (locale/LANG/ui-labels.txt), Placetel's unchanged.

Used by `make lint`."""

# Usage: python -m placetel_tools.lint.figure_labels [--root DIR]   (exit 0 ok, 1 problems, 2 usage)
#
# For each figure source images/src/NAME.txt and each language with a catalogue of the figures
# (locale/LANG/LC_MESSAGES/images.po) and a label list (locale/LANG/ui-labels.txt): every text of
# the source (captions, boxes, buttons, table cells, ...; not title and desc) is split into the
# parts of a menu path (›) and its lines; a part that is a label of docs/ui-labels.txt is
#
#   Placetel's  inside a frame whose caption starts "Placetel ›" (any label there), or a label
#               of the list's Placetel block: the rendered images/NAME.LANG.svg shows it unchanged;
#   Zammad's    otherwise: images/NAME.LANG.svg shows its translation, the label at the same
#               place of the Zammad block of locale/LANG/ui-labels.txt;
#
# as often as the English figure shows it (each <text> line of the SVG split at ›).

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

from placetel_tools.figures import FigureError, Layout, render
from placetel_tools.lint.sources import report
from placetel_tools.lint.tool_labels import labels

SVG_TEXT = "{http://www.w3.org/2000/svg}text"
PLACETEL_FRAME = "Placetel ›"
PROSE = {"title", "desc"}


def parts(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"›|\n", text) if part.strip()]


def shown(svg: Path) -> Counter[str]:
    """How often each part of a menu path or line appears in the SVG's texts."""
    root = ElementTree.parse(svg).getroot()
    return Counter(part for element in root.iter(SVG_TEXT) for part in parts(element.text or ""))


def check(root: Path) -> list[str]:
    layout = Layout.of(root)
    english_list = layout.root / "docs" / "ui-labels.txt"
    problems = []
    for language in layout.languages():
        translated_list = layout.root / "locale" / language / "ui-labels.txt"
        if not translated_list.exists():
            continue  # text_check names a translation without its label list
        known = {label.english: label for label in labels(english_list, translated_list)}
        for source in layout.source_files():
            name = layout.rel(source)
            record = []
            try:
                render(source.read_text(encoding="utf-8"), name, record=record)
            except FigureError:
                continue  # make images and the build name it
            svg = layout.output_for(source, language)
            if not svg.exists():
                continue  # the build names it
            available = shown(svg)
            for message in record:
                kind = message.comment.split("\n")[0]
                if kind in PROSE:
                    continue
                placetel_frame = (message.msgid if kind == "frame" else message.comment).find(PLACETEL_FRAME)
                for part in parts(message.msgid):
                    label = known.get(part)
                    if label is None:
                        continue
                    if placetel_frame >= 0 or label.product == "Placetel":
                        wanted, whose = part, f"Placetel's label {part!r}, which stays as it is"
                    else:
                        wanted = label.translated
                        place = layout.rel(label.place)
                        whose = f"Zammad's label {part!r}, which is {wanted!r} in this language ({place})"
                    if available[wanted] > 0:
                        available[wanted] -= 1
                        continue
                    problems.append(
                        f"{name}:{message.line}: the figure shows {whose}, but {layout.rel(svg)} lacks it — "
                        f"write {wanted!r} for it in {layout.rel(layout.catalogue_path(language))}, "
                        "then run make images"
                    )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m placetel_tools.lint.figure_labels",
        description="Check the products' labels in the translated figures.",
    )
    parser.add_argument("--root", metavar="DIR", type=Path, default=Path("."), help="default: %(default)s")
    args = parser.parse_args(argv)
    return report(check(args.root))


if __name__ == "__main__":
    sys.exit(main())
