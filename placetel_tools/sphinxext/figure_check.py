"""Sphinx extension: every figure has alt text, is a well-formed SVG, keeps the budgets, is used and current.

Loaded by conf.py for every build of every language. Each page's image references are
collected while the page is read (kept in the environment, merged from parallel readers, purged
with their page, so incremental and parallel builds see every page) and checked once per build
after reading: warnings carry the page's file:line, so the strict build (-W) fails. A missing
image file is left to Sphinx's own "image file not readable".

Settings (conf.py); folders are relative to the configuration directory:

    figure_check_images = "images"         the site's images: every file below it must be
                                           shown by a page; the renderer writes its SVGs here
    figure_check_sources = "images/src"    figure sources (placetel_tools.figures), checked
                                           for being current; None: no generated figures
    figure_check_locale = "locale"         the figures' catalogues LANG/LC_MESSAGES/images.po
    figure_check_max_file_bytes = 100_000  budget per image
    figure_check_max_page_bytes = 250_000  budget for the images of one page together

Languages: a build with -D language=LANG shows images/NAME.LANG.svg where it exists (Sphinx's
figure_language_filename, whose names the renderer's layout takes too); the renderer writes one
for every language with a catalogue. A variant counts as referenced through NAME.svg; the page
budget counts what the page shows (a German page: the .de.svg files); a variant that is missing,
or not current with its source and catalogue, is reported at the page that would show it, or at
its source when no page of this build shows it (the other languages).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from placetel_tools import figures, languages
from placetel_tools.sphinxext import PageRecord

logger = logging.getLogger(__name__)

SVG_ROOT = "{http://www.w3.org/2000/svg}svg"
# A language code in a variant's name: a variant (images/NAME.LANG.svg) counts as referenced through
# its figure (images/NAME.svg).
LANGUAGE = re.compile(r"[a-z]{2,3}(?:_[A-Za-z]{2,4})?")
RECORD = PageRecord("figure_check_refs")  # {docname: [ImageRef, ...]}
MARK = "\0"  # stands for the language in a variant's name while it is turned into a pattern


# --- decoding ------------------------------------------------------------------


class Broken(Exception):
    """The file does not decode; the message says where."""


def check_svg(data: bytes) -> None:
    if b"<!ENTITY" in data:
        raise Broken("it declares XML entities")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as err:
        raise Broken(f"it is not well-formed XML ({err})") from None
    if root.tag != SVG_ROOT:
        raise Broken(f"its root element is {root.tag!r}, not <svg> in the SVG namespace")
    for attr in ("width", "height"):
        if not root.get(attr):
            raise Broken(f"its <svg> element has no {attr}")


def decode_problem(path: Path | str) -> str | None:
    """None if the SVG file decodes completely, else what is wrong with it."""
    try:
        check_svg(Path(path).read_bytes())
    except Broken as err:
        return str(err)
    return None


def variants_of(figure: Path, pattern: str) -> re.Pattern[str]:
    """The names of ``figure``'s variants in any language, as Sphinx names them with the
    figure_language_filename ``pattern``: images/NAME.LANG.svg by default."""
    name = re.escape(str(figures.language_variant(figure, MARK, pattern)))
    return re.compile(name.replace(re.escape(MARK), LANGUAGE.pattern))


def budget(size: int) -> str:
    """A budget as the messages name it: 100 KB, or 500 bytes."""
    return f"{size // 1000} KB" if size >= 1000 and size % 1000 == 0 else f"{size} bytes"


# --- the state: what each page shows ------------------------------------------------


class ImageRef(NamedTuple):
    """One image a page shows."""

    path: str  # absolute, resolved: the file this build's page shows (a language variant if any)
    line: int  # in the page's source
    alt: str | None
    figure: str = ""  # absolute, resolved: the file the page names, if not ``path`` (its variant)


def references(env: BuildEnvironment) -> dict[str, list[ImageRef]]:
    """{docname: the page's images, in order}."""
    return RECORD.of(env)


def collect(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: remember each image of the page just read."""
    found = []
    for node in doctree.findall(nodes.image):
        uri = node.get("candidates", {}).get("*", node["uri"])
        if "://" in uri or uri.startswith("data:"):
            continue
        _, line = get_source_line(node)
        path = str((Path(app.srcdir) / uri).resolve())
        named = path
        if "original_uri" in node:  # what the page wrote, when Sphinx shows another file (a variant)
            named = str(Path(app.env.relfn2path(node["original_uri"], app.env.docname)[1]).resolve())
        found.append(ImageRef(path, line or 0, node.get("alt"), "" if named == path else named))
    references(app.env)[app.env.docname] = found


# --- the checks ------------------------------------------------------------------------


@dataclass
class Run:
    """One check of the whole site after reading: the settings, the figures the renderer
    wants, and what the checks found so far."""

    root: Path  # the configuration directory
    images: Path
    sources: Path | None
    max_file: int
    max_page: int
    language: str
    language_filename: str  # Sphinx's figure_language_filename
    generated: dict[Path, figures.Figure]  # every SVG the renderer writes: its wanted bytes
    variants: dict[Path, Path]  # images/NAME.svg: images/NAME.LANG.svg this build's pages show
    decoded: dict[Path, str | None] = field(default_factory=dict)
    referenced: set[Path] = field(default_factory=set)  # what pages show, and NAME.svg of variants
    shown: set[Path] = field(default_factory=set)  # existing files pages show
    reported: set[Path] = field(default_factory=set)  # generated SVGs already reported at a page

    @classmethod
    def start(cls, app: Sphinx) -> "Run":
        config = app.config
        root = Path(app.confdir).resolve()
        language = config.language or languages.SOURCE
        sources = root / config.figure_check_sources if config.figure_check_sources else None
        layout = figures.Layout(
            root,
            config.figure_check_sources or figures.SOURCES,
            config.figure_check_images,
            config.figure_check_locale,
            config.figure_language_filename,
        )
        generated = figures.expected(layout) if sources is not None else {}
        variants = {
            layout.output_for(figure.source): target
            for target, figure in generated.items()
            if figure.language == language != languages.SOURCE
        }
        return cls(
            root,
            root / config.figure_check_images,
            sources,
            config.figure_check_max_file_bytes,
            config.figure_check_max_page_bytes,
            language,
            config.figure_language_filename,
            generated,
            variants,
        )

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)


Where = tuple[str, int]  # (docname, line): a warning's location on a page


def warn(message: str, *args: object, location: Where | str | None = None) -> None:
    """A warning of type placetel.figure_check (suppress_warnings can silence it)."""
    logger.warning(message, *args, location=location, type="placetel", subtype="figure_check")


def check_folders(run: Run) -> None:
    """The configured folders exist: a wrong setting must not switch the checks off silently."""
    folders = [("figure_check_images", run.images)]
    if run.sources is not None:
        folders.append(("figure_check_sources", run.sources))
    for setting, folder in folders:
        if not folder.is_dir():
            warn(
                "%s %r is not a folder — create it, or set %s in conf.py (relative to it)",
                setting,
                run.rel(folder),
                setting,
                location=f"{run.root / 'conf.py'}:1",
            )


def check_sources(run: Run) -> None:
    """Every figure source and catalogue can be rendered: each error at its own file:line."""
    for err in figures.errors(run.generated):
        warn("%s", err.message, location=f"{run.root / err.name}:{err.line}")


def check_alt(run: Run, ref: ImageRef, where: Where) -> None:
    """The alt text says what the figure shows: it is there, and not the file's name."""
    path = Path(ref.path)
    name = run.rel(path)
    text = (ref.alt or "").strip()
    if not text:
        warn("%s has no alt text — add :alt: saying what the figure shows", name, location=where)
    elif text.lower() in (path.name.lower(), path.stem.lower(), name.lower()):
        warn(
            "the alt text of %s is its file name — make :alt: say what the figure shows",
            name,
            location=where,
        )


def check_variant(run: Run, ref: ImageRef, where: Where) -> None:
    """A page of a translation shows the figure in its language: NAME.LANG.svg exists."""
    variant = run.variants.get(Path(ref.path))
    if variant is not None and not variant.exists():  # Sphinx fell back to the English
        run.reported.add(variant)
        warn(
            "%s is missing, so this %s page shows the English figure — run make images",
            run.rel(variant),
            figures.language_name(run.language),
            location=where,
        )


def check_file_budget(run: Run, path: Path, where: Where) -> None:
    """One image keeps the budget per image."""
    size = path.stat().st_size
    if size > run.max_file:
        warn(
            "%s weighs %d bytes, over the %s budget per image — simplify or compress it",
            run.rel(path),
            size,
            budget(run.max_file),
            location=where,
        )


def check_decodes(run: Run, path: Path, where: Where) -> None:
    """The file is an SVG that decodes completely (each file is decoded once per build): the
    site's figures are drawn, so a raster file is named, not decoded."""
    if path.suffix.lower() != ".svg":
        warn(
            "%s is not SVG: only SVG figures are checked; draw it as SVG under %s",
            run.rel(path),
            run.rel(run.sources) if run.sources else "images/src",
            location=where,
        )
        return
    if path not in run.decoded:
        run.decoded[path] = decode_problem(path)
    if run.decoded[path]:
        warn(
            "%s does not decode: %s — export it again (or run make images if it is generated)",
            run.rel(path),
            run.decoded[path],
            location=where,
        )


def check_current(run: Run, path: Path, where: Where) -> None:
    """A generated figure is what its source (and catalogue) render to today."""
    figure = run.generated.get(path)
    if figure is not None and figure.outdated(path):
        run.reported.add(path)
        also = f" and {run.rel(figure.catalogue)}" if figure.catalogue else ""
        warn(
            "%s is not current with its source %s%s — run make images",
            run.rel(path),
            run.rel(figure.source),
            also,
            location=where,
        )


def check_page_budget(run: Run, shown: dict[Path, Where]) -> None:
    """The images of one page together keep the page budget: warned where the total first exceeds it."""
    total = 0
    for path, where in shown.items():
        total += path.stat().st_size
        if total > run.max_page:
            warn(
                "the images of this page weigh %d bytes together, over the %s budget per page — "
                "use fewer or lighter images",
                total,
                budget(run.max_page),
                location=where,
            )
            return


PER_REFERENCE = (check_alt, check_variant)  # every image reference of a page
PER_FILE = (check_file_budget, check_decodes, check_current)  # each file a page shows, once per page


def check_page(run: Run, docname: str, refs: list[ImageRef]) -> None:
    """Every check of one page's images; the files it shows count towards its budget once each."""
    shown: dict[Path, Where] = {}  # in page order
    for ref in refs:
        path = Path(ref.path)
        run.referenced.update((path, Path(ref.figure or path)))
        where = (docname, ref.line)
        for check in PER_REFERENCE:
            check(run, ref, where)
        if path.is_file():  # a missing file: Sphinx says "image file not readable"
            shown.setdefault(path, where)
    for path, where in shown.items():
        run.shown.add(path)
        for check_file in PER_FILE:
            check_file(run, path, where)
    check_page_budget(run, shown)


def check_unshown_figures(run: Run) -> None:
    """Figures no page of this build shows (the other languages' variants, figures of no page)
    are current too: reported at their source."""
    for target, figure in run.generated.items():
        if target in run.reported or target in run.shown or not figure.outdated(target):
            continue
        if not target.exists() and target.resolve() in run.referenced:
            continue  # a page shows it: Sphinx says "image file not readable"
        warn("%s", figures.stale(target, figure, run.root), location=f"{figure.source}:1")


def check_unreferenced_files(run: Run) -> None:
    """Every file in the images folder (the figure sources excepted) is shown by a page."""
    if not run.images.is_dir():
        return  # check_folders said so
    variants = [variants_of(figure, run.language_filename) for figure in run.referenced]
    for path in sorted(run.images.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        if run.sources is not None and path.is_relative_to(run.sources):
            continue
        resolved = path.resolve()
        if resolved not in run.referenced and not any(v.fullmatch(str(resolved)) for v in variants):
            warn(
                "no page references %s — reference it with a figure and :alt:, or delete it",
                run.rel(path),
                location=f"{path}:1",
            )


def check(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated: warn, at the referencing page's file:line, about every figure problem."""
    run = Run.start(app)
    check_folders(run)
    check_sources(run)
    refs = references(env)
    for docname in sorted(refs):
        check_page(run, docname, refs[docname])
    check_unshown_figures(run)
    check_unreferenced_files(run)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("figure_check_images", "images", "", types=frozenset({str}))
    app.add_config_value("figure_check_sources", "images/src", "", types=frozenset({str, type(None)}))
    app.add_config_value("figure_check_locale", "locale", "", types=frozenset({str}))
    app.add_config_value("figure_check_max_file_bytes", 100_000, "", types=frozenset({int}))
    app.add_config_value("figure_check_max_page_bytes", 250_000, "", types=frozenset({int}))
    RECORD.connect(app)
    app.connect("doctree-read", collect, priority=900)  # after Sphinx resolved the image paths
    app.connect("env-updated", check)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
