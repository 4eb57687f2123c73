"""Find the files the `make lint` commands read: pages and snippets (*.rst), translations (*.po) and
figure sources (*.txt)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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
