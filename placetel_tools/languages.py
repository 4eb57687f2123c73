"""The project's languages and where each one's pages go: the one definition that conf.py, the
Makefile, the Sphinx extensions, the figures, the catalogues' tools and .readthedocs.yaml's check
read.

The pages are written in SOURCE (docs/); every folder LOCALE/LANG/LC_MESSAGES is a translation.
The source language's pages go to the root of the site (_build/html/PAGE.html), each
translation's to a folder named after it (_build/html/LANG/PAGE.html).

Standard library only: the Makefile runs `python -m placetel_tools.languages` when it reads
itself, with python3 when .venv does not exist yet."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

SOURCE = "en"  # the pages' language; conf.py's `language`
LOCALE = "locale"  # the catalogues' folder, relative to the project's root


def translations(locale_dir: Path | str = LOCALE) -> list[str]:
    """Every language with a folder LANG/LC_MESSAGES under ``locale_dir``, sorted."""
    found = {path.parent.name for path in Path(locale_dir).glob("*/LC_MESSAGES") if path.is_dir()}
    return sorted(found - {SOURCE})


def site_languages(locale_dir: Path | str = LOCALE) -> list[str]:
    """The source language, then every translation: the languages the site is built in."""
    return [SOURCE, *translations(locale_dir)]


def html_dir(language: str) -> str:
    """The folder ``language``'s pages go to, relative to the site's root: '' or 'LANG'."""
    return "" if language == SOURCE else language


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m placetel_tools.languages",
        description="Print the translations (every folder LOCALE_DIR/LANG/LC_MESSAGES), one line.",
    )
    parser.add_argument("locale_dir", nargs="?", default=LOCALE, help=f"default: {LOCALE}")
    parser.add_argument("--site", action="store_true", help=f"the source language ({SOURCE}) first")
    args = parser.parse_args(argv)
    print(" ".join((site_languages if args.site else translations)(args.locale_dir)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
