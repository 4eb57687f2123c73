"""Check that the translations embedded in the check tool (TRANSLATIONS in placetel_tools/check.py) are
those of its catalogues (locale/LANG/LC_MESSAGES/check.po), for every message the tool has.

Used by `make lint` and the pre-commit hook."""

# Usage: python -m placetel_tools.lint.embedded_translations [--tool FILE] [--locale DIR]
#        (exit 1 on a problem, 2 when the tool cannot be read)
#
# check.py carries its translations as generated lines (placetel_tools/check_translations.py), so
# the file readers download needs nothing else. Those lines go stale when a catalogue changes and
# nobody runs `make check-translations`, when someone edits them by hand, or when check.py gains or
# loses a message. For each language with a check.po:
#
#   stale       an entry in use (a msgstr, neither fuzzy nor obsolete) whose text differs from the
#               embedded one or is not embedded, named at the catalogue's line; an embedded text
#               the catalogue has no entry in use for, named at check.py's line;
#   missing     a message of check.py (extracted as `make gettext` does) without an embedded text,
#               named at the line of check.py that uses it first;
#   left over   an embedded text for a message check.py no longer has;
#   f-string    _(f"…") or N_(f"…"): the text looked up is the filled-in one, never translated.
#
# `make lint` also runs placetel_tools/lint/catalogues.py, which names a message of check.py that
# the catalogue lacks or has fuzzy; this lint is about check.py itself, and runs without make gettext.

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

from placetel_tools import check_translations
from placetel_tools.lint import po
from placetel_tools.lint.sources import report

EMBED = "run `make check-translations`"


class Unreadable(Exception):
    """The tool does not parse as Python."""


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def embedded(source: str) -> dict[str, dict[str, tuple[str, int]]]:
    """{language: {English: (text, line)}} of the TRANSLATIONS assignment in ``source``."""
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise Unreadable(f"line {error.lineno}: {error.msg}") from None
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and [getattr(target, "id", None) for target in node.targets] == ["TRANSLATIONS"]
            and isinstance(node.value, ast.Dict)
        ):
            found = {}
            for language, texts in zip(node.value.keys, node.value.values, strict=True):
                if not isinstance(texts, ast.Dict):
                    continue
                found[ast.literal_eval(language)] = {
                    ast.literal_eval(key): (ast.literal_eval(value), key.lineno)
                    for key, value in zip(texts.keys, texts.values, strict=True)
                }
            return found
    return {}


def f_strings(source: str) -> list[int]:
    """The lines of each _(f"…") and N_(f"…") in ``source``."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in check_translations.KEYWORDS
        and node.args
        and isinstance(node.args[0], ast.JoinedStr)
    ]


def _language_problems(
    tool: str, catalogue: Path, texts: dict[str, tuple[str, int]], first_use: dict[str, int]
) -> list[str]:
    problems = []
    in_use = {
        m.msgid: m for m in po.read(catalogue) if m.msgstr and not m.fuzzy and not m.obsolete and m.msgid
    }
    for msgid, message in in_use.items():
        if msgid not in texts:
            if msgid in first_use:
                problems.append(f'{message.where()}: "{message.short()}" is not embedded in {tool} — {EMBED}')
        elif texts[msgid][0] != message.msgstr:
            problems.append(
                f'{message.where()}: the translation of "{message.short()}" is not the one {tool}:'
                f"{texts[msgid][1]} embeds — {EMBED}"
            )
    for msgid, (_text, line) in texts.items():
        if msgid not in first_use:
            problems.append(
                f'{tool}:{line}: a translation of "{_short(msgid)}", a message {tool} no longer has — '
                f"run `make translations`"
            )
        elif msgid not in in_use:
            problems.append(
                f'{tool}:{line}: the translation of "{_short(msgid)}" is not in {catalogue} '
                f"(or is empty or fuzzy there) — {EMBED}"
            )
    for msgid, line in first_use.items():
        if msgid not in texts and msgid not in in_use:
            problems.append(
                f'{tool}:{line}: "{_short(msgid)}" has no translation in {catalogue} — run '
                f"`make translations`, translate it there, then {EMBED}"
            )
    return problems


def check(tool: Path | str, locale_dir: Path | str) -> list[str]:
    """Every disagreement of ``tool``'s embedded translations with the catalogues under ``locale_dir``."""
    source = Path(tool).read_text(encoding="utf-8")
    texts = embedded(source)
    problems = [
        f"{tool}:{line}: an f-string in _() or N_() is never translated — write {{names}} and pass their "
        f'values: _("… {{name}} …", name=value)'
        for line in f_strings(source)
    ]
    first_use: dict[str, int] = {}
    for line, message in check_translations.extract(tool):
        first_use.setdefault(message, line)
    for language, catalogue in check_translations.catalogue_paths(locale_dir).items():
        problems += _language_problems(str(tool), catalogue, texts.get(language, {}), first_use)
    for language in sorted(set(texts) - set(check_translations.catalogue_paths(locale_dir))):
        problems.append(
            f"{tool}:1: embeds translations into {language!r}, which has no catalogue "
            f"{Path(locale_dir) / language / 'LC_MESSAGES' / 'check.po'} — {EMBED}"
        )
    if not problems:
        try:
            regenerated = check_translations.embed(
                source, check_translations.block(check_translations.translations(locale_dir))
            )
        except check_translations.NoBlock as error:
            return [f"{tool}:1: {error} — restore the generated lines from git, then {EMBED}"]
        if regenerated != source:
            line = source[: source.find(check_translations.BEGIN)].count("\n") + 1
            problems.append(f"{tool}:{line}: the generated lines are not as {EMBED} writes them — {EMBED}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m placetel_tools.lint.embedded_translations",
        description="Check that check.py embeds exactly the translations of its catalogues check.po.",
    )
    parser.add_argument(
        "--tool", metavar="FILE", default=check_translations.DEFAULT_TOOL, help="default: %(default)s"
    )
    parser.add_argument(
        "--locale", metavar="DIR", default="locale", help="the catalogues (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    try:
        problems = check(args.tool, args.locale)
    except (OSError, UnicodeDecodeError, Unreadable) as error:
        print(
            f"{args.tool}:1: cannot read the check tool ({error}) — fix it, then run this again",
            file=sys.stderr,
        )
        return 2
    return report(problems)


if __name__ == "__main__":
    sys.exit(main())
