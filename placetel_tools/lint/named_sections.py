"""Check that the documentation sections the check tool names (SECTIONS in placetel_tools/check.py) exist
as it names them: on the pages in English, and in every translation as the pages' catalogues translate
their titles and headings.

Used by `make lint`."""

# Usage: python -m placetel_tools.lint.named_sections [--tool FILE] DOCS_DIR LOCALE_DIR
#        (exit 1 on a problem, 2 when the tool's SECTIONS cannot be read)
#
# The tool prints "See Troubleshooting › 401 Invalid token (trouble-invalid-token).": a reader looks
# for that page and heading, in English or in the language the tool speaks. For each label of
# SECTIONS, label -> (page title, words of the heading):
#
#   English      a page of DOCS_DIR has the label (.. _LABEL:), its title is the page title, the
#                heading below the label contains the words (letters and digits, in order);
#   translated   for each language with the tool's catalogue LANG/LC_MESSAGES/check.po, the page's
#                catalogue translates that title exactly as check.po translates the page title, and
#                that heading into text containing the words of check.po's translation of the
#                heading's words.
#
# A title or heading that is untranslated or fuzzy in either catalogue is left to
# placetel_tools/lint/catalogues.py, which reports it; only translations both sides use are compared.

from __future__ import annotations

import argparse
import re
import runpy
import sys
from dataclasses import dataclass
from pathlib import Path

from placetel_tools.check_translations import DEFAULT_TOOL, DOMAIN
from placetel_tools.lint import po
from placetel_tools.lint.sources import report

TITLE_UNDERLINE = re.compile(r"=+")
UNDERLINE = re.compile(r"([=\-~^\"'`#*+.:_])\1+")


def words(text: str) -> str:
    """Letters and digits of ``text``, lower case, one space between: what a reader matches."""
    return " ".join(re.sub(r"[\W_]+", " ", text.lower()).split())


@dataclass(frozen=True)
class Section:
    """Where a label is on the English pages."""

    page: Path  # docs/troubleshooting.rst
    title: str
    title_line: int
    heading: str
    heading_line: int


def find_section(docs_dir: Path, label: str) -> Section | None:
    """The page, title and heading of ``label`` in ``docs_dir``, or None if no page has it."""
    for page in sorted(Path(docs_dir).rglob("*.rst")):
        lines = page.read_text(encoding="utf-8").splitlines()
        if f".. _{label}:" not in lines:
            continue
        at = lines.index(f".. _{label}:")
        heading_line = next(
            (i for i in range(at + 1, len(lines)) if lines[i].strip() and not lines[i].startswith(".. _")),
            None,
        )
        title_line = next(
            (
                i
                for i in range(len(lines) - 1)
                if lines[i].strip() and TITLE_UNDERLINE.fullmatch(lines[i + 1])
            ),
            None,
        )
        if heading_line is None or title_line is None:
            return None
        return Section(page, lines[title_line], title_line + 1, lines[heading_line], heading_line + 1)
    return None


def _line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number
    return 1


def _in_use(path: Path) -> dict[str, po.Message]:
    return {m.msgid: m for m in po.read(path) if m.msgstr and not m.fuzzy and not m.obsolete}


def english_problems(tool: Path, label: str, names: tuple[str, str], section: Section | None) -> list[str]:
    page, heading = names
    quoted = f'"{label}"'
    where = f"{tool}:{_line_of(tool, quoted)}"
    if section is None:
        return [f"{where}: no page has the label {label}, or no heading follows it — add it, or fix SECTIONS"]
    problems = []
    if section.title != page:
        problems.append(
            f'{section.page}:{section.title_line}: the page is called "{section.title}", but the check tool '
            f'names it "{page}" (SECTIONS in {tool}) — make them agree'
        )
    if words(heading) not in words(section.heading):
        problems.append(
            f'{section.page}:{section.heading_line}: the heading of {label}, "{section.heading}", lacks the '
            f'words "{heading}" the check tool names it by ({where}) — keep them in the heading, or change '
            f"SECTIONS"
        )
    return problems


def translated_problems(
    label: str, names: tuple[str, str], section: Section, folder: Path, tool_texts: dict[str, po.Message]
) -> list[str]:
    """Problems of one language (``folder``: its LC_MESSAGES) for one label."""
    catalogue = folder / f"{section.page.stem}.po"
    if not catalogue.exists():
        return []  # catalogues.py reports the missing catalogue
    page_texts = _in_use(catalogue)
    problems = []
    for english, named, what, agrees in (
        (section.title, names[0], "title of the page", lambda ours, theirs: ours == theirs),
        (section.heading, names[1], f"heading of {label}", lambda ours, theirs: words(ours) in words(theirs)),
    ):
        page_entry, tool_entry = page_texts.get(english), tool_texts.get(named)
        if page_entry is None or tool_entry is None:
            continue
        if not agrees(tool_entry.msgstr, page_entry.msgstr):
            wants = "calls it" if what.startswith("title") else "names it by the words"
            problems.append(
                f'{page_entry.where()}: the {what} translates as "{page_entry.msgstr}", but the check tool '
                f'{wants} "{tool_entry.msgstr}" ({tool_entry.where()}) — make them agree: change one '
                f"translation (after check.po, `make check-translations`)"
            )
    return problems


def check(
    sections: dict[str, tuple[str, str]], tool: Path | str, docs_dir: Path | str, locale_dir: Path | str
):
    """Every problem of the sections ``sections`` (SECTIONS of the tool ``tool``) on the pages of
    ``docs_dir`` and in the catalogues of ``locale_dir``."""
    tool = Path(tool)
    found = {label: find_section(Path(docs_dir), label) for label in sorted(sections)}
    problems = [
        p for label, section in found.items() for p in english_problems(tool, label, sections[label], section)
    ]
    for tool_catalogue in sorted(Path(locale_dir).glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        tool_texts = _in_use(tool_catalogue)
        for label, section in found.items():
            if section is not None:
                problems += translated_problems(
                    label, sections[label], section, tool_catalogue.parent, tool_texts
                )
    return list(dict.fromkeys(problems))  # a page's title once, however many of its sections are named


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m placetel_tools.lint.named_sections",
        description="Check that the sections the check tool names exist, in English and every translation.",
    )
    parser.add_argument("docs", metavar="DOCS_DIR", help="the English pages")
    parser.add_argument("locale", metavar="LOCALE_DIR", help="the translations' catalogues")
    parser.add_argument("--tool", metavar="FILE", default=DEFAULT_TOOL, help="default: %(default)s")
    args = parser.parse_args(argv)
    try:
        sections = runpy.run_path(args.tool)["SECTIONS"]  # the tool is one file: run it as readers do
    except (OSError, SyntaxError, KeyError) as error:
        print(f"{args.tool}:1: cannot read SECTIONS ({error!r}) — fix the check tool", file=sys.stderr)
        return 2
    return report(check(sections, args.tool, args.docs, args.locale))


if __name__ == "__main__":
    sys.exit(main())
