"""Where a project keeps its figures, relative to one root folder.

The sources (images/src/NAME.txt), the SVGs they render to (images/NAME.svg,
images/NAME.LANG.svg) and the catalogues of their texts (locale/LANG/LC_MESSAGES/images.po).
Used by catalogue.py, project.py, cli.py and the Sphinx extension figure_check (which builds a
Layout from its settings)."""

from pathlib import Path
from typing import NamedTuple

from placetel_tools.figures.source import SOURCE_LANGUAGE

SOURCES = "images/src"
OUTPUT = "images"
LOCALE = "locale"  # LANG/LC_MESSAGES/images.po: a language's translations of the figures
DOMAIN = "images"  # the catalogue's name: images.po, its template images.pot


class Layout(NamedTuple):
    """A project's figure folders; ``root`` is absolute, the others relative to it (or absolute)."""

    root: Path
    sources: str = SOURCES
    output: str = OUTPUT
    locale: str = LOCALE

    @classmethod
    def of(cls, where: "Layout | Path | str") -> "Layout":
        """``where`` itself if it is a Layout, else the default layout of the project at ``where``."""
        return where if isinstance(where, Layout) else cls(Path(where).resolve())

    @property
    def source_dir(self) -> Path:
        return self.root / self.sources

    @property
    def output_dir(self) -> Path:
        return self.root / self.output

    def source_files(self) -> list[Path]:
        """Every figure source, sorted."""
        return sorted(self.source_dir.glob("*.txt"))

    def output_for(self, source: Path, language: str = SOURCE_LANGUAGE) -> Path:
        """The SVG a source renders to: images/NAME.svg, or images/NAME.LANG.svg for a translation."""
        suffix = "" if language == SOURCE_LANGUAGE else f".{language}"
        return self.output_dir / f"{Path(source).stem}{suffix}.svg"

    def catalogue_path(self, language: str) -> Path:
        """locale/LANG/LC_MESSAGES/images.po"""
        return self.root / self.locale / language / "LC_MESSAGES" / f"{DOMAIN}.po"

    def languages(self) -> list[str]:
        """The languages that have a catalogue of the figures' texts, sorted."""
        found = (self.root / self.locale).glob(f"*/LC_MESSAGES/{DOMAIN}.po")
        return sorted({p.parent.parent.name for p in found} - {SOURCE_LANGUAGE})

    def rel(self, path: Path | str) -> str:
        """``path`` relative to the root, as messages name it."""
        try:
            return Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return str(path)
