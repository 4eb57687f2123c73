"""Merge the English messages (_build/gettext/*.pot) into every language's catalogues
(locale/LANG/LC_MESSAGES/*.po) with Babel; `make translations` runs it."""

# Usage: python -m placetel_tools.translations GETTEXT_DIR LOCALE_DIR [--add LANG]
# Exit status: 0 done, 1 no templates in GETTEXT_DIR (run `make gettext`), 2 usage.
#
# For each language folder LOCALE_DIR/LANG/LC_MESSAGES (and LANG given with --add):
#   * a new English message gets an empty entry, a changed one keeps its old
#     translation marked fuzzy (Babel's fuzzy matching), a removed one is dropped;
#   * every entry's English places (#: file:line) follow the English;
#   * a catalogue whose English is gone is deleted, a new one created.
# Entries are matched by context and text, so "Save" in two figures (msgctxt
# NAME) are two entries. sphinx-intl's `update` does the same merge, but leaves a
# catalogue alone whenever its set of message texts is unchanged, which misses
# moved lines and the same text in a new context; hence this module.
# Files are written in Babel's layout, 76 columns, so diffs stay small; a file
# whose content would not change is not touched.

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from placetel_tools import languages

WIDTH = 76


class NoTemplates(Exception):
    """The gettext folder holds no .pot file."""


def _read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=language)


def _render(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, include_previous=False)
    return buffer.getvalue()


def merge(template: Catalog, existing: Catalog | None, language: str) -> Catalog:
    """The catalogue of ``language`` for ``template``, keeping what ``existing`` translated."""
    if existing is None:
        catalog = Catalog(
            locale=language,
            project=template.project,
            version=template.version,
            copyright_holder=template.copyright_holder,
            msgid_bugs_address=template.msgid_bugs_address,
            creation_date=template.creation_date,
            fuzzy=False,
        )
        catalog.last_translator = catalog.language_team = template.last_translator
        existing = catalog
    existing.update(
        template,
        no_fuzzy_matching=False,
        update_header_comment=False,
        keep_user_comments=True,
        update_creation_date=False,
    )
    existing.obsolete.clear()  # what the English no longer has goes: git keeps its history
    existing.fuzzy = False  # the header entry is not a translation
    return existing


def update(gettext_dir: Path, locale_dir: Path, add: list[str] = ()) -> list[str]:
    """Merge every template into every language; return what was done, one line each.

    Raises NoTemplates if ``gettext_dir`` holds no .pot file."""
    templates = {pot.stem: pot for pot in sorted(Path(gettext_dir).glob("*.pot"))}
    if not templates:
        raise NoTemplates(f"{gettext_dir}: no .pot files — run `make gettext` first")
    done = []
    for language in sorted({*languages.translations(locale_dir), *add}):
        folder = Path(locale_dir) / language / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        for name, pot in templates.items():
            path = folder / f"{name}.po"
            before = path.read_bytes() if path.exists() else None
            catalog = merge(_read(pot), _read(path, language) if before else None, language)
            after = _render(catalog)
            if after != before:
                path.write_bytes(after)
                done.append(f"{'Update' if before else 'Create'}: {path}")
        for path in sorted(folder.glob("*.po")):
            if path.stem not in templates:
                path.unlink()
                done.append(f"Delete: {path} (its English page or figure is gone)")
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m placetel_tools.translations",
        description="Merge the English messages (.pot) into every language's catalogues (.po).",
    )
    parser.add_argument("gettext_dir", type=Path, metavar="GETTEXT_DIR", help="the templates (make gettext)")
    parser.add_argument("locale_dir", type=Path, metavar="LOCALE_DIR", help="the LANG/LC_MESSAGES folders")
    parser.add_argument("--add", metavar="LANG", action="append", default=[], help="start a language")
    args = parser.parse_args(argv)  # exits 2 on a usage error
    try:
        lines = update(args.gettext_dir, args.locale_dir, args.add)
    except NoTemplates as problem:
        print(problem, file=sys.stderr)
        return 1
    for line in lines:
        print(line)
    print(f"translations: {len(lines)} catalogue(s) changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
