"""Read the Docs builds exactly the site's languages: .readthedocs.yaml's `python -m sphinx` build
commands, one per language of placetel_tools.languages (the source, then every folder
locale/LANG/LC_MESSAGES), are written by `make translations` and checked by `make lint-ci-config`."""

# Usage: python -m placetel_tools.lint.readthedocs [--write] [CONFIG [LOCALE_DIR]]
#   (defaults: .readthedocs.yaml, locale; exit 1 on any problem)
#
# The build commands are the lines `- python -m sphinx ...` of the file, in order; --write
# replaces them with the wanted ones where the first stands and leaves every other line alone.
# Each language is built like `make html` builds it: the source language to the output's root,
# a translation to its folder (languages.html_dir), each with a doctree folder of its own.

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from placetel_tools import languages
from placetel_tools.lint.sources import report

CONFIG = ".readthedocs.yaml"
BUILD = re.compile(r"^(?P<item>\s*- )(?P<command>python -m sphinx\b.*?)\s*$")
OUTPUT = "$READTHEDOCS_OUTPUT/html"
RERUN = "run make translations"


def command(language: str) -> str:
    """The build command of one language."""
    option = "" if language == languages.SOURCE else f" -D language={language}"
    output = "/".join(part for part in (OUTPUT, languages.html_dir(language)) if part)
    doctrees = f"_build/doctrees/{language}"
    return f"python -m sphinx -b html -c . -n -W --keep-going{option} -d {doctrees} docs {output}"


def build_lines(lines: list[str]) -> list[tuple[int, re.Match[str]]]:
    """(index, match) of every build command line."""
    return [(i, match) for i, line in enumerate(lines) if (match := BUILD.match(line))]


def problems(config: Path, locale_dir: Path) -> list[str]:
    """`CONFIG:LINE: what — run make translations` for every build command that is not the wanted one,
    every language without one, and every command for a language the site does not have."""
    lines = config.read_text(encoding="utf-8").splitlines()
    found = build_lines(lines)
    if not found:
        return [f"{config}:1: no `python -m sphinx` build command — add one to build.commands, then {RERUN}"]
    site = languages.site_languages(locale_dir)
    result = []
    for (i, match), language in zip(found, site, strict=False):
        if match["command"] != command(language):
            result.append(f"{config}:{i + 1}: `{match['command']}` should be `{command(language)}` — {RERUN}")
    last = found[-1][0] + 1
    for language in site[len(found) :]:
        folder = locale_dir / language / "LC_MESSAGES"
        result.append(f"{config}:{last}: no build of {language!r} ({folder}) — {RERUN}")
    for i, match in found[len(site) :]:
        result.append(
            f"{config}:{i + 1}: `{match['command']}` builds more than the languages of {locale_dir} "
            f"({', '.join(site)}) — {RERUN}"
        )
    return result


def write(config: Path, locale_dir: Path) -> bool:
    """Put the wanted build commands in place of the file's; True if the file changed."""
    text = config.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    found = build_lines(lines)
    if not found:
        return False  # problems() says what to do
    item = found[0][1]["item"]
    wanted = [f"{item}{command(language)}\n" for language in languages.site_languages(locale_dir)]
    drop = {i for i, _ in found}
    first = found[0][0]
    new = lines[:first] + wanted + [line for i, line in enumerate(lines[first:], first) if i not in drop]
    if "".join(new) == text:
        return False
    config.write_text("".join(new), encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m placetel_tools.lint.readthedocs", description=__doc__)
    parser.add_argument("config", nargs="?", type=Path, default=Path(CONFIG))
    parser.add_argument("locale_dir", nargs="?", type=Path, default=Path(languages.LOCALE))
    parser.add_argument("--write", action="store_true", help="write the build commands, then check")
    args = parser.parse_args(argv)
    if args.write and write(args.config, args.locale_dir):
        print(f"Update: {args.config} (its build commands)")
    return report(problems(args.config, args.locale_dir))


if __name__ == "__main__":
    sys.exit(main())
