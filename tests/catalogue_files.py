"""Catalogues for the tests, written and read with Babel as `make translations` does."""

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po


def save(catalog: Catalog, path: Path) -> Path:
    """Write ``catalog`` to ``path`` (76 columns); return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(file, catalog, width=76)
    return path


def load(path: Path) -> list:
    """The entries of the catalogue at ``path``, the header left out."""
    with Path(path).open("rb") as file:
        return [message for message in read_po(file) if message.id]
