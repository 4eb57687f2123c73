"""Where a project keeps its figures, relative to one root folder.

The sources (images/src/NAME.txt), the SVGs they render to (images/NAME.svg, and for a
translation the name Sphinx's figure_language_filename gives it, images/NAME.LANG.svg by
default) and the catalogues of their texts (locale/LANG/LC_MESSAGES/images.po).
Used by catalogue.py, project.py, cli.py and the Sphinx extension figure_check (which builds a
Layout from its settings)."""

from pathlib import Path
from types import SimpleNamespace
from typing import NamedTuple

from sphinx.config import Config
from sphinx.util.i18n import get_image_filename_for_language

from placetel_tools.languages import SOURCE

SOURCES = "images/src"
OUTPUT = "images"
LOCALE = "locale"  # LANG/LC_MESSAGES/images.po: a language's translations of the figures
DOMAIN = "images"  # the catalogue's name: images.po, its template images.pot
# Sphinx's figure_language_filename by default (conf.py sets none): images/NAME.LANG.svg.
LANGUAGE_FILENAME = Config.config_values["figure_language_filename"].default


def language_variant(path: Path | str, language: str, pattern: str = LANGUAGE_FILENAME) -> Path:
    """The file a page in ``language`` shows for the figure ``path``, named by Sphinx's own helper
    with ``pattern`` (figure_language_filename); ``path`` itself in the source language."""
    if language == SOURCE:
        return Path(path)
    # The helper reads these two settings and the current page's name, for {docpath}: a figure
    # serves pages in any folder, so none.
    env = SimpleNamespace(
        config=SimpleNamespace(figure_language_filename=pattern, language=language),
        current_document=SimpleNamespace(docname=""),
    )
    return Path(get_image_filename_for_language(path, env))  # type: ignore[arg-type]


class Layout(NamedTuple):
    """A project's figure folders; ``root`` is absolute, the others relative to it (or absolute)."""

    root: Path
    sources: str = SOURCES
    output: str = OUTPUT
    locale: str = LOCALE
    language_filename: str = LANGUAGE_FILENAME  # Sphinx's figure_language_filename

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

    def output_for(self, source: Path, language: str = SOURCE) -> Path:
        """The SVG a source renders to: images/NAME.svg, or its variant for a translation
        (images/NAME.LANG.svg by default)."""
        english = self.output_dir / f"{Path(source).stem}.svg"
        return language_variant(english, language, self.language_filename)

    def catalogue_path(self, language: str) -> Path:
        """locale/LANG/LC_MESSAGES/images.po"""
        return self.root / self.locale / language / "LC_MESSAGES" / f"{DOMAIN}.po"

    def languages(self) -> list[str]:
        """The languages that have a catalogue of the figures' texts, sorted."""
        found = (self.root / self.locale).glob(f"*/LC_MESSAGES/{DOMAIN}.po")
        return sorted({p.parent.parent.name for p in found} - {SOURCE})

    def rel(self, path: Path | str) -> str:
        """``path`` relative to the root, as messages name it."""
        try:
            return Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return str(path)
