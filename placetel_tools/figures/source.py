"""The figure source format: one element per line of images/src/NAME.txt (described below).

Parses a source into element records (Element), reports its defects as `path:line: what — what
to do` (FigureError), and says which texts read the same in every language. Used by draw.py
(renders the records), catalogue.py (extracts their texts) and, through the package, by
`make images` and the Sphinx extension figure_check."""

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

import re
from collections.abc import Iterator
from typing import NamedTuple

from babel import Locale

FORMAT_DOC = "placetel_tools/figures/source.py"  # where the format above is described


def language_name(language: str) -> str:
    """The English name of a language code (Babel), for messages ("the German text")."""
    return Locale.parse(language).english_name or language


class FigureError(Exception):
    """A defect in a figure source; str() reads `path:line: what — what to do`."""

    def __init__(self, name: str, line: int, message: str) -> None:
        super().__init__(f"{name}:{line}: {message}")
        self.name, self.line, self.message = name, line, message


class Element(NamedTuple):
    """One element line of a source."""

    line: int  # its line number, for errors
    keyword: str  # figure, box, text, ...
    numbers: list[int]
    flags: set[str]
    text: str  # after '|', with `\n` as a line break; "" if none


class Spec(NamedTuple):
    """What an element line must hold."""

    numbers: int | str  # how many: a count, "even4" (pairs, at least two) or "table" (at least 4)
    flags: frozenset[str]
    needs_text: bool


def _spec(numbers: int | str, flags: str = "", needs_text: bool = False) -> Spec:
    return Spec(numbers, frozenset(flags.split()), needs_text)


SPEC = {
    "figure": _spec(2),
    "title": _spec(0, needs_text=True),
    "desc": _spec(0, needs_text=True),
    "frame": _spec(4, needs_text=True),
    "end": _spec(0),
    "box": _spec(4, "bold head accent dashed top", needs_text=True),
    "text": _spec(2, "bold small mono muted ok err middle end", needs_text=True),
    "button": _spec(4, "primary", needs_text=True),
    "field": _spec(4, "readonly mono focus"),
    "check": _spec(2, "on", needs_text=True),
    "toggle": _spec(2, "on"),
    "tab": _spec(4, "active", needs_text=True),
    "arrow": _spec("even4", "dashed"),
    "line": _spec(4, "dashed"),
    "focus": _spec(4),
    "step": _spec(2, needs_text=True),
    "table": _spec("table"),
    "row": _spec(0, "head err", needs_text=True),
}
KEYWORDS = ", ".join(sorted(SPEC))
NUMBER = re.compile(r"-?\d+$")


def _count_ok(count: int | str, found: int) -> bool:
    if isinstance(count, int):
        return found == count
    if count == "even4":
        return found >= 4 and found % 2 == 0
    return found >= 4


def _count_wanted(count: int | str) -> str:
    if isinstance(count, int):
        return f"{count} numbers"
    return "pairs of numbers, at least 2 pairs" if count == "even4" else "at least 4 numbers"


def parse(text: str, name: str) -> Iterator[Element]:
    """Yield an Element for each element line of a source's ``text``; FigureError names `name:line`."""
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        head, bar, label = line.partition("|")
        words = head.split()
        if not words:
            raise FigureError(name, lineno, f"no element before '|' — start the line with one of {KEYWORDS}")
        keyword, args = words[0], words[1:]
        if keyword not in SPEC:
            raise FigureError(name, lineno, f"unknown element {keyword!r} — use one of {KEYWORDS}")
        spec = SPEC[keyword]
        numbers = [int(a) for a in args if NUMBER.match(a)]
        flags = [a for a in args if not NUMBER.match(a)]
        bad = [f for f in flags if f not in spec.flags]
        if bad:
            raise FigureError(
                name,
                lineno,
                f"{keyword} does not know {bad[0]!r} — allowed: "
                f"{', '.join(sorted(spec.flags)) or 'no flags'}",
            )
        if not _count_ok(spec.numbers, len(numbers)):
            wanted = _count_wanted(spec.numbers)
            raise FigureError(
                name,
                lineno,
                f"{keyword} takes {wanted}, found {len(numbers)} — see the format at the top of {FORMAT_DOC}",
            )
        label = label.strip().replace("\\n", "\n") if bar else ""
        if spec.needs_text and not label:
            raise FigureError(name, lineno, f"{keyword} needs a text after '|' — add one")
        yield Element(lineno, keyword, numbers, set(flags), label)


# --- texts for translation -----------------------------------------------------------

# Texts that read the same in every language, so the catalogue does not list them:
# URLs, XML elements (<Response/>), request lines, event names (IncomingCall,
# CallAccepted, HungUp), hex ids (f459…); monospace texts and texts without a
# letter (numbers, times, step numbers) are neutral too.
_NEUTRAL = re.compile(
    r"""
    https?://\S*                                        # a URL
  | <[^<>]+>                                            # an XML element
  | (?:GET|POST|PUT|PATCH|DELETE)\ /\S*                 # a request line
  | [A-Z][a-z]+(?:[A-Z][a-z]+)+(?:,\ [A-Z][a-z]+(?:[A-Z][a-z]+)+)*   # event names
  | [0-9a-f]*[0-9][0-9a-f]*…?                           # a hex id, maybe cut short
""",
    re.X,
)
_LETTER = re.compile(r"[^\W\d_]")


def language_neutral(text: str, mono: bool = False) -> bool:
    """True if ``text`` reads the same in every language (not extracted, never translated)."""
    return bool(mono or not _LETTER.search(text) or _NEUTRAL.fullmatch(text))


class Message(NamedTuple):
    """One text of a figure to translate: a catalogue entry."""

    context: str | None  # the figure's name; None for the renderer's own texts
    msgid: str
    path: str  # images/src/NAME.txt (placetel_tools/figures/draw.py for the badge)
    line: int
    comment: str  # the element's kind on the first line, then where it sits
