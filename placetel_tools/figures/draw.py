"""Draw one figure: the SVG bytes of a source's elements in one language.

One small function per element kind (DRAW), each placing its element, checking that its text
fits (the English and every translation) and naming the source line when not. Used by
project.py (make images, figure_check) and catalogue.py, which records the texts while
drawing."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn
from xml.sax.saxutils import escape

from placetel_tools import languages
from placetel_tools.figures.source import (
    Element,
    FigureError,
    Message,
    language_name,
    language_neutral,
    parse,
)
from placetel_tools.figures.style import (
    ACCENT_BG,
    BADGE,
    BAR,
    ERR,
    ERR_BG,
    FOCUS,
    FONT,
    INK,
    LEADING,
    LINE,
    MUTED,
    OK,
    PANEL,
    PRIMARY,
    SIZE,
    SMALL,
    WHITE,
    text_width,
)

BADGE_TEXT = "Illustration"  # the renderer's own text, translated like the sources' texts
PRESERVE = ' xml:space="preserve"'  # SVG collapses runs of spaces unless told

# {(msgctxt, msgid): (msgstr, "locale/LANG/LC_MESSAGES/images.po:LINE")}, see catalogue.translations()
Translations = dict[tuple[str | None, str], tuple[str, str]]


def _n(value: float) -> str:
    """A coordinate as the shortest exact text (one decimal at most)."""
    value = round(value, 1)
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def _attrs(**attrs: Any) -> str:
    return "".join(
        f' {k.rstrip("_").replace("_", "-")}="{escape(str(v), {chr(34): "&quot;"})}"'
        for k, v in attrs.items()
        if v is not None
    )


def _first(text: str) -> str:
    return text.split("\n")[0] + ("…" if "\n" in text else "")


class Translated(str):
    """A translated text that knows its catalogue entry (`path:line` of its msgstr)."""

    where: str

    def __new__(cls, text: str, where: str) -> "Translated":
        self = super().__new__(cls, text)
        self.where = where
        return self


@dataclass
class Table:
    """The open table: where its next row goes."""

    x: int
    y: int
    h: int  # row height
    widths: list[int]
    head: list[str] | None = None  # the English header cells, for translators' notes


@dataclass
class Canvas:
    """The figure being drawn: its size, the open frame and table, the SVG elements so far."""

    name: str  # images/src/NAME.txt, for errors
    language: str
    translations: Translations
    record: list[Message] | None  # receives every text to translate (catalogue.template)
    out: list[str] = field(default_factory=list)
    size: tuple[int, int] | None = None
    title: str | None = None
    desc: str | None = None
    origin: tuple[float, float] = (0, 0)
    bounds: tuple[float, float, float, float] | None = None  # the open frame's content, absolute
    caption: str | None = None  # the open frame's caption, in English (for translators' notes)
    boxes: list[tuple[float, float, float, float, int]] = field(default_factory=list)  # for the badge
    table: Table | None = None

    @property
    def context(self) -> str:
        """msgctxt of this figure's texts: its name."""
        return Path(self.name).stem

    def fail(self, line: int, what: str, fix: str) -> NoReturn:
        raise FigureError(self.name, line, f"{what} — {fix}")

    # texts
    def tr(
        self,
        line: int,
        text: str,
        kind: str,
        note: str | None = None,
        mono: bool = False,
        context: bool = True,
        record: bool = True,
    ) -> str:
        """The text in this canvas's language; records it for the catalogue template."""
        if not text or language_neutral(text, mono):
            return text
        msgctxt = self.context if context else None
        if self.record is not None and record:
            notes = [kind] + ([note] if note else [])
            if self.caption is not None and kind != "frame":
                notes.append(f"in the frame “{self.caption}”")
            self.record.append(Message(msgctxt, text, self.name, line, "\n".join(notes)))
        found = self.translations.get((msgctxt, text))
        return Translated(*found) if found else text

    def _what(self, text: str) -> tuple[str, str]:
        where = getattr(text, "where", None)
        label = f"the {language_name(self.language)} text" if where else "the text"
        fix = f" (the source serves every language), or shorten the translation at {where}" if where else ""
        return label, fix

    def fits(
        self,
        line: int,
        text: str,
        room: float,
        size: float,
        bold: bool = False,
        mono: bool = False,
        height: float | None = None,
        head: bool = False,
    ) -> None:
        """Fail unless every line of ``text`` fits ``room`` px (and all lines ``height`` px);
        ``head``: the first line is bold."""
        label, also = self._what(text)
        for i, part in enumerate(text.split("\n")):
            need = text_width(part, size, bold or (head and i == 0), mono)
            if need > room:
                self.fail(
                    line,
                    f"{label} {part!r} needs about {need:.0f} px, it has {room:.0f}",
                    f"widen its box{also or ' or shorten the text'}",
                )
        lines = len(text.split("\n"))
        if height is not None and lines * size * LEADING > height:
            self.fail(
                line,
                f"{label} {_first(text)!r} has {lines} lines, its box room for "
                f"{max(1, int(height // (size * LEADING)))}",
                f"make the box taller{also or ' or shorten the text'}",
            )

    def same_lines(self, line: int, english: str, text: str) -> None:
        """A free text has no box: its neighbours are placed for the English line count."""
        if text.count("\n") > english.count("\n"):
            label, _ = self._what(text)
            self.fail(
                line,
                f"{label} {_first(text)!r} has {text.count(chr(10)) + 1} lines, the "
                f"English {english.count(chr(10)) + 1}",
                f"break it into as many lines as the English at {getattr(text, 'where', '')}",
            )

    def translation_fails(self, line: int, text: str, what: str) -> NoReturn:
        """A translation does not fit where the English does: name the entry to shorten."""
        self.fail(
            line,
            f"the {language_name(self.language)} text {what}",
            f"make room in the source (it serves every language), or shorten the translation at "
            f"{getattr(text, 'where', '')}",
        )

    # geometry
    def place(self, line: int, x: float, y: float, w: float, h: float) -> tuple[float, float]:
        """Absolute (x, y) of a local rectangle; fail if it leaves its frame or the canvas."""
        ax, ay = x + self.origin[0], y + self.origin[1]
        width, height = self.canvas_size
        limit = self.bounds or (0, 0, width, height)
        if ax < limit[0] or ay < limit[1] or ax + w > limit[2] or ay + h > limit[3]:
            where = "its frame" if self.bounds else f"the {width}x{height} canvas"
            self.fail(
                line,
                f"this element ({_n(ax)},{_n(ay)} {_n(w)}x{_n(h)}) leaves {where}",
                "move it or make room",
            )
        self.boxes.append((ax, ay, ax + w, ay + h, line))
        return ax, ay

    @property
    def canvas_size(self) -> tuple[int, int]:
        assert self.size is not None  # render() starts every figure with its `figure` line
        return self.size

    # SVG elements
    def emit(self, element: str) -> None:
        self.out.append(element)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float = SIZE,
        bold: bool = False,
        mono: bool = False,
        fill: str = INK,
        anchor: str | None = None,
    ) -> None:
        for i, part in enumerate(text.split("\n")):
            self.emit(
                f"<text{_attrs(x=_n(x), y=_n(y + i * size * LEADING))}"
                f"{_attrs(font_size=size if size != SIZE else None)}"
                f"{_attrs(font_weight='bold' if bold else None)}"
                f"{_attrs(font_family='monospace' if mono else None)}"
                f"{_attrs(fill=fill if fill != INK else None, text_anchor=anchor)}"
                f"{PRESERVE if '  ' in part else ''}>"  # keep spaces that align columns
                f"{escape(part)}</text>"
            )

    def centred(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        text: str,
        size: float = SIZE,
        bold: bool = False,
        fill: str = INK,
        head: bool = False,
    ) -> None:
        lines = text.split("\n")
        first = y + h / 2 - (len(lines) - 1) * size * LEADING / 2 + size * 0.35
        for i, part in enumerate(lines):
            self.text(
                x + w / 2,
                first + i * size * LEADING,
                part,
                size,
                bold or (head and i == 0),
                fill=fill,
                anchor="middle",
            )

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: str = WHITE,
        stroke: str = LINE,
        rx: float = 4,
        dashed: bool = False,
        width: float = 1.5,
    ) -> None:
        self.emit(
            f"<rect{_attrs(x=_n(x), y=_n(y), width=_n(w), height=_n(h))}"
            f"{_attrs(rx=rx or None, fill=fill, stroke=stroke)}"
            f"{_attrs(stroke_width=_n(width) if stroke != 'none' else None)}"
            f"{_attrs(stroke_dasharray='6 4' if dashed else None)}/>"
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, extra: str) -> None:
        self.emit(f"<line{_attrs(x1=_n(x1), y1=_n(y1), x2=_n(x2), y2=_n(y2))}{extra}/>")


# --- one function per element kind -------------------------------------------------


def _figure(c: Canvas, e: Element) -> None:
    if c.size is not None:
        c.fail(e.line, "a second figure line", "keep one `figure W H` at the top")
    c.size = (e.numbers[0], e.numbers[1])


def _title(c: Canvas, e: Element) -> None:
    c.title = c.tr(
        e.line, e.text, "title", "the SVG's <title>: what the figure shows (screen readers, tooltips)"
    )


def _desc(c: Canvas, e: Element) -> None:
    c.desc = c.tr(e.line, e.text, "desc", "the SVG's <desc>: the figure in words, for screen readers")


def _end(c: Canvas, e: Element) -> None:
    c.origin, c.bounds, c.caption = (0, 0), None, None


def _frame(c: Canvas, e: Element) -> None:
    c.origin, c.bounds, c.caption = (0, 0), None, None
    x, y, w, h = e.numbers
    ax, ay = c.place(e.line, x, y, w, h)
    text = c.tr(e.line, e.text, "frame", "caption bar of a window: the product's menu path")
    c.fits(e.line, text, w - 20, 13, bold=True, height=BAR)
    c.rect(ax, ay, w, h, rx=6)
    c.emit(
        f'<path d="M{_n(ax + 0.75)} {_n(ay + BAR)}H{_n(ax + w - 0.75)}V{_n(ay + 6)}'
        f'a5.25 5.25 0 0 0-5.25-5.25H{_n(ax + 6)}a5.25 5.25 0 0 0-5.25 5.25Z"'
        f' fill="{PANEL}"/>'
    )
    c.line(ax, ay + BAR, ax + w, ay + BAR, f' stroke="{LINE}"')
    c.text(ax + 10, ay + 19, text, 13, bold=True)
    c.origin, c.bounds, c.caption = (ax, ay + BAR), (ax, ay + BAR, ax + w, ay + h), e.text


def _box(c: Canvas, e: Element) -> None:
    x, y, w, h = e.numbers
    ax, ay = c.place(e.line, x, y, w, h)
    head, bold, top = "head" in e.flags, "bold" in e.flags, "top" in e.flags
    text = c.tr(e.line, e.text, "box", "text in a box" + (", first line bold" if head else ""))
    lines = len(text.split("\n"))
    box_h = lines * SIZE * LEADING + 12 if top else h
    c.fits(e.line, text, w - 12, SIZE, bold=bold, head=head, height=h - (12 if top else 0))
    c.rect(ax, ay, w, h, fill=ACCENT_BG if "accent" in e.flags else WHITE, dashed="dashed" in e.flags)
    c.centred(ax, ay, w, box_h, text, bold=bold, head=head)


def _colour(flags: set[str]) -> str:
    return MUTED if "muted" in flags else OK if "ok" in flags else ERR if "err" in flags else INK


def _text(c: Canvas, e: Element) -> None:
    x, y = e.numbers
    size = SMALL if "small" in e.flags else SIZE
    bold, mono = "bold" in e.flags, "mono" in e.flags
    text = c.tr(e.line, e.text, "text", "free text (keep its number of lines)", mono=mono)
    c.same_lines(e.line, e.text, text)
    lines = text.split("\n")
    w = max(text_width(p, size, bold, mono) for p in lines)
    h = size * LEADING * len(lines)
    anchor = "middle" if "middle" in e.flags else "end" if "end" in e.flags else None
    left = x - (w / 2 if anchor == "middle" else w if anchor == "end" else 0)
    if getattr(text, "where", None):  # a longer translation: say which entry to shorten
        try:
            c.place(e.line, left, y - size, w, h)
        except FigureError:
            c.translation_fails(
                e.line, text, f"{_first(text)!r} needs about {w:.0f} px and leaves its frame or the canvas"
            )
    else:
        c.place(e.line, left, y - size, w, h)
    c.text(x + c.origin[0], y + c.origin[1], text, size, bold, mono, _colour(e.flags), anchor)


def _button(c: Canvas, e: Element) -> None:
    x, y, w, h = e.numbers
    ax, ay = c.place(e.line, x, y, w, h)
    text = c.tr(e.line, e.text, "button")
    c.fits(e.line, text, w - 12, 13, bold=True, height=h)
    primary = "primary" in e.flags
    c.rect(ax, ay, w, h, fill=PRIMARY if primary else WHITE, stroke="none" if primary else LINE)
    c.centred(ax, ay, w, h, text, 13, bold=True, fill=WHITE if primary else INK)


def _field(c: Canvas, e: Element) -> None:
    x, y, w, h = e.numbers
    ax, ay = c.place(e.line, x, y, w, h)
    mono = "mono" in e.flags
    text = c.tr(e.line, e.text, "field", "the value in an input field", mono=mono)
    c.fits(e.line, text, w - 16, 13, mono=mono, height=h)
    c.rect(ax, ay, w, h, fill=PANEL if "readonly" in e.flags else WHITE, rx=3)
    if text:
        c.text(ax + 8, ay + h / 2 + 4.5, text, 13, mono=mono)
    if "focus" in e.flags:
        c.rect(ax - 4, ay - 4, w + 8, h + 8, fill="none", stroke=FOCUS, rx=6, dashed=True, width=2)


def _check(c: Canvas, e: Element) -> None:
    x, y = e.numbers
    text = c.tr(e.line, e.text, "check", "the label of a check box")
    c.fits(e.line, text, c.canvas_size[0], SIZE, height=SIZE * LEADING)  # one line; its width: placed below
    w = 22 + text_width(text, SIZE)
    try:
        ax, ay = c.place(e.line, x, y, w, 16)
    except FigureError:
        if not getattr(text, "where", None):
            raise
        c.translation_fails(e.line, text, f"{text!r} leaves its frame")
    on = "on" in e.flags
    c.rect(ax, ay + 1, 14, 14, fill=PRIMARY if on else WHITE, stroke=PRIMARY if on else LINE, rx=2)
    if on:
        c.emit(
            f'<path d="M{_n(ax + 3)} {_n(ay + 8.5)}l3 3 5-6.5" fill="none"'
            f' stroke="{WHITE}" stroke-width="2"/>'
        )
    c.text(ax + 22, ay + 13, text)


def _toggle(c: Canvas, e: Element) -> None:
    x, y = e.numbers
    ax, ay = c.place(e.line, x, y, 36, 20)
    on = "on" in e.flags
    c.rect(ax, ay, 36, 20, fill=PRIMARY if on else WHITE, stroke=PRIMARY if on else LINE, rx=10)
    c.emit(
        f"<circle{_attrs(cx=_n(ax + (26 if on else 10)), cy=_n(ay + 10), r=7)}"
        f' fill="{WHITE if on else LINE}"/>'
    )


def _tab(c: Canvas, e: Element) -> None:
    x, y, w, h = e.numbers
    ax, ay = c.place(e.line, x, y, w, h)
    active = "active" in e.flags
    text = c.tr(e.line, e.text, "tab", "the label of a tab")
    c.fits(e.line, text, w - 12, 13, bold=active, height=h)
    c.centred(ax, ay, w, h, text, 13, bold=active, fill=INK if active else MUTED)
    c.line(
        ax,
        ay + h - 1.5,
        ax + w,
        ay + h - 1.5,
        _attrs(stroke=PRIMARY if active else LINE, stroke_width=3 if active else 1),
    )


def _points(c: Canvas, e: Element) -> list[tuple[float, float]]:
    """The absolute points of an arrow or line, each inside its frame or the canvas."""
    points = list(zip(e.numbers[::2], e.numbers[1::2], strict=True))
    for px, py in points:
        c.place(e.line, px, py, 0, 0)
    return [(px + c.origin[0], py + c.origin[1]) for px, py in points]


def _path(points: list[tuple[float, float]]) -> str:
    return "L".join(f"{_n(px)} {_n(py)}" for px, py in points)


def _dashes(e: Element) -> str:
    return _attrs(stroke_dasharray="6 4" if "dashed" in e.flags else None)


def _arrow(c: Canvas, e: Element) -> None:
    """A polyline whose shaft stops at the base of its head, then the head."""
    pts = _points(c, e)
    (x1, y1), (x2, y2) = pts[-2], pts[-1]
    length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
    if length < 12:
        c.fail(e.line, "the last segment of this arrow is shorter than 12 px", "lengthen it")
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    base = (x2 - 10 * ux, y2 - 10 * uy)
    c.emit(
        f'<path d="M{_path([*pts[:-1], base])}" fill="none" stroke="{INK}" stroke-width="1.5"{_dashes(e)}/>'
    )
    head = [(x2, y2), (base[0] - 5 * uy, base[1] + 5 * ux), (base[0] + 5 * uy, base[1] - 5 * ux)]
    c.emit(f'<path d="M{_path(head)}Z" fill="{INK}"/>')


def _line(c: Canvas, e: Element) -> None:
    c.emit(f'<path d="M{_path(_points(c, e))}" fill="none" stroke="{LINE}" stroke-width="1"{_dashes(e)}/>')


def _focus(c: Canvas, e: Element) -> None:
    x, y, w, h = e.numbers
    ax, ay = c.place(e.line, x, y, w, h)
    c.rect(ax, ay, w, h, fill="none", stroke=FOCUS, rx=6, dashed=True, width=2)


def _step(c: Canvas, e: Element) -> None:
    x, y = e.numbers
    ax, ay = c.place(e.line, x - 11, y - 11, 22, 22)
    text = c.tr(e.line, e.text, "step", "the number of a step")
    c.fits(e.line, text, 16, 13, bold=True)
    c.emit(f'<circle{_attrs(cx=_n(ax + 11), cy=_n(ay + 11), r=11)} fill="{FOCUS}"/>')
    c.text(ax + 11, ay + 15.5, text, 13, bold=True, fill=WHITE, anchor="middle")


def _table(c: Canvas, e: Element) -> None:
    x, y, rowh, *widths = e.numbers
    c.table = Table(x, y, rowh, widths)


def _row(c: Canvas, e: Element) -> None:
    t = c.table
    if t is None:
        c.fail(e.line, "row outside a table", "put a `table X Y ROWH W1 W2 ...` line before it")
    english = [cell.strip() for cell in e.text.split("|")]
    count = len(english)
    if count != len(t.widths):
        c.fail(e.line, f"{count} cells for {len(t.widths)} columns", "give every row one cell per column")
    head, err = "head" in e.flags, "err" in e.flags
    cells = []
    for i, cell in enumerate(english):
        under = t.head[i] if t.head and not head else None
        note = f"{'header ' if head else ''}cell {i + 1} of {count}" + (
            f", column “{' '.join(under.split())}”" if under else ""
        )
        cells.append(c.tr(e.line, cell, "row", f"table {note}"))
    if head:
        t.head = english
    height = t.h * (2 if head and any("\n" in cell for cell in cells) else 1)
    width = sum(t.widths)
    ax, ay = c.place(e.line, t.x, t.y, width, height)
    c.rect(ax, ay, width, height, fill=PANEL if head else ERR_BG if err else WHITE, stroke="none", rx=0)
    c.line(ax, ay + height, ax + width, ay + height, f' stroke="{LINE}"')
    left = ax
    for cell, w in zip(cells, t.widths, strict=True):
        c.fits(e.line, cell, w - 10, 13, bold=head, height=height)
        if cell:
            lines = cell.split("\n")
            first = ay + height / 2 - (len(lines) - 1) * 13 * LEADING / 2 + 4.5
            c.text(left + 5, first, cell, 13, bold=head)
        left += w
    t.y += height


# Each element kind's drawing function; source.SPEC says what its line holds.
DRAW: dict[str, Callable[[Canvas, Element], None]] = {
    "figure": _figure,
    "title": _title,
    "desc": _desc,
    "frame": _frame,
    "end": _end,
    "box": _box,
    "text": _text,
    "button": _button,
    "field": _field,
    "check": _check,
    "toggle": _toggle,
    "tab": _tab,
    "arrow": _arrow,
    "line": _line,
    "focus": _focus,
    "step": _step,
    "table": _table,
    "row": _row,
}


# --- the whole figure --------------------------------------------------------------


def _badge(c: Canvas) -> tuple[int, int, str]:
    """Where the "Illustration" badge goes, and its text; fail if an element covers it."""
    width, _ = c.canvas_size
    bx0, by0 = width - 4 - BADGE[0], 4
    for x0, y0, x1, y1, line in c.boxes:
        if x0 < bx0 + BADGE[0] and x1 > bx0 and y0 < by0 + BADGE[1] and y1 > by0:
            c.fail(
                line,
                f"this element covers the {BADGE_TEXT} badge in the top right corner",
                "move it down or left",
            )
    c.caption = None
    badge = c.tr(1, BADGE_TEXT, "badge", context=False, record=False)  # template() lists it once
    c.fits(1, badge, BADGE[0] - 12, SMALL)
    return bx0, by0, badge


def _svg(c: Canvas, badge: tuple[int, int, str]) -> bytes:
    width, height = c.canvas_size
    bx0, by0, text = badge
    lang = f' xml:lang="{c.language}"' if c.language != languages.SOURCE else ""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg"{lang}{_attrs(width=width, height=height)}'
        f'{_attrs(viewBox=f"0 0 {width} {height}")} role="img"'
        f' aria-labelledby="title{" desc" if c.desc else ""}"'
        f"{_attrs(font_family=FONT, font_size=SIZE, fill=INK)}>"
    )
    parts = [head, f'<title id="title">{escape(c.title or "")}</title>']
    if c.desc:
        parts.append(f'<desc id="desc">{escape(c.desc)}</desc>')
    parts.append(f'<rect width="{width}" height="{height}" fill="{WHITE}"/>')
    parts.extend(c.out)
    parts.append(
        f'<rect{_attrs(x=bx0, y=by0, width=BADGE[0], height=BADGE[1])} rx="11"'
        f' fill="{PANEL}" stroke="{LINE}"/>'
    )
    parts.append(
        f'<text{_attrs(x=_n(bx0 + BADGE[0] / 2), y=by0 + 15)} font-size="{SMALL}"'
        f' fill="{MUTED}" text-anchor="middle">{escape(text)}</text>'
    )
    parts.append("</svg>")
    return ("\n".join(parts) + "\n").encode("utf-8")


def render(
    source: str,
    name: str = "figure.txt",
    language: str = languages.SOURCE,
    translations: Translations | None = None,
    record: list[Message] | None = None,
) -> bytes:
    """The SVG bytes for the text of one figure source; FigureError names `name:line`.

    ``translations`` ({(msgctxt, msgid): (msgstr, "po:line")}, see catalogue.translations()) gives the
    texts in ``language``; a text it lacks stays English. ``record``, a list, receives a
    Message for every text to translate, in source order (see catalogue.template()).
    """
    c = Canvas(name, language, translations or {}, record)
    for element in parse(source, name):
        if c.size is None and element.keyword != "figure":
            c.fail(
                element.line,
                f"{element.keyword} before figure",
                "start the source with `figure WIDTH HEIGHT`",
            )
        if c.table is not None and element.keyword != "row":
            c.table = None
        DRAW[element.keyword](c, element)
    if c.size is None:
        raise FigureError(name, 1, "empty source — start it with `figure WIDTH HEIGHT`")
    if not c.title:
        raise FigureError(name, 1, "no title — add `title | what the figure shows`")
    return _svg(c, _badge(c))
