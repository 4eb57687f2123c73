"""Sphinx extension: every figure has alt text, decodes, keeps the size budgets, is used and is current.

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
import struct
import zlib
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

logger = logging.getLogger(__name__)

SVG_ROOT = "{http://www.w3.org/2000/svg}svg"
# A language code in a variant's name: a variant (images/NAME.LANG.svg) counts as referenced through
# its figure (images/NAME.svg).
LANGUAGE = re.compile(r"[a-z]{2,3}(?:_[A-Za-z]{2,4})?")
MARK = "\0"  # stands for the language in a variant's name while it is turned into a pattern
STATE = "figure_check_refs"  # the environment's attribute: {docname: [ImageRef, ...]}


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


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def check_png(data: bytes) -> None:
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise Broken("it has no PNG signature")
    pos, header, idat = 8, None, []
    while True:
        if pos + 12 > len(data):
            raise Broken(f"it ends at byte {len(data)} without an IEND chunk")
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 12 + length
        if end > len(data):
            raise Broken(f"chunk {kind.decode('latin-1')} at byte {pos} is cut short")
        body = data[pos + 8 : end - 4]
        if zlib.crc32(kind + body) != struct.unpack(">I", data[end - 4 : end])[0]:
            raise Broken(f"chunk {kind.decode('latin-1')} at byte {pos} has a wrong CRC")
        if header is None:
            if kind != b"IHDR" or length != 13:
                raise Broken("its first chunk is not IHDR")
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos = end
    width, height, depth, colour, _, _, interlace = header
    if colour not in CHANNELS:
        raise Broken(f"its colour type {colour} is not a PNG colour type")
    bits = depth * CHANNELS[colour]

    def size(w: int, h: int) -> int:
        return h * (1 + (w * bits + 7) // 8) if w and h else 0

    want = (
        sum(size((width - x + dx - 1) // dx, (height - y + dy - 1) // dy) for x, y, dx, dy in ADAM7)
        if interlace
        else size(width, height)
    )
    inflate = zlib.decompressobj()
    try:
        pixels = inflate.decompress(b"".join(idat))
    except zlib.error as err:
        raise Broken(f"its image data does not inflate ({err})") from None
    if not inflate.eof or len(pixels) != want:
        raise Broken(f"its image data holds {len(pixels)} of {want} bytes")


def check_gif(data: bytes) -> None:
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        raise Broken("it has no GIF signature")
    if len(data) < 13:
        raise Broken("its screen descriptor is cut short")
    flags = data[10]
    pos = 13 + (3 * (2 << (flags & 7)) if flags & 0x80 else 0)
    frames = 0

    def skip_blocks(pos: int, what: str) -> int:
        while True:
            if pos >= len(data):
                raise Broken(f"{what} is cut short at byte {len(data)}")
            if data[pos] == 0:
                return pos + 1
            pos += 1 + data[pos]

    while True:
        if pos >= len(data):
            raise Broken(f"it ends after {frames} frame(s) without the trailer")
        block = data[pos]
        if block == 0x3B:
            break
        if block == 0x21:
            pos = skip_blocks(pos + 2, f"the extension block at byte {pos}")
        elif block == 0x2C:
            if pos + 11 > len(data):
                raise Broken(f"frame {frames + 1} is cut short at byte {len(data)}")
            local = data[pos + 9]
            start = pos
            pos += 10 + (3 * (2 << (local & 7)) if local & 0x80 else 0) + 1
            pos = skip_blocks(pos, f"frame {frames + 1} (at byte {start})")
            frames += 1
        else:
            raise Broken(f"byte {pos} starts no GIF block (0x{block:02x})")
    if not frames:
        raise Broken("it holds no frame")


def check_jpeg(data: bytes) -> None:
    if not data.startswith(b"\xff\xd8"):
        raise Broken("it has no JPEG start marker")
    pos = 2
    while True:
        if pos + 4 > len(data) or data[pos] != 0xFF:
            raise Broken(f"no JPEG segment at byte {pos}")
        marker = data[pos + 1]
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        if pos + 2 + length > len(data):
            raise Broken(f"the segment at byte {pos} is cut short")
        if marker == 0xDA:  # start of scan: entropy-coded data runs to the end marker
            break
        pos += 2 + length
    if not data.endswith(b"\xff\xd9"):
        raise Broken("it has no end-of-image marker (cut short?)")


DECODERS = {".svg": check_svg, ".png": check_png, ".gif": check_gif, ".jpg": check_jpeg, ".jpeg": check_jpeg}


def decode_problem(path: Path | str) -> str | None:
    """None if the file decodes completely, else what is wrong with it."""
    decoder = DECODERS.get(Path(path).suffix.lower())
    if decoder is None:
        return f"{Path(path).suffix or 'no extension'} is not a format this site uses (SVG, PNG, GIF, JPEG)"
    try:
        decoder(Path(path).read_bytes())
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
    """{docname: the page's images, in order}, created by init_state."""
    refs: dict[str, list[ImageRef]] = getattr(env, STATE)
    return refs


def init_state(app: Sphinx) -> None:
    """builder-inited: give a new environment an empty record; a pickled one keeps its pages'."""
    vars(app.env).setdefault(STATE, {})


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


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """env-purge-doc: forget a page that is read again or was removed."""
    references(env).pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    """env-merge-info: take the pages a parallel reader read (``docnames``) from its environment."""
    theirs = references(other)
    references(env).update({docname: theirs[docname] for docname in docnames if docname in theirs})


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


def warn(subtype: str, message: str, *args: object, location: Where | str | None = None) -> None:
    """A warning of type figure-check.SUBTYPE (suppress_warnings can silence one kind)."""
    logger.warning(message, *args, location=location, type="figure-check", subtype=subtype)


def check_folders(run: Run) -> None:
    """The configured folders exist: a wrong setting must not switch the checks off silently."""
    folders = [("figure_check_images", run.images)]
    if run.sources is not None:
        folders.append(("figure_check_sources", run.sources))
    for setting, folder in folders:
        if not folder.is_dir():
            warn(
                "config",
                "%s %r is not a folder — create it, or set %s in conf.py (relative to it)",
                setting,
                run.rel(folder),
                setting,
                location=f"{run.root / 'conf.py'}:1",
            )


def check_sources(run: Run) -> None:
    """Every figure source and catalogue can be rendered: each error at its own file:line."""
    for err in figures.errors(run.generated):
        warn("source", "%s", err.message, location=f"{run.root / err.name}:{err.line}")


def check_alt(run: Run, ref: ImageRef, where: Where) -> None:
    """The alt text says what the figure shows: it is there, and not the file's name."""
    path = Path(ref.path)
    name = run.rel(path)
    text = (ref.alt or "").strip()
    if not text:
        warn("alt", "%s has no alt text — add :alt: saying what the figure shows", name, location=where)
    elif text.lower() in (path.name.lower(), path.stem.lower(), name.lower()):
        warn(
            "alt",
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
            "language",
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
            "size",
            "%s weighs %d bytes, over the %s budget per image — simplify or compress it",
            run.rel(path),
            size,
            budget(run.max_file),
            location=where,
        )


def check_decodes(run: Run, path: Path, where: Where) -> None:
    """The file decodes completely (each file is decoded once per build)."""
    if path not in run.decoded:
        run.decoded[path] = decode_problem(path)
    if run.decoded[path]:
        warn(
            "decode",
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
            "stale",
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
                "size",
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
        warn("stale", "%s", figures.stale(target, figure, run.root), location=f"{figure.source}:1")


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
                "unreferenced",
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
    app.connect("builder-inited", init_state)
    app.connect("doctree-read", collect, priority=900)  # after Sphinx resolved the image paths
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-updated", check)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
