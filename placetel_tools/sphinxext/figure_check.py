"""Sphinx extension: every figure has meaningful alt text, decodes completely, keeps the size budgets, is referenced by a page and is current with its source."""

# Pages' image references are collected while each page is read (kept in the
# environment, so incremental builds see every page), and checked once per
# build after reading: warnings carry the page's file:line, so -W fails.
# A missing image file is left to Sphinx's own "image file not readable".
#
# Languages: a build with -D language=LANG shows images/NAME.LANG.svg where it
# exists (Sphinx's figure_language_filename); figures.py renders one for every
# language with a catalogue locale/LANG/LC_MESSAGES/images.po. A variant counts
# as referenced through NAME.svg; the page budget counts what the page shows
# (a German page: the .de.svg files); a variant that is missing, or not current
# with its source and catalogue, is reported at the page that would show it,
# or at its source when no page of this build shows it (the other languages).

import re
import struct
import zlib
from pathlib import Path
from xml.etree import ElementTree

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.util import logging

from placetel_tools import figures

logger = logging.getLogger(__name__)

MAX_FILE = 100_000  # bytes per image (100 KB)
MAX_PAGE = 250_000  # bytes of all images of one page together (250 KB)
IMAGES = "images"  # every file below it must be referenced, except the figure sources
SVG_ROOT = "{http://www.w3.org/2000/svg}svg"
# A language variant images/NAME.LANG.svg counts as referenced through images/NAME.svg.
LANGUAGE = re.compile(r"[a-z]{2,3}(?:_[A-Za-z]{2,4})?")


# --- decoding ------------------------------------------------------------------

class Broken(Exception):
    """The file does not decode; the message says where."""


def check_svg(data):
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


def check_png(data):
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise Broken("it has no PNG signature")
    pos, header, idat = 8, None, []
    while True:
        if pos + 12 > len(data):
            raise Broken(f"it ends at byte {len(data)} without an IEND chunk")
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        end = pos + 12 + length
        if end > len(data):
            raise Broken(f"chunk {kind.decode('latin-1')} at byte {pos} is cut short")
        body = data[pos + 8:end - 4]
        if zlib.crc32(kind + body) != struct.unpack(">I", data[end - 4:end])[0]:
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

    def size(w, h):
        return h * (1 + (w * bits + 7) // 8) if w and h else 0

    want = (sum(size((width - x + dx - 1) // dx, (height - y + dy - 1) // dy)
                for x, y, dx, dy in ADAM7) if interlace else size(width, height))
    inflate = zlib.decompressobj()
    try:
        pixels = inflate.decompress(b"".join(idat))
    except zlib.error as err:
        raise Broken(f"its image data does not inflate ({err})") from None
    if not inflate.eof or len(pixels) != want:
        raise Broken(f"its image data holds {len(pixels)} of {want} bytes")


def check_gif(data):
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        raise Broken("it has no GIF signature")
    if len(data) < 13:
        raise Broken("its screen descriptor is cut short")
    flags = data[10]
    pos = 13 + (3 * (2 << (flags & 7)) if flags & 0x80 else 0)
    frames = 0

    def skip_blocks(pos, what):
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


def check_jpeg(data):
    if not data.startswith(b"\xff\xd8"):
        raise Broken("it has no JPEG start marker")
    pos = 2
    while True:
        if pos + 4 > len(data) or data[pos] != 0xFF:
            raise Broken(f"no JPEG segment at byte {pos}")
        marker = data[pos + 1]
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        if pos + 2 + length > len(data):
            raise Broken(f"the segment at byte {pos} is cut short")
        if marker == 0xDA:  # start of scan: entropy-coded data runs to the end marker
            break
        pos += 2 + length
    if not data.endswith(b"\xff\xd9"):
        raise Broken("it has no end-of-image marker (cut short?)")


DECODERS = {".svg": check_svg, ".png": check_png, ".gif": check_gif,
            ".jpg": check_jpeg, ".jpeg": check_jpeg}


def decode_problem(path):
    """None if the file decodes completely, else what is wrong with it."""
    decoder = DECODERS.get(Path(path).suffix.lower())
    if decoder is None:
        return f"{Path(path).suffix or 'no extension'} is not a format this site uses (SVG, PNG, GIF, JPEG)"
    try:
        decoder(Path(path).read_bytes())
    except Broken as err:
        return str(err)
    return None


# --- Sphinx --------------------------------------------------------------------

def _refs(env):
    if not hasattr(env, "figure_check_refs"):
        env.figure_check_refs = {}
    return env.figure_check_refs


def collect(app, doctree):
    """Remember each image of the page just read: (absolute path, line, alt text)."""
    found = []
    for node in doctree.findall(nodes.image):
        uri = node.get("candidates", {}).get("*", node["uri"])
        if "://" in uri or uri.startswith("data:"):
            continue
        _, line = get_source_line(node)
        found.append((str((Path(app.srcdir) / uri).resolve()), line or 0, node.get("alt")))
    _refs(app.env)[app.env.docname] = found


def purge(app, env, docname):
    _refs(env).pop(docname, None)


def merge(app, env, docnames, other):
    _refs(env).update({d: r for d, r in _refs(other).items() if d in docnames})


def base_figure(path):
    """images/NAME.svg for a language variant images/NAME.LANG.svg (Sphinx's default
    figure_language_filename), else ``path`` itself."""
    path = Path(path)
    stem, dot, language = path.stem.rpartition(".")
    if dot and LANGUAGE.fullmatch(language):
        return path.with_name(stem + path.suffix)
    return path


def check(app, env):
    """Warn, at the referencing page's file:line, about every figure problem."""
    root = Path(app.confdir).resolve()
    language = app.config.language or figures.SOURCE_LANGUAGE

    def rel(path):
        path = Path(path)
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

    generated = figures.expected(root)
    for err in figures.errors(generated):
        logger.warning("%s", err.message, location=f"{root / err.name}:{err.line}")
    # The variant of each figure this build's pages must show: images/NAME.LANG.svg.
    variants = {base_figure(target): target for target, figure in generated.items()
                if figure.language == language != figures.SOURCE_LANGUAGE}
    decoded = {}
    referenced = set()  # every file a page shows, and the figure (NAME.svg) it is a variant of
    shown = set()
    reported = set()  # figures already reported at a page
    refs = _refs(env)
    for docname in sorted(refs):
        total, seen, over = 0, set(), False
        for path, line, alt in refs[docname]:
            path = Path(path)
            referenced.update((path, base_figure(path)))
            where = (docname, line)
            name = rel(path)
            text = (alt or "").strip()
            if not text:
                logger.warning("%s has no alt text — add :alt: saying what the figure shows",
                               name, location=where)
            elif text.lower() in (path.name.lower(), path.stem.lower(), name.lower()):
                logger.warning("the alt text of %s is its file name — make :alt: say what the "
                               "figure shows", name, location=where)
            variant = variants.get(path)
            if variant is not None and not variant.exists():  # Sphinx fell back to the English
                reported.add(variant)
                logger.warning("%s is missing, so this %s page shows the English figure — run "
                               "make images", rel(variant), figures.language_name(language),
                               location=where)
            if not path.is_file() or path in seen:
                continue  # a missing file is Sphinx's "image file not readable"
            seen.add(path)
            shown.add(path)
            size = path.stat().st_size
            total += size
            if size > MAX_FILE:
                logger.warning("%s weighs %d bytes, over the 100 KB budget per image — "
                               "simplify or compress it", name, size, location=where)
            if path not in decoded:
                decoded[path] = decode_problem(path)
            if decoded[path]:
                logger.warning("%s does not decode: %s — export it again (or run make images "
                               "if it is generated)", name, decoded[path], location=where)
            figure = generated.get(path)
            if figure and isinstance(figure.wanted, bytes) and path.read_bytes() != figure.wanted:
                reported.add(path)
                also = f" and {rel(figure.catalogue)}" if figure.catalogue else ""
                logger.warning("%s is not current with its source %s%s — run make images",
                               name, rel(figure.source), also, location=where)
            if total > MAX_PAGE and not over:
                over = True
                logger.warning("the images of this page weigh %d bytes together, over the 250 KB "
                               "budget per page — use fewer or lighter images", total,
                               location=where)
    # Figures no page of this build shows (the other languages' variants, figures of no
    # page): missing or stale, at their source.
    for target, figure in generated.items():
        if target in reported or target in shown or not isinstance(figure.wanted, bytes):
            continue
        if not target.exists() and target.resolve() in referenced:
            continue  # a page shows it: Sphinx says "image file not readable"
        if not target.exists() or target.read_bytes() != figure.wanted:
            message = figures.stale_message(target, figure, root).split(": ", 1)[1]
            logger.warning("%s", message, location=f"{figure.source}:1")
    folder = root / IMAGES
    sources = folder / Path(figures.SOURCES).relative_to(IMAGES)
    for path in sorted(folder.rglob("*")):
        if (path.is_file() and not path.name.startswith(".") and sources not in path.parents
                and path.resolve() not in referenced
                and base_figure(path.resolve()) not in referenced):
            logger.warning("no page references %s — reference it with a figure and :alt:, or "
                           "delete it", rel(path), location=f"{path}:1")


def setup(app):
    app.connect("doctree-read", collect, priority=900)  # after Sphinx resolved the image paths
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-updated", check)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": 1}
