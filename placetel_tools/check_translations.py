"""The check tool's translations: extract its English messages into the template check.pot, and embed
each language's catalogue locale/LANG/LC_MESSAGES/check.po into placetel_tools/check.py as generated
code, so that the file readers download stays one file that needs no .mo files.

Used by `make gettext` (--pot), `make translations` and `make check-translations` (embedding), and by
the lint placetel_tools/lint/embedded_translations.py (what embedding would write now)."""

# Usage: python -m placetel_tools.check_translations --pot FILE   write the template, embed nothing
#        python -m placetel_tools.check_translations [--locale DIR] [--tool FILE]
#                                                   embed the catalogues (default: locale, check.py)
#
# The pages' catalogues go the same way: `make gettext` writes the templates into _build/gettext,
# `make translations` merges them into every language (placetel_tools/translations.py), a translator
# fills the msgstr. An entry in use is one with a msgstr, neither fuzzy nor obsolete; the others are
# left out, so check.py shows their English until they are translated.

from __future__ import annotations

import argparse
import io
import re
import sys
from pathlib import Path

from babel.messages import extract as babel_extract
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TOOL = "placetel_tools/check.py"
TOOL = ROOT / DEFAULT_TOOL
DOMAIN = "check"  # the catalogue's name: check.pot, LANG/LC_MESSAGES/check.po
KEYWORDS = {"_": None, "N_": None}  # check.py's _("...") and N_("..."): the first argument
WIDTH = 76  # as placetel_tools/translations.py writes the catalogues
PROJECT = "Placetel for Zammad"
TEAM = "The Placetel for Zammad documentation team"  # as conf.py names it in the pages' catalogues

BEGIN = "# BEGIN GENERATED TRANSLATIONS"
END = "# END GENERATED TRANSLATIONS"
NOTICE = """\
# Generated from locale/LANG/LC_MESSAGES/check.po by `make check-translations`
# (placetel_tools/check_translations.py): translate there, never here. `make lint` fails
# while this block and the catalogues disagree."""

# The template's header comment, for the translator (Babel keeps it in every language's check.po).
TEMPLATE_HEADER = """\
Messages of the check tool (placetel_tools/check.py), for translation.
`make gettext` extracts them, `make translations` merges them into
locale/LANG/LC_MESSAGES/check.po and embeds the translations into
check.py (`make check-translations` embeds them alone). Each entry's
#: names the line of check.py that uses it. How to translate:
- {names} in braces are filled in when the tool runs: keep each one,
spelt exactly as in the English.
- Keep as they are: option names (--recognise, --from), metavariables
(ENDPOINT_URL, NUMBER, FILE), field and event names (from, type,
IncomingCall), code values (blocked, missed), URLs and paths
(/api/v1/placetel/), XML (<Response/>), nginx's settings
(client_max_body_size 8k), Zammad's answers (Invalid token) and
Placetel's labels (URL of your API endpoint): Zammad and Placetel say
them in English whatever the reader's language.
- Zammad's labels: exactly as Zammad's interface in your language spells
them (locale/LANG/ui-labels.txt), without quotes or bold.
- Page titles and headings: exactly as the page's catalogue translates
them (`make lint` compares them).
- An empty or fuzzy msgstr shows the English."""


def extract_source(source: str) -> list[tuple[int, str]]:
    """(line, English) of every message of the Python ``source``, in order, repeated where it is used
    again; the line is that of the message's first string."""
    found = babel_extract.extract("python", io.BytesIO(source.encode("utf-8")), keywords=KEYWORDS)
    return [(line, message) for line, message, _comments, _context in found]


def extract(tool: Path | str = TOOL) -> list[tuple[int, str]]:
    """extract_source() of the file ``tool``."""
    return extract_source(Path(tool).read_text(encoding="utf-8"))


def template(tool: Path | str = TOOL, name: str | None = None) -> Catalog:
    """The catalogue template: each message of ``tool`` with its places, ``name``:LINE (default: the
    path of ``tool`` in the project, as the pages' templates name theirs)."""
    tool = Path(tool)
    if name is None:
        name = (
            tool.resolve().relative_to(ROOT).as_posix() if tool.resolve().is_relative_to(ROOT) else str(tool)
        )
    catalog = Catalog(
        project=PROJECT,
        version="",
        copyright_holder=TEAM,
        msgid_bugs_address="",
        last_translator=TEAM,
        language_team=TEAM,
        header_comment="\n".join(f"# {line}".rstrip() for line in TEMPLATE_HEADER.splitlines()),
        fuzzy=False,
    )
    for line, message in extract(tool):
        catalog.add(message, locations=[(name, line)])
    return catalog


def write_template(path: Path | str, tool: Path | str = TOOL) -> int:
    """Write the template to ``path``; return the number of its messages."""
    catalog = template(tool)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return len(catalog)


def catalogue_paths(locale_dir: Path | str) -> dict[str, Path]:
    """{language: its check.po} for every language folder under ``locale_dir`` that has one."""
    return {
        path.parent.parent.name: path for path in sorted(Path(locale_dir).glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    }


def in_use(path: Path | str) -> dict[str, str]:
    """{English: translation} of the entries of the catalogue ``path`` that the tool uses."""
    with Path(path).open("rb") as file:
        catalog = read_po(file)
    return {
        message.id: message.string
        for message in catalog
        if message.id and message.string and not message.fuzzy and isinstance(message.string, str)
    }


def translations(locale_dir: Path | str) -> dict[str, dict[str, str]]:
    """{language: {English: translation}} of every language's catalogue under ``locale_dir``."""
    return {language: in_use(path) for language, path in catalogue_paths(locale_dir).items()}


def literal(text: str) -> str:
    """``text`` as a Python string literal the way ruff's formatter writes it: double quotes, unless
    the text has more double quotes than single ones."""
    quote = "'" if text.count('"') > text.count("'") else '"'
    body = text.replace("\\", "\\\\").replace(quote, "\\" + quote)
    body = body.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    body = re.sub(r"[\x00-\x1f\x7f]", lambda match: f"\\x{ord(match.group()):02x}", body)
    return quote + body + quote


def block(found: dict[str, dict[str, str]]) -> str:
    """The generated lines, markers included: TRANSLATIONS = {language: {English: translation}},
    sorted by language and English, one entry a line."""
    lines = [BEGIN, NOTICE, "TRANSLATIONS = {"]
    for language in sorted(found):
        lines.append(f"    {literal(language)}: {{")
        lines += [f"        {literal(en)}: {literal(text)}," for en, text in sorted(found[language].items())]
        lines.append("    },")
    lines += ["}", END]
    return "\n".join(lines) + "\n"


class NoBlock(Exception):
    """The tool has no generated block (or a broken one) to replace."""


def embed(source: str, generated: str) -> str:
    """``source`` with its generated block replaced by ``generated``."""
    start, end = source.find(BEGIN + "\n"), source.find(END + "\n")
    if start < 0 or end < start or source.count(BEGIN) != 1 or source.count(END) != 1:
        raise NoBlock(f"no lines {BEGIN!r} … {END!r}, each once and in that order")
    return source[:start] + generated + source[end + len(END) + 1 :]


def write(tool: Path | str = TOOL, locale_dir: Path | str = ROOT / "locale") -> bool:
    """Embed the catalogues under ``locale_dir`` into ``tool``; whether the file changed."""
    tool = Path(tool)
    before = tool.read_text(encoding="utf-8")
    after = embed(before, block(translations(locale_dir)))
    if after != before:
        tool.write_text(after, encoding="utf-8")
    return after != before


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m placetel_tools.check_translations",
        description="Embed the check tool's catalogues into check.py, or write the template of its messages.",
    )
    parser.add_argument("--pot", metavar="FILE", help="write the template to FILE instead, embed nothing")
    parser.add_argument("--tool", metavar="FILE", default=DEFAULT_TOOL, help="default: %(default)s")
    parser.add_argument(
        "--locale", metavar="DIR", default="locale", help="the catalogues (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    if args.pot:
        print(f"wrote {args.pot} ({write_template(args.pot, args.tool)} messages of {args.tool})")
        return 0
    try:
        changed = write(args.tool, args.locale)
    except (OSError, UnicodeDecodeError, NoBlock) as error:
        print(
            f"{args.tool}:1: cannot embed the translations: {error} — restore the file from git",
            file=sys.stderr,
        )
        return 1
    languages = ", ".join(catalogue_paths(args.locale)) or "none"
    print(f"{args.tool}: {'updated' if changed else 'up to date'} (languages: {languages})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
