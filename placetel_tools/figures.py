"""Render every figure images/NAME.svg from its text source images/src/NAME.txt, and images/NAME.LANG.svg for every language with a catalogue locale/LANG/LC_MESSAGES/images.po (`make images`); `--check` lists the stale ones, `--pot` writes the catalogue template of the figures' texts."""

# The source format: one element per line, `keyword numbers... flags... | text`.
# Blank lines and lines starting with `#` are ignored; `\n` in a text breaks the
# line. Coordinates are whole pixels; inside a `frame` they count from the
# frame's content area (below its caption bar) and must stay inside it.
#
#   figure W H                  canvas size; must come first
#   title | TEXT, desc | TEXT   <title> (required) and <desc> of the SVG
#   frame X Y W H | caption     a schematic window with a caption bar; `end` closes it
#   box X Y W H [bold|head|accent|dashed|top] | text    rectangle, text centred (top: at its top)
#   text X Y [bold|small|mono|muted|ok|err|middle|end] | text   text, baseline at Y
#   button X Y W H [primary] | label
#   field X Y W H [readonly|mono|focus] | value
#   check X Y [on] | label      check box 14x14, label to its right
#   toggle X Y [on]             switch 36x20
#   tab X Y W H [active] | label
#   arrow X1 Y1 X2 Y2 [X3 Y3 ...] [dashed]   polyline ending in an arrow head
#   line X1 Y1 X2 Y2 [dashed]
#   focus X Y W H               dashed highlight: "act here"
#   step X Y | N                numbered badge centred on X,Y
#   table X Y ROWH W1 W2 ...    a table; the `row [head|err] | a | b | ...` lines follow
#                               (an empty cell stays empty: put a field over it)
#
# The renderer adds the "Illustration" badge in the top right corner (keep it
# free), checks that every text fits its box (widths estimated with DejaVu Sans
# metrics, the widest common sans-serif), and writes byte-identical output for
# the same source and catalogue.
#
# Languages: one source serves every language. `--pot FILE` writes every text
# a reader sees (title, desc, captions, boxes, texts, buttons, fields, check
# boxes, tabs, table cells, and the badge) as a gettext template, each entry
# with msgctxt = the figure's name, its place `images/src/NAME.txt:LINE` and
# the element's kind as the extracted comment (`#. button`). Texts that are
# the same in every language are not extracted (language_neutral: monospace
# code and tokens, URLs, XML elements, request lines, event names, hex ids,
# texts without letters). For each catalogue locale/LANG/LC_MESSAGES/images.po
# the renderer writes images/NAME.LANG.svg (Sphinx's figure_language_filename
# picks it for LANG's pages); an empty or fuzzy msgstr shows the English. A
# translation must fit the same boxes as the English: widen the box in the
# source (for every language), or shorten the translation.

import argparse
import re
import sys
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

import polib

ROOT = Path(__file__).resolve().parent.parent
SOURCES = "images/src"
OUTPUT = "images"
RERUN = "run make images"
SOURCE_LANGUAGE = "en"  # the sources' language; their SVGs are images/NAME.svg
LOCALE = "locale"  # LANG/LC_MESSAGES/images.po: a language's translations of the figures
DOMAIN = "images"  # the catalogue's name: images.po, its template images.pot
BADGE_TEXT = "Illustration"  # the renderer's own text, translated like the sources' texts
LANGUAGE_NAMES = {"de": "German", "en": "English", "fr": "French", "it": "Italian", "es": "Spanish"}

# --- style -------------------------------------------------------------------
FONT = "sans-serif"
SIZE = 14  # body text
SMALL = 13  # annotations; never smaller (about 10.5 px on a phone)
INK = "#1b1f24"  # text: 16:1 on white
MUTED = "#4b5563"  # secondary text: 7.6:1 on white
LINE = "#6b7280"  # outlines: 4.8:1 on white (3:1 needed for graphics)
PANEL = "#eef0f3"  # caption bars, read-only fields, the badge
ACCENT_BG = "#e6eefc"  # highlighted boxes
PRIMARY = "#1d4ed8"  # primary buttons (white text: 6.7:1)
FOCUS = "#b45309"  # "act here" outlines and step badges (white text: 5.0:1)
OK = "#166534"  # status 200 text
ERR = "#b91c1c"  # error text
ERR_BG = "#fdecec"  # error rows
WHITE = "#ffffff"

# Every (text colour, background) pair the renderer uses; tests hold them to WCAG AA.
TEXT_ON = [(INK, WHITE), (MUTED, WHITE), (INK, PANEL), (MUTED, PANEL), (INK, ACCENT_BG),
           (WHITE, PRIMARY), (WHITE, FOCUS), (OK, WHITE), (ERR, WHITE), (INK, ERR_BG),
           (ERR, ERR_BG), (OK, PANEL)]

BAR = 28  # frame caption bar height
BADGE = (96, 22)  # the "Illustration" badge, 4 px from the top right corner
LEADING = 1.3
PRESERVE = ' xml:space="preserve"'  # SVG collapses runs of spaces unless told

# Advance widths (1/1000 em) of DejaVu Sans for ASCII 32..126; other characters count as 1 em.
_REGULAR = [318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636,
            636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684,
            686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695,
            635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550,
            635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392,
            634, 592, 818, 592, 592, 525, 636, 337, 636, 838]
_BOLD = [348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696,
         696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734,
         830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812,
         774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716,
         712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652,
         582, 712, 365, 712, 838]


# The same for the other characters the figures use (German letters, typographic marks);
# (regular, bold). Any other character counts as 1 em, more than any letter needs.
_OTHER = {"ä": (613, 675), "ö": (612, 687), "ü": (634, 712), "Ä": (684, 774), "Ö": (787, 850),
          "Ü": (732, 812), "ß": (630, 719), "é": (615, 678), "è": (615, 678), "à": (613, 675),
          "ç": (550, 593), "–": (500, 500), "—": (1000, 1000), "…": (1000, 1000), "›": (400, 412),
          "‹": (400, 412), "„": (518, 657), "“": (518, 657), "”": (518, 657), "‚": (318, 380),
          "‘": (318, 380), "’": (318, 380), "«": (612, 646), "»": (612, 646), "·": (318, 380),
          "→": (838, 838), "←": (838, 838), "×": (838, 838), "€": (636, 696), "°": (500, 500)}


def _advance(char, bold):
    if 32 <= ord(char) < 127:
        return (_BOLD if bold else _REGULAR)[ord(char) - 32]
    return _OTHER.get(char, (1000, 1000))[bold]


def text_width(text, size=SIZE, bold=False, mono=False):
    """Estimated width in pixels of one line of ``text``."""
    if mono:
        return len(text) * 0.602 * size
    return sum(_advance(c, bool(bold)) for c in text) * size / 1000


# --- languages -------------------------------------------------------------------

# Texts that read the same in every language, so the catalogue does not list them:
# URLs, XML elements (<Response/>), request lines, event names (IncomingCall,
# CallAccepted, HungUp), hex ids (f459…); monospace texts and texts without a
# letter (numbers, times, step numbers) are neutral too.
_NEUTRAL = re.compile(r"""
    https?://\S*                                        # a URL
  | <[^<>]+>                                            # an XML element
  | (?:GET|POST|PUT|PATCH|DELETE)\ /\S*                 # a request line
  | [A-Z][a-z]+(?:[A-Z][a-z]+)+(?:,\ [A-Z][a-z]+(?:[A-Z][a-z]+)+)*   # event names
  | [0-9a-f]*[0-9][0-9a-f]*…?                           # a hex id, maybe cut short
""", re.X)
_LETTER = re.compile(r"[^\W\d_]")


def language_neutral(text, mono=False):
    """True if ``text`` reads the same in every language (not extracted, never translated)."""
    return bool(mono or not _LETTER.search(text) or _NEUTRAL.fullmatch(text))


class Translated(str):
    """A translated text that knows its catalogue entry (`path:line` of its msgstr)."""

    def __new__(cls, text, where):
        self = super().__new__(cls, text)
        self.where = where
        return self


class Message(NamedTuple):
    """One text of a figure to translate: a catalogue entry."""

    context: str | None  # the figure's name; None for the renderer's own texts
    msgid: str
    path: str  # images/src/NAME.txt (placetel_tools/figures.py for the badge)
    line: int
    comment: str  # the element's kind on the first line, then where it sits


def language_name(language):
    return LANGUAGE_NAMES.get(language, language)


def contrast(fg, bg):
    """WCAG contrast ratio of two #rrggbb colours."""
    def lum(colour):
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# --- parsing -------------------------------------------------------------------

class FigureError(Exception):
    """A defect in a figure source; str() reads `path:line: what — what to do`."""

    def __init__(self, name, line, message):
        super().__init__(f"{name}:{line}: {message}")
        self.name, self.line, self.message = name, line, message


# keyword: (how many numbers: int, or "even4" / "table", allowed flags, text required?)
SPEC = {
    "figure": (2, set(), False), "title": (0, set(), True), "desc": (0, set(), True),
    "frame": (4, set(), True), "end": (0, set(), False),
    "box": (4, {"bold", "head", "accent", "dashed", "top"}, True),
    "text": (2, {"bold", "small", "mono", "muted", "ok", "err", "middle", "end"}, True),
    "button": (4, {"primary"}, True), "field": (4, {"readonly", "mono", "focus"}, False),
    "check": (2, {"on"}, True), "toggle": (2, {"on"}, False), "tab": (4, {"active"}, True),
    "arrow": ("even4", {"dashed"}, False), "line": (4, {"dashed"}, False),
    "focus": (4, set(), False), "step": (2, set(), True), "table": ("table", set(), False),
    "row": (0, {"head", "err"}, True),
}
NUMBER = re.compile(r"-?\d+$")


def parse(text, name):
    """Yield (line number, keyword, numbers, flags, text) for each element line."""
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        head, bar, label = line.partition("|")
        words = head.split()
        keyword, args = words[0], words[1:]
        if keyword not in SPEC:
            raise FigureError(name, lineno, f"unknown element {keyword!r} — use one of "
                              f"{', '.join(sorted(SPEC))}")
        count, allowed, needs_text = SPEC[keyword]
        numbers = [int(a) for a in args if NUMBER.match(a)]
        flags = [a for a in args if not NUMBER.match(a)]
        bad = [f for f in flags if f not in allowed]
        if bad:
            raise FigureError(name, lineno, f"{keyword} does not know {bad[0]!r} — allowed: "
                              f"{', '.join(sorted(allowed)) or 'no flags'}")
        ok = (len(numbers) == count if isinstance(count, int) else
              len(numbers) >= 4 and len(numbers) % 2 == 0 if count == "even4" else
              len(numbers) >= 4)
        if not ok:
            raise FigureError(name, lineno, f"{keyword} takes {count} numbers, found {len(numbers)} — "
                              f"see the format at the top of placetel_tools/figures.py")
        label = label.strip().replace("\\n", "\n") if bar else ""
        if needs_text and not label:
            raise FigureError(name, lineno, f"{keyword} needs a text after '|' — add one")
        yield lineno, keyword, numbers, set(flags), label


# --- rendering -------------------------------------------------------------------

def _n(value):
    """A coordinate as the shortest exact text (one decimal at most)."""
    value = round(value, 1)
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def _attrs(**attrs):
    return "".join(f' {k.rstrip("_").replace("_", "-")}="{escape(str(v), {chr(34): "&quot;"})}"'
                   for k, v in attrs.items() if v is not None)


class _Canvas:
    def __init__(self, name, language, translations, record):
        self.name = name
        self.context = Path(name).stem  # msgctxt of this figure's texts
        self.language = language
        self.translations = translations or {}
        self.record = record
        self.out = []
        self.size = None
        self.title = None
        self.desc = None
        self.origin = (0, 0)
        self.bounds = None  # (x0, y0, x1, y1) of the open frame's content, absolute
        self.caption = None  # the open frame's caption, in English (for translators' notes)
        self.boxes = []  # (x0, y0, x1, y1, line) of everything drawn, for the badge check
        self.table = None

    def fail(self, line, what, fix):
        raise FigureError(self.name, line, f"{what} — {fix}")

    # texts
    def tr(self, line, text, kind, note=None, mono=False, context=True, record=True):
        """The text in this canvas's language; records it for the catalogue template."""
        if not text or language_neutral(text, mono):
            return text
        context = self.context if context else None
        if self.record is not None and record:
            notes = [kind] + ([note] if note else [])
            if self.caption is not None and kind != "frame":
                notes.append(f"in the frame “{self.caption}”")
            self.record.append(Message(context, text, self.name, line, "\n".join(notes)))
        found = self.translations.get((context, text))
        return Translated(*found) if found else text

    def _what(self, text):
        where = getattr(text, "where", None)
        label = f"the {language_name(self.language)} text" if where else "the text"
        fix = (f" (the source serves every language), or shorten the translation at {where}"
               if where else "")
        return label, fix

    def fits(self, line, text, room, size, bold=False, mono=False, height=None, head=False):
        """Fail unless every line of ``text`` fits ``room`` px (and all lines ``height`` px);
        ``head``: the first line is bold."""
        label, also = self._what(text)
        for i, part in enumerate(text.split("\n")):
            need = text_width(part, size, bold or (head and i == 0), mono)
            if need > room:
                self.fail(line, f"{label} {part!r} needs about {need:.0f} px, it has {room:.0f}",
                          f"widen its box{also or ' or shorten the text'}")
        lines = len(text.split("\n"))
        if height is not None and lines * size * LEADING > height:
            self.fail(line, f"{label} {_first(text)!r} has {lines} lines, its box room for "
                      f"{max(1, int(height // (size * LEADING)))}",
                      f"make the box taller{also or ' or shorten the text'}")

    def same_lines(self, line, english, text):
        """A free text has no box: its neighbours are placed for the English line count."""
        if text.count("\n") > english.count("\n"):
            label, _ = self._what(text)
            self.fail(line, f"{label} {_first(text)!r} has {text.count(chr(10)) + 1} lines, the "
                      f"English {english.count(chr(10)) + 1}",
                      f"break it into as many lines as the English at {text.where}")

    # geometry checks
    def place(self, line, x, y, w, h):
        """Absolute (x, y) of a local rectangle; fail if it leaves its frame or the canvas."""
        ax, ay = x + self.origin[0], y + self.origin[1]
        width, height = self.size
        limit = self.bounds or (0, 0, width, height)
        if ax < limit[0] or ay < limit[1] or ax + w > limit[2] or ay + h > limit[3]:
            where = "its frame" if self.bounds else f"the {width}x{height} canvas"
            self.fail(line, f"this element ({_n(ax)},{_n(ay)} {_n(w)}x{_n(h)}) leaves {where}",
                      "move it or make room")
        self.boxes.append((ax, ay, ax + w, ay + h, line))
        return ax, ay

    # drawing
    def emit(self, element):
        self.out.append(element)

    def text(self, x, y, text, size=SIZE, bold=False, mono=False, fill=INK, anchor=None):
        for i, part in enumerate(text.split("\n")):
            self.emit(f"<text{_attrs(x=_n(x), y=_n(y + i * size * LEADING))}"
                      f"{_attrs(font_size=size if size != SIZE else None)}"
                      f"{_attrs(font_weight='bold' if bold else None)}"
                      f"{_attrs(font_family='monospace' if mono else None)}"
                      f"{_attrs(fill=fill if fill != INK else None, text_anchor=anchor)}"
                      f"{PRESERVE if '  ' in part else ''}>"  # keep spaces that align columns
                      f"{escape(part)}</text>")

    def centred(self, x, y, w, h, text, size=SIZE, bold=False, fill=INK, head=False):
        lines = text.split("\n")
        first = y + h / 2 - (len(lines) - 1) * size * LEADING / 2 + size * 0.35
        for i, part in enumerate(lines):
            self.text(x + w / 2, first + i * size * LEADING, part, size, bold or (head and i == 0),
                      fill=fill, anchor="middle")

    def rect(self, x, y, w, h, fill=WHITE, stroke=LINE, rx=4, dashed=False, width=1.5):
        self.emit(f"<rect{_attrs(x=_n(x), y=_n(y), width=_n(w), height=_n(h))}"
                  f"{_attrs(rx=rx or None, fill=fill, stroke=stroke)}"
                  f"{_attrs(stroke_width=_n(width) if stroke != 'none' else None)}"
                  f"{_attrs(stroke_dasharray='6 4' if dashed else None)}/>")


def _first(text):
    return text.split("\n")[0] + ("…" if "\n" in text else "")


def render(source, name="figure.txt", language=SOURCE_LANGUAGE, translations=None, record=None):
    """The SVG bytes for the text of one figure source; FigureError names `name:line`.

    ``translations`` ({(msgctxt, msgid): (msgstr, "po:line")}, see catalogue()) gives the
    texts in ``language``; a text it lacks stays English. ``record``, a list, receives a
    Message for every text to translate, in source order (see template()).
    """
    c = _Canvas(name, language, translations, record)
    for line, kw, nums, flags, label in parse(source, name):
        if c.size is None and kw != "figure":
            c.fail(line, f"{kw} before figure", "start the source with `figure WIDTH HEIGHT`")
        if c.table is not None and kw != "row":
            c.table = None
        if kw == "figure":
            if c.size is not None:
                c.fail(line, "a second figure line", "keep one `figure W H` at the top")
            c.size = tuple(nums)
        elif kw == "title":
            c.title = c.tr(line, label, "title", "the SVG's <title>: what the figure shows "
                           "(screen readers, tooltips)")
        elif kw == "desc":
            c.desc = c.tr(line, label, "desc", "the SVG's <desc>: the figure in words, for "
                          "screen readers")
        elif kw == "end":
            c.origin, c.bounds, c.caption = (0, 0), None, None
        elif kw == "frame":
            c.origin, c.bounds, c.caption = (0, 0), None, None
            x, y, w, h = nums
            ax, ay = c.place(line, x, y, w, h)
            text = c.tr(line, label, "frame", "caption bar of a window: the product's menu path")
            c.fits(line, text, w - 20, 13, bold=True, height=BAR)
            c.rect(ax, ay, w, h, rx=6)
            c.emit(f'<path d="M{_n(ax + 0.75)} {_n(ay + BAR)}H{_n(ax + w - 0.75)}V{_n(ay + 6)}'
                   f'a5.25 5.25 0 0 0-5.25-5.25H{_n(ax + 6)}a5.25 5.25 0 0 0-5.25 5.25Z"'
                   f' fill="{PANEL}"/>')
            c.emit(f'<line{_attrs(x1=_n(ax), y1=_n(ay + BAR), x2=_n(ax + w), y2=_n(ay + BAR))}'
                   f' stroke="{LINE}"/>')
            c.text(ax + 10, ay + 19, text, 13, bold=True)
            c.origin, c.bounds, c.caption = (ax, ay + BAR), (ax, ay + BAR, ax + w, ay + h), label
        elif kw == "box":
            x, y, w, h = nums
            ax, ay = c.place(line, x, y, w, h)
            text = c.tr(line, label, "box", "text in a box" + (", first line bold" if "head" in flags
                                                                else ""))
            lines = len(text.split("\n"))
            box_h = lines * SIZE * LEADING + 12 if "top" in flags else h
            c.fits(line, text, w - 12, SIZE, bold="bold" in flags, head="head" in flags,
                   height=h - (12 if "top" in flags else 0))
            c.rect(ax, ay, w, h, fill=ACCENT_BG if "accent" in flags else WHITE,
                   dashed="dashed" in flags)
            c.centred(ax, ay, w, box_h, text, bold="bold" in flags, head="head" in flags)
        elif kw == "text":
            x, y = nums
            size = SMALL if "small" in flags else SIZE
            bold, mono = "bold" in flags, "mono" in flags
            text = c.tr(line, label, "text", "free text (keep its number of lines)", mono=mono)
            c.same_lines(line, label, text)
            lines = text.split("\n")
            w = max(text_width(p, size, bold, mono) for p in lines)
            h = size * LEADING * len(lines)
            anchor = "middle" if "middle" in flags else "end" if "end" in flags else None
            left = x - (w / 2 if anchor == "middle" else w if anchor == "end" else 0)
            if getattr(text, "where", None):  # a longer translation: say which entry to shorten
                try:
                    c.place(line, left, y - size, w, h)
                except FigureError:
                    c.fail(line, f"the {language_name(c.language)} text {_first(text)!r} needs "
                           f"about {w:.0f} px and leaves its frame or the canvas",
                           f"make room in the source (it serves every language), or shorten the "
                           f"translation at {text.where}")
            else:
                c.place(line, left, y - size, w, h)
            fill = MUTED if "muted" in flags else OK if "ok" in flags else ERR if "err" in flags else INK
            c.text(x + c.origin[0], y + c.origin[1], text, size, bold, mono, fill, anchor)
        elif kw == "button":
            x, y, w, h = nums
            ax, ay = c.place(line, x, y, w, h)
            text = c.tr(line, label, "button")
            c.fits(line, text, w - 12, 13, bold=True, height=h)
            primary = "primary" in flags
            c.rect(ax, ay, w, h, fill=PRIMARY if primary else WHITE,
                   stroke="none" if primary else LINE)
            c.centred(ax, ay, w, h, text, 13, bold=True, fill=WHITE if primary else INK)
        elif kw == "field":
            x, y, w, h = nums
            ax, ay = c.place(line, x, y, w, h)
            mono = "mono" in flags
            text = c.tr(line, label, "field", "the value in an input field", mono=mono)
            c.fits(line, text, w - 16, 13, mono=mono, height=h)
            c.rect(ax, ay, w, h, fill=PANEL if "readonly" in flags else WHITE, rx=3)
            if text:
                c.text(ax + 8, ay + h / 2 + 4.5, text, 13, mono=mono)
            if "focus" in flags:
                c.rect(ax - 4, ay - 4, w + 8, h + 8, fill="none", stroke=FOCUS, rx=6, dashed=True,
                       width=2)
        elif kw == "check":
            x, y = nums
            text = c.tr(line, label, "check", "the label of a check box")
            c.fits(line, text, c.size[0], SIZE, height=SIZE * LEADING)  # one line; its width: placed below
            w = 22 + text_width(text, SIZE)
            try:
                ax, ay = c.place(line, x, y, w, 16)
            except FigureError:
                if not getattr(text, "where", None):
                    raise
                c.fail(line, f"the {language_name(c.language)} text {text!r} leaves its frame",
                       f"make room in the source (it serves every language), or shorten the "
                       f"translation at {text.where}")
            on = "on" in flags
            c.rect(ax, ay + 1, 14, 14, fill=PRIMARY if on else WHITE, stroke=PRIMARY if on else LINE,
                   rx=2)
            if on:
                c.emit(f'<path d="M{_n(ax + 3)} {_n(ay + 8.5)}l3 3 5-6.5" fill="none"'
                       f' stroke="{WHITE}" stroke-width="2"/>')
            c.text(ax + 22, ay + 13, text)
        elif kw == "toggle":
            x, y = nums
            ax, ay = c.place(line, x, y, 36, 20)
            on = "on" in flags
            c.rect(ax, ay, 36, 20, fill=PRIMARY if on else WHITE, stroke=PRIMARY if on else LINE,
                   rx=10)
            cx = ax + (26 if on else 10)
            c.emit(f'<circle{_attrs(cx=_n(cx), cy=_n(ay + 10), r=7)}'
                   f' fill="{WHITE if on else LINE}"/>')
        elif kw == "tab":
            x, y, w, h = nums
            ax, ay = c.place(line, x, y, w, h)
            active = "active" in flags
            text = c.tr(line, label, "tab", "the label of a tab")
            c.fits(line, text, w - 12, 13, bold=active, height=h)
            c.centred(ax, ay, w, h, text, 13, bold=active, fill=INK if active else MUTED)
            c.emit(f'<line{_attrs(x1=_n(ax), y1=_n(ay + h - 1.5), x2=_n(ax + w), y2=_n(ay + h - 1.5))}'
                   f'{_attrs(stroke=PRIMARY if active else LINE, stroke_width=3 if active else 1)}/>')
        elif kw in ("arrow", "line"):
            points = list(zip(nums[::2], nums[1::2]))
            for px, py in points:
                c.place(line, px, py, 0, 0)
            pts = [(px + c.origin[0], py + c.origin[1]) for px, py in points]
            if kw == "arrow":  # stop the shaft at the head's base, then draw the head
                (x1, y1), (x2, y2) = pts[-2], pts[-1]
                length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
                if length < 12:
                    c.fail(line, "the last segment of this arrow is shorter than 12 px",
                           "lengthen it")
                ux, uy = (x2 - x1) / length, (y2 - y1) / length
                base = (x2 - 10 * ux, y2 - 10 * uy)
                pts = pts[:-1] + [base]
            d = "M" + "L".join(f"{_n(px)} {_n(py)}" for px, py in pts)
            c.emit(f'<path d="{d}" fill="none" stroke="{INK if kw == "arrow" else LINE}"'
                   f' stroke-width="{"1.5" if kw == "arrow" else "1"}"'
                   f'{_attrs(stroke_dasharray="6 4" if "dashed" in flags else None)}/>')
            if kw == "arrow":
                head = [(x2, y2), (base[0] - 5 * uy, base[1] + 5 * ux), (base[0] + 5 * uy, base[1] - 5 * ux)]
                c.emit('<path d="M' + "L".join(f"{_n(px)} {_n(py)}" for px, py in head)
                       + f'Z" fill="{INK}"/>')
        elif kw == "focus":
            x, y, w, h = nums
            ax, ay = c.place(line, x, y, w, h)
            c.rect(ax, ay, w, h, fill="none", stroke=FOCUS, rx=6, dashed=True, width=2)
        elif kw == "step":
            x, y = nums
            ax, ay = c.place(line, x - 11, y - 11, 22, 22)
            text = c.tr(line, label, "step", "the number of a step")
            c.fits(line, text, 16, 13, bold=True)
            c.emit(f'<circle{_attrs(cx=_n(ax + 11), cy=_n(ay + 11), r=11)} fill="{FOCUS}"/>')
            c.text(ax + 11, ay + 15.5, text, 13, bold=True, fill=WHITE, anchor="middle")
        elif kw == "table":
            x, y, rowh, *widths = nums
            c.table = {"x": x, "y": y, "h": rowh, "widths": widths, "line": line, "head": None}
        elif kw == "row":
            t = c.table
            if t is None:
                c.fail(line, "row outside a table", "put a `table X Y ROWH W1 W2 ...` line before it")
            english = [cell.strip() for cell in label.split("|")]
            if len(english) != len(t["widths"]):
                c.fail(line, f"{len(english)} cells for {len(t['widths'])} columns",
                       "give every row one cell per column")
            head, err = "head" in flags, "err" in flags
            count = len(english)
            cells = []
            for i, cell in enumerate(english):
                under = t["head"][i] if t["head"] and not head else None
                note = (f"{'header ' if head else ''}cell {i + 1} of {count}"
                        + (f", column “{' '.join(under.split())}”" if under else ""))
                cells.append(c.tr(line, cell, "row", f"table {note}"))
            if head:
                t["head"] = english
            height = t["h"] * (2 if head and any("\n" in cell for cell in cells) else 1)
            ax, ay = c.place(line, t["x"], t["y"], sum(t["widths"]), height)
            fill = PANEL if head else ERR_BG if err else WHITE
            c.rect(ax, ay, sum(t["widths"]), height, fill=fill, stroke="none", rx=0)
            c.emit(f'<line{_attrs(x1=_n(ax), y1=_n(ay + height), x2=_n(ax + sum(t["widths"])), y2=_n(ay + height))}'
                   f' stroke="{LINE}"/>')
            left = ax
            for cell, w in zip(cells, t["widths"]):
                c.fits(line, cell, w - 10, 13, bold=head, height=height)
                if cell:
                    lines = cell.split("\n")
                    first = ay + height / 2 - (len(lines) - 1) * 13 * LEADING / 2 + 4.5
                    c.text(left + 5, first, cell, 13, bold=head)
                left += w
            t["y"] += height
    if c.size is None:
        raise FigureError(name, 1, "empty source — start it with `figure WIDTH HEIGHT`")
    if not c.title:
        raise FigureError(name, 1, "no title — add `title | what the figure shows`")
    width, height = c.size
    bx0, by0 = width - 4 - BADGE[0], 4
    for x0, y0, x1, y1, line in c.boxes:
        if x0 < bx0 + BADGE[0] and x1 > bx0 and y0 < by0 + BADGE[1] and y1 > by0:
            c.fail(line, "this element covers the Illustration badge in the top right corner",
                   "move it down or left")
    c.caption = None
    badge = c.tr(1, BADGE_TEXT, "badge", context=False, record=False)  # template() lists it once
    c.fits(1, badge, BADGE[0] - 12, SMALL)
    lang = f' xml:lang="{language}"' if language != SOURCE_LANGUAGE else ""
    head = (f'<svg xmlns="http://www.w3.org/2000/svg"{lang}{_attrs(width=width, height=height)}'
            f'{_attrs(viewBox=f"0 0 {width} {height}")} role="img"'
            f' aria-labelledby="title{" desc" if c.desc else ""}"'
            f'{_attrs(font_family=FONT, font_size=SIZE, fill=INK)}>')
    parts = [head, f'<title id="title">{escape(c.title)}</title>']
    if c.desc:
        parts.append(f'<desc id="desc">{escape(c.desc)}</desc>')
    parts.append(f'<rect width="{width}" height="{height}" fill="{WHITE}"/>')
    parts.extend(c.out)
    parts.append(f'<rect{_attrs(x=bx0, y=by0, width=BADGE[0], height=BADGE[1])} rx="11"'
                 f' fill="{PANEL}" stroke="{LINE}"/>')
    parts.append(f'<text{_attrs(x=_n(bx0 + BADGE[0] / 2), y=by0 + 15)} font-size="{SMALL}"'
                 f' fill="{MUTED}" text-anchor="middle">{escape(badge)}</text>')
    parts.append("</svg>")
    return ("\n".join(parts) + "\n").encode("utf-8")


# --- files -------------------------------------------------------------------

def sources(root=ROOT):
    """Every figure source, sorted."""
    return sorted((Path(root) / SOURCES).glob("*.txt"))


def output_for(source, root=ROOT, language=SOURCE_LANGUAGE):
    """The SVG a source renders to: images/NAME.svg, or images/NAME.LANG.svg for a translation."""
    suffix = "" if language == SOURCE_LANGUAGE else f".{language}"
    return Path(root) / OUTPUT / f"{Path(source).stem}{suffix}.svg"


def _rel(path, root):
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return str(path)


def render_file(source, root=ROOT, language=SOURCE_LANGUAGE, translations=None):
    """Render one source file, naming it relative to ``root`` in errors."""
    return render(Path(source).read_text(encoding="utf-8"), _rel(source, root), language,
                  translations)


# --- catalogues ------------------------------------------------------------------

def catalogue_path(root, language):
    """locale/LANG/LC_MESSAGES/images.po"""
    return Path(root) / LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages(root=ROOT):
    """The languages that have a catalogue of the figures' texts, sorted."""
    found = (Path(root) / LOCALE).glob(f"*/LC_MESSAGES/{DOMAIN}.po")
    return sorted({p.parent.parent.name for p in found} - {SOURCE_LANGUAGE})


def catalogue(root, language):
    """{(msgctxt, msgid): (msgstr, "locale/LANG/LC_MESSAGES/images.po:LINE")} of the entries in
    use: neither fuzzy nor obsolete, msgstr not empty. FigureError if it does not parse."""
    path = catalogue_path(root, language)
    name = _rel(path, root)
    try:
        entries = polib.pofile(str(path), wrapwidth=0, encoding="utf-8")
    except (OSError, ValueError, UnicodeDecodeError) as err:
        found = re.search(r"line (\d+)", str(err))
        raise FigureError(name, int(found.group(1)) if found else 1,
                          f"the catalogue does not parse ({err}) — fix it as the message says, "
                          f"or create it again with `make translations`") from None
    lines = path.read_text(encoding="utf-8").splitlines()
    result = {}
    for entry in entries:
        if entry.obsolete or "fuzzy" in entry.flags or not entry.msgid or not entry.msgstr:
            continue
        line = entry.linenum  # polib counts from the msgid; the msgstr follows its lines
        while line <= len(lines) and not lines[line - 1].startswith("msgstr"):
            line += 1
        result[(entry.msgctxt, entry.msgid)] = (entry.msgstr, f"{name}:{line}")
    return result


def _badge_line():
    lines = Path(__file__).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith("BADGE_TEXT ="))


# The template's header comment: what a translator needs. Babel (make translations) rewraps it
# at 76 columns, drops indentation and all blank lines but the first: lines stay short.
TEMPLATE_HEADER = """\
Texts of the figures, for translation. One source serves every language:
images/src/NAME.txt renders images/NAME.svg in English and, with this
catalogue, images/NAME.LANG.svg. `make gettext` extracts the texts
(python -m placetel_tools.figures --pot), `make translations` merges
them into locale/LANG/LC_MESSAGES/images.po, `make images` renders.

Each entry: msgctxt names the figure (open images/NAME.svg to see it),
#: the line of its source, #. the kind of element (title, desc, frame,
box, text, button, field, check, tab, row = a table cell, badge) and
where it sits. How to translate:
- Zammad's labels (in frames "Admin › …"): exactly as Zammad's
interface in your language spells them (locale/LANG/ui-labels.txt).
- Placetel's labels (in frames "Placetel › …"): copy the English.
No public source gives their translations; never invent one.
- Zammad's answers to Placetel (Invalid token), product names
(Zammad, Placetel): copy them.
- Everything else (title and desc, read out by screen readers; notes,
placeholders, example data): translate it as the pages do.
- \\n breaks a line; put it where it reads best. A translation must fit
the box the English fits: `make images` fails naming the source line
and this file's entry. Shorten the translation, or widen the box in
the source (it serves every language).
- An empty or fuzzy msgstr shows the English. A msgstr equal to its
msgid means "the same in this language".
Not listed, as they read the same in every language: URLs, XML
elements (<Response/>), request lines (POST /api/…), event names
(IncomingCall), hex ids, monospace texts (code, tokens), and texts
without letters (numbers, times, step numbers)."""


def template(root=ROOT):
    """The catalogue template images.pot of every figure's texts, as text (deterministic).

    Raises the first FigureError of a broken source."""
    root = Path(root)
    found = [Message(None, BADGE_TEXT, "placetel_tools/figures.py", _badge_line(),
                     "badge\nthe label in the top right corner of every figure, added by the "
                     "renderer (room: 84 px)")]
    for source in sources(root):
        record = []
        render(source.read_text(encoding="utf-8"), _rel(source, root), record=record)
        found += record
    entries = {}
    for message in found:
        key = (message.context, message.msgid)
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = polib.POEntry(msgctxt=message.context, msgid=message.msgid,
                                                 msgstr="", occurrences=[], comment="")
        where = (message.path, str(message.line))
        if where not in entry.occurrences:
            entry.occurrences.append(where)
        known = entry.comment.split("\n") if entry.comment else []
        entry.comment = "\n".join(known + [n for n in message.comment.split("\n") if n not in known])
    pot = polib.POFile(wrapwidth=76)
    pot.header = TEMPLATE_HEADER
    pot.metadata = {"Project-Id-Version": "Placetel for Zammad", "Report-Msgid-Bugs-To": "",
                    "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                    "Content-Transfer-Encoding": "8bit"}
    pot.extend(entries.values())
    return str(pot) + "\n"


def write_template(path, root=ROOT):
    """Write images.pot to ``path``; return the number of its entries."""
    text = template(root)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return text.count("\nmsgid ") - 1 + text.startswith("msgid ")


# --- every figure in every language ------------------------------------------------

class Figure(NamedTuple):
    source: Path  # images/src/NAME.txt
    wanted: object  # the SVG's bytes, or the FigureError that prevents them
    language: str
    catalogue: Path | None  # locale/LANG/LC_MESSAGES/images.po of a translation


def expected(root=ROOT):
    """{SVG path: Figure} for every source in the sources' language and in every language
    with a catalogue (images/NAME.svg, images/NAME.LANG.svg)."""
    root = Path(root)
    translations = {}
    for language in languages(root):
        try:
            translations[language] = catalogue(root, language)
        except FigureError as err:
            translations[language] = err
    result = {}
    for source in sources(root):
        text, name = source.read_text(encoding="utf-8"), _rel(source, root)
        try:
            english = render(text, name)
        except FigureError as err:
            english = err
        result[output_for(source, root)] = Figure(source, english, SOURCE_LANGUAGE, None)
        for language, found in translations.items():
            wanted = english if isinstance(english, FigureError) else found
            if not isinstance(wanted, FigureError):
                try:
                    wanted = render(text, name, language, found)
                except FigureError as err:
                    wanted = err
            result[output_for(source, root, language)] = Figure(
                source, wanted, language, catalogue_path(root, language))
    return result


def errors(figures):
    """The distinct FigureErrors among ``expected()``'s figures, in order."""
    found = {}
    for figure in figures.values():
        if isinstance(figure.wanted, FigureError):
            found.setdefault(str(figure.wanted), figure.wanted)
    return list(found.values())


def stale_message(target, figure, root=ROOT):
    """`path:line: what — what to do` for an SVG that is not current (or missing)."""
    source = _rel(figure.source, root)
    if not Path(target).exists():
        return f"{source}:1: {_rel(target, root)} is missing — {RERUN}"
    also = f" and {_rel(figure.catalogue, root)}" if figure.catalogue else ""
    return f"{source}:1: {_rel(target, root)} is not current with this source{also} — {RERUN}"


def problems(root=ROOT):
    """`path:line: what — what to do` for each source that is broken or whose SVG is not current,
    in any language."""
    root = Path(root)
    figures = expected(root)
    found = [str(err) for err in errors(figures)]
    for target, figure in figures.items():
        if isinstance(figure.wanted, bytes) and (not target.exists()
                                                 or target.read_bytes() != figure.wanted):
            found.append(stale_message(target, figure, root))
    return found


def build(root=ROOT, figures=None):
    """Write every figure whose bytes changed, in every language; return the paths written.
    Raises the first FigureError: one broken source or catalogue writes nothing."""
    figures = expected(root) if figures is None else figures
    broken = errors(figures)
    if broken:
        raise broken[0]
    written = []
    for target, figure in figures.items():
        if not target.exists() or target.read_bytes() != figure.wanted:
            target.write_bytes(figure.wanted)
            written.append(target)
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m placetel_tools.figures",
        description="Render images/*.svg from images/src/*.txt, in English and in every language "
                    "with a catalogue locale/LANG/LC_MESSAGES/images.po.")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; list figures that are not current with their sources")
    parser.add_argument("--pot", metavar="FILE",
                        help="write the catalogue template of the figures' texts to FILE "
                             "(make gettext: _build/gettext/images.pot), render nothing")
    parser.add_argument("--root", default=str(ROOT), help="project directory (default: this one)")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    if args.pot:
        try:
            count = write_template(args.pot, root)
        except FigureError as err:
            print(err, file=sys.stderr)
            return 1
        print(f"wrote {args.pot} ({count} messages from {len(sources(root))} figures)")
        return 0
    names = ", ".join([SOURCE_LANGUAGE, *languages(root)])
    if args.check:
        found = problems(root)
        for problem in found:
            print(problem, file=sys.stderr)
        if not found:
            print(f"{len(sources(root))} figures ({names}) are current with their sources")
        return 1 if found else 0
    figures = expected(root)
    broken = errors(figures)
    for err in broken:
        print(err, file=sys.stderr)
    if broken:
        return 1
    written = build(root, figures)
    for path in written:
        print(f"wrote {_rel(path, root)} ({path.stat().st_size} bytes)")
    print(f"{len(sources(root))} figures ({names}), {len(written)} rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
