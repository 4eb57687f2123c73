"""Check that the check tool's translations name the products' labels as the label lists spell them:
Zammad's in the language's own spelling (locale/LANG/ui-labels.txt), Placetel's unchanged.

Used by `make lint`."""

# Usage: python -m placetel_tools.lint.tool_labels [--labels FILE] CATALOGUE ...   (exit 1 on a problem)
#
# The pages mark labels (**Endpunkt**, :menuselection:), and placetel_tools/lint/text_check.py holds
# what is marked to the lists. The check tool prints plain text ("das Feld Endpunkt", "unter
# Aktuellste Protokolle"), so nothing is marked; the English says which label is meant instead. For
# each translated message of a catalogue LANG/LC_MESSAGES/NAME.po whose English names a label of
# docs/ui-labels.txt (case and whole words as listed, the longest first):
#
#   Zammad's    the translation holds the label at the same place of the Zammad block of
#               locale/LANG/ui-labels.txt (at a word's start: "des Endpunkts" names Endpunkt);
#   Placetel's  the translation holds it unchanged (no source gives its translations).
#
# A menu path with a Placetel label ("Settings › External APIs") is Placetel's as a whole: its
# "Settings" is not Zammad's.

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from placetel_tools.lint import po
from placetel_tools.lint.sources import report
from placetel_tools.upstream.facts import label_blocks

PATH = re.compile(r"[^\s(),;:.›→][^(),;:.›→]*?(?:\s*[›→]\s*[^(),;:.›→]*[^\s(),;:.›→])+")


@dataclass(frozen=True)
class Label:
    english: str
    product: str  # "Zammad" or "Placetel"
    translated: str  # what the translation must hold
    place: str  # the label list's path:line that spells it


def labels(english_list: Path, translated_list: Path) -> list[Label]:
    """Every label of the English list with what a translation writes for it, longest first."""
    english, translated = label_blocks(english_list), label_blocks(translated_list)
    found = [
        Label(en, "Zammad", de, f"{translated_list}:{line}")
        for (en, _), (de, line) in zip(english["Zammad"], translated["Zammad"], strict=False)
    ]
    found += [Label(en, "Placetel", en, f"{english_list}:{line}") for en, line in english["Placetel"]]
    return sorted(found, key=lambda label: -len(label.english))


def _word(text: str) -> str:
    return rf"(?<!\w){re.escape(text)}(?!\w)"


def named(english: str, known: list[Label]) -> list[Label]:
    """The labels ``english`` names, each once; a menu path with a Placetel label is Placetel's alone."""
    placetel = [label for label in known if label.product == "Placetel"]
    texts = {"Placetel": english, "Zammad": english}
    for path in PATH.findall(english):
        if any(re.search(_word(label.english), path) for label in placetel):
            texts["Zammad"] = texts["Zammad"].replace(path, " " * len(path))
    found = []
    for label in known:  # the longest first: "Caller Log Filter" is not also "Caller log"
        pattern = re.compile(_word(label.english))
        if pattern.search(texts[label.product]):
            found.append(label)
            texts = {product: pattern.sub(_blank, text) for product, text in texts.items()}
    return found


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def problems_of(message: po.Message, known: list[Label]) -> list[str]:
    problems = []
    for label in named(message.msgid, known):
        if label.product == "Zammad" and not re.search(
            rf"(?<!\w){re.escape(label.translated)}", message.msgstr
        ):
            problems.append(
                f'{message.where()}: the English names Zammad\'s label "{label.english}", which is '
                f'"{label.translated}" in this language ({label.place}), but the translation lacks it — '
                f"write it as the label list spells it"
            )
        elif label.product == "Placetel" and not re.search(_word(label.translated), message.msgstr):
            problems.append(
                f'{message.where()}: the English names Placetel\'s label "{label.english}", which stays '
                f"as it is in every language ({label.place}), but the translation lacks it — copy it "
                f"unchanged"
            )
    return problems


def check(catalogues: list[Path], english_list: Path) -> list[str]:
    problems = []
    for catalogue in catalogues:
        translated_list = catalogue.parent.parent / "ui-labels.txt"
        if not translated_list.exists():
            continue  # text_check names a translation without its label list
        known = labels(english_list, translated_list)
        for message in po.translated([catalogue]):
            problems += problems_of(message, known)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m placetel_tools.lint.tool_labels",
        description="Check the products' labels in the check tool's translations.",
    )
    parser.add_argument(
        "catalogues", metavar="CATALOGUE", nargs="+", type=Path, help="LANG/LC_MESSAGES/NAME.po"
    )
    parser.add_argument(
        "--labels",
        metavar="FILE",
        type=Path,
        default=Path("docs/ui-labels.txt"),
        help="the English label list (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    return report(check(args.catalogues, args.labels))


if __name__ == "__main__":
    sys.exit(main())
