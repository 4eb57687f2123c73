"""The figures' look: colours, font sizes, the frame bar, the badge, and text metrics.

Every text colour pair meets WCAG AA (tests hold TEXT_ON to it); the metrics estimate how wide
a text is, so that the renderer can check it fits its box. Used by draw.py."""

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
TEXT_ON = [
    (INK, WHITE), (MUTED, WHITE), (INK, PANEL), (MUTED, PANEL), (INK, ACCENT_BG), (WHITE, PRIMARY),
    (WHITE, FOCUS), (OK, WHITE), (ERR, WHITE), (INK, ERR_BG), (ERR, ERR_BG), (OK, PANEL),
]  # fmt: skip
# Colours of outlines and controls: 3:1 against white at least.
GRAPHICS = [LINE, FOCUS, PRIMARY]

BAR = 28  # frame caption bar height
BADGE = (96, 22)  # the "Illustration" badge, 4 px from the top right corner
LEADING = 1.3


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""

    def lum(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# --- text metrics ------------------------------------------------------------------

# Advance widths (1/1000 em) of DejaVu Sans for ASCII 32..126; other characters count as 1 em.
# fmt: off
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
# fmt: on


def _advance(char: str, bold: bool) -> int:
    if 32 <= ord(char) < 127:
        return (_BOLD if bold else _REGULAR)[ord(char) - 32]
    return _OTHER.get(char, (1000, 1000))[bold]


def text_width(text: str, size: float = SIZE, bold: bool = False, mono: bool = False) -> float:
    """Estimated width in pixels of one line of ``text``."""
    if mono:
        return len(text) * 0.602 * size
    return sum(_advance(c, bool(bold)) for c in text) * size / 1000
