"""Check the translations for words the language's terminology list forbids
(locale/LANG/terminology.txt), naming the word to write instead.

Used by `make lint`."""

# Usage: python -m placetel_tools.lint.terminology LOCALE_DIR   (exit 1 on any problem)
#
# Each language may have a list locale/LANG/terminology.txt, one rule a line:
#     WRONG -> RIGHT  # why
# WRONG is a regular expression, matched case-insensitively as whole words in
# every translated message of that language's catalogues (inline literals and
# URLs are skipped: they are code and stay as in the English). Upstream's
# German page mixed "der" and "das Token" and used four words for the caller
# log; this keeps ours to one.

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from placetel_tools.lint.po import translated
from placetel_tools.lint.sources import report

RULE = re.compile(r"^(?P<wrong>.+?)\s+->\s+(?P<right>.+?)(?:\s+#\s*(?P<why>.*))?$")
# Code, URLs, and a label the check tool names in brackets: (trouble-empty-caller-log).
CODE = re.compile(r"``.+?``|https?://\S+|\((?:[a-z0-9]+-)+[a-z0-9]+\)", re.S)
# A reference's target is the English label or term (:ref:`trouble-empty-caller-log`,
# :term:`Anrufprotokoll <caller log>`); only a title of its own is prose.
TARGET = re.compile(r"(?<=:`)[^`<]*(?=`)|<[^`<>]*>(?=`)")


@dataclass(frozen=True)
class Rule:
    wrong: re.Pattern[str]
    right: str
    why: str
    line: int


def load_rules(path: Path) -> tuple[list[Rule], list[str]]:
    """The rules of one terminology list, and problems with the list itself."""
    rules, problems = [], []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        match = RULE.match(text.strip())
        if not match:
            problems.append(f"{path}:{number}: not a rule — write WRONG -> RIGHT  # why")
            continue
        try:
            wrong = re.compile(rf"(?<!\w){match['wrong']}(?!\w)", re.I)
        except re.error as error:
            problems.append(
                f"{path}:{number}: {match['wrong']!r} is no regular expression ({error}) — fix it"
            )
            continue
        rules.append(Rule(wrong, match["right"], match["why"] or "", number))
    return rules, problems


def prose(text: str) -> str:
    """``text`` with code, URLs and reference targets blanked (same length)."""
    return TARGET.sub(_blank, CODE.sub(_blank, text))


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def check(locale_dir: Path) -> list[str]:
    problems = []
    for listing in sorted(Path(locale_dir).glob("*/terminology.txt")):
        rules, list_problems = load_rules(listing)
        problems += list_problems
        folder = listing.parent / "LC_MESSAGES"
        for message in translated([folder] if folder.is_dir() else []):
            text = prose(message.msgstr)
            for rule in rules:
                for match in rule.wrong.finditer(text):
                    why = f" ({rule.why})" if rule.why else ""
                    problems.append(
                        f"{message.where()}: '{match.group()}' — write '{rule.right}'{why}; "
                        f"the rule is {listing}:{rule.line}"
                    )
    return problems


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python -m placetel_tools.lint.terminology LOCALE_DIR", file=sys.stderr)
        return 2
    return report(check(Path(argv[0])))


if __name__ == "__main__":
    sys.exit(main())
