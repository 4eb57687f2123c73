"""Check that every translation catalogue is complete and current, and that each translation keeps what
must not change.

Used by `make lint`."""

# Usage: python -m placetel_tools.lint.catalogues GETTEXT_DIR LOCALE_DIR   (exit 1 on any problem)
#
# GETTEXT_DIR holds the English messages freshly extracted by `make gettext`
# (NAME.pot per page, plus the figures' and templates' catalogues); LOCALE_DIR
# holds one folder per language, LANG/LC_MESSAGES/NAME.po. For each language:
#
#   complete  every English message has an entry with a translation, none is
#             fuzzy (the English changed since it was translated), none obsolete,
#             and no entry or catalogue is left over from English that is gone;
#   faithful  a translation keeps, character for character: inline literals
#             (``…``), URLs (a CAPITALISED placeholder in one, USER, may be
#             named in the translation's language), three-digit numbers
#             (statuses), CamelCase names (events such as IncomingCall), Zammad's
#             answers (error texts, XML elements), the {names} of a message of
#             Python code (the check tool fills them in with str.format), and
#             never switches off Sphinx's reference check (a "noqa" mark).
#             Sphinx itself fails the strict build when a translation's
#             :ref:, :term: or :doc: targets differ from the English.
#
# The fix is always the same loop: `make translations` merges the English into
# the catalogues (changed messages become fuzzy), a translator updates them.

from __future__ import annotations

import re
import string
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from placetel_tools import languages, simulator
from placetel_tools.lint.po import Message, read
from placetel_tools.lint.sources import report

RERUN = "run `make translations`"

INLINE_LITERAL = re.compile(r"``.+?``", re.S)
URL = re.compile(r"https?://\w[^\s`<>\"')]*")  # "https://" alone, or "https://-Adresse", is none
URL_PLACEHOLDER = re.compile(r"\b[A-ZÄÖÜ]{2,}\b")  # https://USER:PASSWORD@host/…
STATUS = re.compile(r"(?<![\w.,/-])\d{3}(?![\w/-])")
CAMEL = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b")
XML = re.compile(r"<(?:Response|Reject|Dial|Error|Number)\b[^<>]*/?>")


# Zammad's error texts, as the simulator answers them.
ANSWERS = [simulator.DISABLED, simulator.NOT_CONFIGURED, simulator.INVALID_TOKEN, simulator.INVALID_DIRECTION]


def _same(text: str) -> str:
    return text


def _url_shape(url: str) -> str:
    return URL_PLACEHOLDER.sub("…", url)


def _kept(pattern: re.Pattern[str], message: Message, shape: Callable[[str], str] = _same) -> str | None:
    """What ``pattern`` finds in the English but not as often in the translation (each found text
    compared as ``shape`` makes it), if anything."""
    english = Counter(shape(found) for found in pattern.findall(message.msgid))
    translated = Counter(shape(found) for found in pattern.findall(message.msgstr))
    missing, added = english - translated, translated - english
    if missing:
        return f"{', '.join(sorted(missing))} of the English is missing"
    if added:
        return f"{', '.join(sorted(added))} is not in the English"
    return None


KEPT = [
    (INLINE_LITERAL, "inline literals", _same),
    (URL, "URLs", _url_shape),
    (STATUS, "three-digit numbers", _same),
    (CAMEL, "event and field names", _same),
    (XML, "XML elements of Zammad's answers", _same),
]


def _format_fields(text: str) -> Counter[str]:
    """The {names} str.format fills in ``text``; ValueError for a brace it cannot read."""
    return Counter(f"{{{name}}}" for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def placeholder_problem(message: Message) -> str | None:
    """For a message of Python code (the check tool's): a {name} the translation lost, added or
    misspelt, or a brace str.format cannot read."""
    if not message.source.partition(":")[0].endswith(".py"):
        return None
    try:
        english, translated = _format_fields(message.msgid), _format_fields(message.msgstr)
    except ValueError as error:
        return (
            f"placeholders must stay exactly as in the English: str.format cannot read the translation "
            f"({error}) — write each {{name}} as in the English"
        )
    if english == translated:
        return None
    missing, added = sorted(english - translated), sorted(translated - english)
    what = "; ".join(
        part
        for part in (
            f"{', '.join(missing)} of the English is missing" if missing else "",
            f"{', '.join(added)} is not in the English" if added else "",
        )
        if part
    )
    return f"placeholders must stay exactly as in the English: {what} — copy each {{name}} unchanged"


def unfaithful(message: Message) -> list[str]:
    """Problems of one translated message: what it changed that must stay as in the English."""
    if not message.msgstr or message.fuzzy or message.obsolete:
        return []
    problems = []
    for pattern, what, shape in KEPT:
        difference = _kept(pattern, message, shape)
        if difference:
            problems.append(f"{what} must stay as in the English: {difference} — copy them unchanged")
    placeholders = placeholder_problem(message)
    if placeholders:
        problems.append(placeholders)
    for answer in ANSWERS:
        if message.msgid.count(answer) != message.msgstr.count(answer):
            problems.append(
                f"Zammad's answer {answer!r} must stay in English, word for word — copy it from the English"
            )
    if re.search(r"#\s*noqa\b", message.msgstr, re.I):
        problems.append(
            "#noqa switches off Sphinx's check of references — delete it and keep the "
            "English reference targets"
        )
    return problems


def check_language(templates: dict[str, dict[tuple[str, str], str]], folder: Path) -> list[str]:
    """Problems of one language's folder LC_MESSAGES against the English ``templates``
    ({catalogue name: {(context, msgid): English place}})."""
    problems = []
    catalogues = {p.stem: p for p in sorted(folder.glob("*.po"))}
    for name in sorted(set(catalogues) - set(templates)):
        problems.append(
            f"{catalogues[name]}:1: no English catalogue {name}.pot any more — "
            f"delete this file (its page or figure is gone)"
        )
    for name, english in sorted(templates.items()):
        path = catalogues.get(name)
        if path is None:
            problems.append(
                f"{folder / (name + '.po')}:1: missing: the English has {len(english)} "
                f"messages here — {RERUN}, then translate them"
            )
            continue
        messages = read(path)
        have = {m.key for m in messages if not m.obsolete}
        for (context, msgid), place in english.items():
            if (context, msgid) not in have:
                within = f" in {context}" if context else ""
                problems.append(
                    f'{place}: {path} has no entry for "{_cut(msgid)}"{within} — {RERUN}, then translate it'
                )
        for message in messages:
            problems += [f"{message.where()}: {p}" for p in _entry_problems(message, english)]
    return problems


def _entry_problems(message: Message, english: dict[tuple[str, str], str]) -> list[str]:
    if message.obsolete:
        return [f'obsolete entry "{message.short()}" — delete it ({RERUN} drops them)']
    if message.key not in english:
        return [f'"{message.short()}" is no longer in the English — {RERUN}']
    about = f'"{message.short()}" ({english[message.key]})'  # where the English is now
    if message.fuzzy:
        return [
            f"fuzzy: the English of {about} changed — update the translation, then delete the "
            f"line '#, fuzzy' above it"
        ]
    if not message.msgstr:
        return [f"untranslated: {about} — write its translation in msgstr"]
    return [f"{about}: {problem}" for problem in unfaithful(message)]


def templates(gettext_dir: Path) -> dict[str, dict[tuple[str, str], str]]:
    """{catalogue name: {(context, msgid): its first English place}} from the .pot files."""
    found = {}
    for pot in sorted(Path(gettext_dir).glob("*.pot")):
        found[pot.stem] = {m.key: m.source for m in read(pot) if not m.obsolete}
    return found


def _cut(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def check(gettext_dir: Path, locale_dir: Path) -> list[str]:
    english = templates(gettext_dir)
    if not english:
        return [f"{gettext_dir}: no .pot files — run `make gettext` first"]
    problems = []
    for language in languages.translations(locale_dir):
        problems += check_language(english, Path(locale_dir) / language / "LC_MESSAGES")
    return problems


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print("usage: python -m placetel_tools.lint.catalogues GETTEXT_DIR LOCALE_DIR", file=sys.stderr)
        return 2
    return report(check(Path(argv[0]), Path(argv[1])))


if __name__ == "__main__":
    sys.exit(main())
