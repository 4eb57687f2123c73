"""Spell-check translation catalogues no page shows, the check tool's check.po: with the dictionary, word
lists and conventions `make spelling` uses for the pages.

Used by `make spelling` (which has installed the dictionaries)."""

# Usage: python -m placetel_tools.lint.catalogue_spelling [--shared FILE] CATALOGUE ...
#        (exit 1 on a misspelling, 2 when Enchant or a language's dictionary is missing)
#
# The pages' translations are spell-checked by Sphinx's spelling builder
# (placetel_tools/sphinxext/spelling_setup.py); the check tool's translations are printed by the tool,
# never built, so this reads them from the catalogue. The same for each translated message (a
# msgstr, neither fuzzy nor obsolete) of a catalogue LANG/LC_MESSAGES/NAME.po:
#
#   dictionary   Debian's hunspell dictionary of LANG (de -> de_DE), through Enchant;
#   word lists   the shared list (docs/spelling_wordlist.txt) and locale/LANG/spelling_*.txt, the
#                English the translation keeps (Zammad's answers, field names) among them;
#   filters      the builder's (contractions, e-mail addresses, CamelCase words, acronyms, Python
#                builtins), URLs, hyphenated compounds checked part by part;
#   not prose    as the pages keep them out of the check (literals, :menuselection:, bold labels):
#                {placeholders}, option names (--recognise), XML (<Response/>), paths (/api/…),
#                code values (call_id, type=blocked), and every product label of
#                locale/LANG/ui-labels.txt (Placetel's are English: URL of your API endpoint).

from __future__ import annotations

import argparse
import ast
import re
import sys
import tempfile
from pathlib import Path

from placetel_tools.lint import po
from placetel_tools.lint.sources import report

NOT_PROSE = re.compile(
    r"\{[^{}]*\}"  # {placeholders}
    r"|(?<!\w)--?[A-Za-z][\w-]*"  # option names
    r"|<[^<>]*>"  # XML elements
    r"|https?://\S*"  # URLs, and a scheme alone
    r"|(?<![\w/])/[\w./-]+"  # paths
    r"|\b\w+(?:[_=]\w+)+\b"  # code values
)


class Unavailable(Exception):
    """Enchant or a dictionary is not installed."""


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def label_pattern(labels_file: Path) -> re.Pattern[str] | None:
    """Any label of the list ``labels_file`` (one a line, # comments), longest first; None if none."""
    if not labels_file.exists():
        return None
    lines = labels_file.read_text(encoding="utf-8").splitlines()
    labels = sorted({line.strip() for line in lines if line.strip() and not line.startswith("#")}, key=len)
    if not labels:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(label)}(?!\w)" for label in reversed(labels)))


def prose(text: str, labels: re.Pattern[str] | None) -> str:
    """``text`` with what is not prose blanked (same length, so offsets stay)."""
    text = NOT_PROSE.sub(_blank, text)
    return labels.sub(_blank, text) if labels else text


def _checker(language: str, word_lists: list[Path]):
    """sphinxcontrib-spelling's checker, set up as the spelling builder sets it up for the pages."""
    try:  # only this check needs Enchant and its C library
        import enchant
        from enchant.tokenize import EmailFilter, URLFilter, WikiWordFilter
        from sphinxcontrib.spelling import filters
        from sphinxcontrib.spelling.checker import SpellingChecker

        from placetel_tools.sphinxext.spelling_setup import HyphenatedCompounds, dictionary
    except ImportError as error:
        raise Unavailable(f"Enchant is not installed ({error}): run `make system-packages`") from None
    tag = dictionary(language)
    if not enchant.dict_exists(tag):
        raise Unavailable(f"no {tag} dictionary: run `make system-packages` (hunspell-{language}…)")
    words = []
    for path in word_lists:
        words += [w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip()]
    combined = tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False)  # noqa: SIM115
    with combined:
        combined.write("\n".join(words) + "\n")
    builder_filters = [filters.ContractionFilter, EmailFilter, WikiWordFilter, filters.AcronymFilter]
    checker = SpellingChecker(
        lang=tag,
        suggest=True,
        word_list_filename=combined.name,
        tokenizer_lang=tag,
        filters=[*builder_filters, filters.PythonBuiltinsFilter, URLFilter, HyphenatedCompounds],
    )
    Path(combined.name).unlink()
    return checker


def _line(lines: list[str], msgstr_line: int, offset: int) -> int:
    """The line of the .po (``lines``) that holds character ``offset`` of the msgstr at ``msgstr_line``."""
    seen, number = 0, msgstr_line
    while number <= len(lines):
        text = lines[number - 1]
        quoted = text[text.index('"') :] if '"' in text else '""'
        try:
            seen += len(ast.literal_eval(quoted))
        except (SyntaxError, ValueError):
            return msgstr_line
        if offset < seen or number == len(lines) or not lines[number].startswith('"'):
            return number
        number += 1
    return msgstr_line


def check(catalogues: list[Path], shared: Path) -> list[str]:
    problems = []
    for catalogue in catalogues:
        language = po.language_of(catalogue)
        folder = catalogue.parent.parent  # locale/LANG
        own = sorted(folder.glob("spelling_*.txt"))
        checker = _checker(language, [shared, *own])
        labels = label_pattern(folder / "ui-labels.txt")
        lines = catalogue.read_text(encoding="utf-8").splitlines()
        own_list = folder / "spelling_wordlist.txt"
        for message in po.translated([catalogue]):
            for word, at in checker.tokenizer(prose(message.msgstr, labels)):
                if checker.dictionary.check(word):
                    continue
                suggestions = checker.dictionary.suggest(word)[:3]
                suggested = f" (perhaps {', '.join(suggestions)})" if suggestions else ""
                where = f"{catalogue}:{_line(lines, message.line, at)}"
                problems.append(
                    f"{where}: misspelt: {word!r}{suggested} — correct it, or add it to {own_list} if it is "
                    f"right (English the translation keeps as it is: {folder / 'spelling_english.txt'})"
                )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m placetel_tools.lint.catalogue_spelling",
        description="Spell-check the translations of catalogues no page shows (the check tool's).",
    )
    parser.add_argument(
        "catalogues", metavar="CATALOGUE", nargs="+", type=Path, help="LANG/LC_MESSAGES/NAME.po"
    )
    parser.add_argument(
        "--shared",
        metavar="FILE",
        type=Path,
        default=Path("docs/spelling_wordlist.txt"),
        help="the word list of every language (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    try:
        problems = check(args.catalogues, args.shared)
    except (Unavailable, OSError) as error:
        print(f"catalogue_spelling: cannot check spelling: {error}", file=sys.stderr)
        return 2
    return report(problems)


if __name__ == "__main__":
    sys.exit(main())
