"""What the `make lint` commands share: the files they read (pages and snippets *.rst, translations
*.po, figure sources *.txt) and how they report what they find."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path


def source_files(paths: Iterable[str | Path], figure_sources: str | Path | None = None) -> Iterator[Path]:
    """The files named in ``paths``, and under each folder of them its *.rst and *.po files; under the
    folder ``figure_sources`` (if named in ``paths``), its figure sources (*.txt) instead. _build/ is
    never searched."""
    figures = Path(figure_sources).resolve() if figure_sources else None
    for name in paths:
        path = Path(name)
        if not path.is_dir():
            yield path
            continue
        if figures is not None and path.resolve() == figures:
            found = list(path.rglob("*.txt"))
        else:
            found = [*path.rglob("*.rst"), *path.rglob("*.po")]
        yield from sorted(p for p in found if "_build" not in p.parts)


def report(problems: Iterable[str]) -> int:
    """Print each problem (`path:line: what — what to do`); the exit status: 1 if any, else 0."""
    found = 0
    for problem in problems:
        print(problem)
        found += 1
    return 1 if found else 0


def paths_command(module: str, check: Callable[[list[str]], Iterable[str]], argv: list[str] | None) -> int:
    """The command line of a lint that takes files and folders: usage (exit 2) without any, else
    ``check``'s problems reported (exit 1 if any)."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print(f"usage: python -m {module} DIR_OR_FILE ...", file=sys.stderr)
        return 2
    return report(check(argv))
