"""Every figure of a project in every language: wanted bytes, stale SVGs, writing.

For each source, the SVG bytes it should render to in English and in each language with a
catalogue; which SVGs are missing or stale; writing the ones that changed. Used by cli.py
(`make images`, `--check`) and by the Sphinx extension figure_check."""

from pathlib import Path
from typing import NamedTuple

from placetel_tools import languages
from placetel_tools.figures.catalogue import translations as read_translations
from placetel_tools.figures.draw import Translations, render
from placetel_tools.figures.layout import Layout
from placetel_tools.figures.source import FigureError

RERUN = "run make images"


class Figure(NamedTuple):
    """One SVG a source renders to, in one language."""

    source: Path  # images/src/NAME.txt
    wanted: bytes | FigureError  # the SVG's bytes, or the FigureError that prevents them
    language: str
    catalogue: Path | None  # locale/LANG/LC_MESSAGES/images.po of a translation

    def outdated(self, target: Path) -> bool:
        """True if ``target`` (where this figure goes) is missing or differs from the wanted bytes;
        False for a broken figure (its FigureError says what is wrong)."""
        if isinstance(self.wanted, FigureError):
            return False
        return not target.exists() or target.read_bytes() != self.wanted


def render_file(
    source: Path,
    where: Layout | Path | str,
    language: str = languages.SOURCE,
    translations: Translations | None = None,
) -> bytes:
    """Render one source file, naming it relative to the project's root in errors."""
    layout = Layout.of(where)
    return render(Path(source).read_text(encoding="utf-8"), layout.rel(source), language, translations)


def expected(where: Layout | Path | str) -> dict[Path, Figure]:
    """{SVG path: Figure} for every source in the sources' language and in every language
    with a catalogue (images/NAME.svg, images/NAME.LANG.svg)."""
    layout = Layout.of(where)
    translations: dict[str, Translations | FigureError] = {}
    for language in layout.languages():
        try:
            translations[language] = read_translations(layout, language)
        except FigureError as err:
            translations[language] = err
    result = {}
    for source in layout.source_files():
        text, name = source.read_text(encoding="utf-8"), layout.rel(source)
        english: bytes | FigureError
        try:
            english = render(text, name)
        except FigureError as err:
            english = err
        result[layout.output_for(source)] = Figure(source, english, languages.SOURCE, None)
        for language, found in translations.items():
            wanted: bytes | FigureError
            if isinstance(english, FigureError):
                wanted = english
            elif isinstance(found, FigureError):
                wanted = found
            else:
                try:
                    wanted = render(text, name, language, found)
                except FigureError as err:
                    wanted = err
            result[layout.output_for(source, language)] = Figure(
                source, wanted, language, layout.catalogue_path(language)
            )
    return result


def errors(figures: dict[Path, Figure]) -> list[FigureError]:
    """The distinct FigureErrors among ``expected()``'s figures, in order."""
    found: dict[str, FigureError] = {}
    for figure in figures.values():
        if isinstance(figure.wanted, FigureError):
            found.setdefault(str(figure.wanted), figure.wanted)
    return list(found.values())


def stale(target: Path, figure: Figure, where: Layout | Path | str) -> str:
    """`what — what to do` for an SVG that is not current (or missing), to be reported at its source;
    paths are named relative to the root of ``where`` (a Layout or the project's folder)."""
    layout = Layout.of(where)
    if not Path(target).exists():
        return f"{layout.rel(target)} is missing — {RERUN}"
    also = f" and {layout.rel(figure.catalogue)}" if figure.catalogue else ""
    return f"{layout.rel(target)} is not current with this source{also} — {RERUN}"


def stale_message(target: Path, figure: Figure, where: Layout | Path | str) -> str:
    """`path:line: what — what to do` for an SVG that is not current (or missing)."""
    return f"{Layout.of(where).rel(figure.source)}:1: {stale(target, figure, where)}"


def problems(where: Layout | Path | str) -> list[str]:
    """`path:line: what — what to do` for each source that is broken or whose SVG is not current,
    in any language."""
    layout = Layout.of(where)
    figures = expected(layout)
    found = [str(err) for err in errors(figures)]
    found += [
        stale_message(target, figure, layout) for target, figure in figures.items() if figure.outdated(target)
    ]
    return found


def build(where: Layout | Path | str, figures: dict[Path, Figure] | None = None) -> list[Path]:
    """Write every figure whose bytes changed, in every language; return the paths written.
    Raises the first FigureError: one broken source or catalogue writes nothing."""
    figures = expected(where) if figures is None else figures
    broken = errors(figures)
    if broken:
        raise broken[0]
    written = []
    for target, figure in figures.items():
        if figure.outdated(target):
            assert isinstance(figure.wanted, bytes)  # no FigureError: checked above
            target.write_bytes(figure.wanted)
            written.append(target)
    return written
