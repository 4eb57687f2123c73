"""Check the reStructuredText sources, figure sources and translations for mojibake, doubled words and
UI labels spelled differently from the product.

Used by `make lint`."""

# Usage: python -m placetel_tools.lint.text_check [--figures DIR] DIR_OR_FILE ...
# (exit 0 ok, 1 on any problem, 2 usage)
# Directories are searched for *.rst (pages, snippets), *.po (translations: each
# translated message is checked like a paragraph, against the language's own
# label list locale/LANG/ui-labels.txt) and, in the folder given with --figures, *.txt (figure
# sources, where the text of frames, buttons, tabs, check boxes and boxes is
# compared with the labels; a figure catalogue's entries likewise, by the
# element kind its comment names).
#
# UI labels: only text the writer marked as interface text is compared --
# **bold**, :guilabel:`...`, :menuselection:`...` and the parts of a menu path
# written with arrows (*Integrations → Web API*). Such text that matches a
# label of docs/ui-labels.txt only loosely (other case, spacing, hyphens, or a
# one-letter typo) is an error; :guilabel:/:menuselection: text that matches no
# label at all is an error too, since the writer declared it interface text.
# Bold text that is nowhere near a label is not judged on its own (it may be
# emphasis), but it must be spelled one way on every page: **Blocked caller
# IDs** on one page and **Blocked Caller IDs** on another is an error. Plain
# prose is not compared ("the API token" is a thing, not a label), so the
# check has no false positives on ordinary writing.

import argparse
import difflib
import re
import sys
from pathlib import Path

from placetel_tools import languages
from placetel_tools.lint import po
from placetel_tools.lint.sources import report, source_files

ROOT = Path(__file__).resolve().parents[2]
LABELS_FILE = ROOT / "docs" / "ui-labels.txt"

# --- mojibake -------------------------------------------------------------------

# What each byte 0x80-0xFF looks like when UTF-8 is read as Windows-1252 (the
# five bytes cp1252 leaves undefined come through as the C1 control characters).
_AS_CP1252 = {}
for _byte in range(0x80, 0x100):
    try:
        _AS_CP1252[bytes([_byte]).decode("cp1252")] = _byte
    except UnicodeDecodeError:
        _AS_CP1252[chr(_byte)] = _byte
_CONT = "".join(ch for ch, b in _AS_CP1252.items() if 0x80 <= b <= 0xBF)
_LEAD = "".join(ch for ch, b in _AS_CP1252.items() if 0xC2 <= b <= 0xF4)
MOJIBAKE = re.compile(f"[{re.escape(_LEAD)}][{re.escape(_CONT)}]{{1,3}}")


# Remains whose last byte got lost or turned into a plain space on the way:
# "Â " / "Ã " (a no-break space or "à" whose 0xA0 became a space), "â€" alone
# (a quote or dash whose third byte was undefined in cp1252, e.g. U+201D).
REMAINS = re.compile(r"[ÂÃ](?= )|â€(?![" + re.escape(_CONT) + "])")


def mojibake(line):
    """Yield (garbled, meant) for each UTF-8-read-as-cp1252 sequence in ``line``."""
    for match in REMAINS.finditer(line):
        meant = {"Â": "a no-break space", "Ã": "'à'", "â€": "a quote or dash"}[match.group()]
        yield match.group(), meant
    for match in MOJIBAKE.finditer(line):
        garbled = match.group()
        raw = bytes(_AS_CP1252[ch] for ch in garbled)
        for end in range(len(raw), 1, -1):  # the longest prefix that is valid UTF-8
            try:
                meant = raw[:end].decode("utf-8")
            except UnicodeDecodeError:
                continue
            yield garbled[:end], repr(meant)
            break


# --- blanking code, literals and URLs --------------------------------------------------

CODE_DIRECTIVES = (
    "code-block",
    "code",
    "sourcecode",
    "doctest",
    "testcode",
    "testoutput",
    "testsetup",
    "testcleanup",
    "literalinclude",
    "raw",
    "math",
    "parsed-literal",
    "productionlist",
    "highlight",
    "include",
    "figure",
    "image",
)
DIRECTIVE = re.compile(r"^(\s*)\.\.\s+([\w:-]+)::(.*)$")
EXPLICIT = re.compile(r"^(\s*)\.\.(\s|$)")


def _indent(line):
    return len(line) - len(line.lstrip(" "))


def prose_lines(lines):
    """The lines with code, literal blocks, comments and targets blanked (same count)."""
    out, skip_deeper_than = [], None
    for line in lines:
        if skip_deeper_than is not None:
            if not line.strip() or _indent(line) > skip_deeper_than:
                out.append("")
                continue
            skip_deeper_than = None
        stripped = line.strip()
        directive = DIRECTIVE.match(line)
        if directive:
            name = directive.group(2)
            if name in CODE_DIRECTIVES:
                # figure/image: the argument is a path; their caption and :alt: are prose.
                if name in ("figure", "image"):
                    out.append("")
                    continue
                skip_deeper_than = _indent(line)
                out.append("")
                continue
            out.append(directive.group(1) + directive.group(3))  # admonition titles etc.
            continue
        if EXPLICIT.match(line):  # comment, target, footnote, substitution definition
            skip_deeper_than = _indent(line)
            out.append("")
            continue
        if stripped.startswith(">>>"):
            skip_deeper_than = _indent(line) - 1
            out.append("")
            continue
        if stripped.endswith("::"):
            skip_deeper_than = _indent(line)
            out.append(line.rstrip()[:-2])
            continue
        out.append(line)
    return out


INLINE_LITERAL = re.compile(r"``.+?``", re.S)
URL = re.compile(r"<[^<>\s]*>`|https?://[^\s`<>]+|\S+@\S+\.\w+")
ROLE = re.compile(r":[\w:-]+:(?=`)")


def _hide(match):
    """Replace a literal or URL by a barrier that keeps line numbers and stops word matches."""
    return re.sub(r"[^\n]", "\x00", match.group())


# --- doubled words -----------------------------------------------------------------------

# One word, then one space or a line break, then the same word. (Two or more
# spaces separate the columns of a simple table, so they do not count.)
DOUBLED = re.compile(r"\b(\w+)(?: |[ \t]*\n[ \t]*)(\1)\b", re.I)
# Doubles that can be correct: "that that", "had had"; in German an article
# followed by the same relative pronoun ("das Token, das das Endgerät …").
ALLOWED_DOUBLES = {languages.SOURCE: {"that", "had"}, "de": {"der", "die", "das", "dem", "den", "des", "sie"}}


LIST_MARKER = re.compile(r"[ \t]*(?:[-*+•]|#\.|\d+[.)]|\(\d+\))[ \t]+")


def _same_paragraph(text, match):
    """A line break inside a match continues the paragraph only at the same indentation,
    or, after a list item's first line, at the indentation of the item's text."""
    start = text.rfind("\n", 0, match.start()) + 1
    first = text[start : text.index("\n", match.start())]
    second = text[text.index("\n", match.start()) + 1 :]
    marker = LIST_MARKER.match(first)
    return _indent(second) in (_indent(first), marker.end() if marker else -1)


def doubled_words(lines, language=languages.SOURCE):
    """Yield (line number, word) for each word written twice in a row in the prose."""
    text = "\n".join(prose_lines(lines))
    text = INLINE_LITERAL.sub(_hide, text)
    text = URL.sub(_hide, text)
    text = ROLE.sub("", text)
    text = text.replace("|", "\x00")  # table cells are not one sentence
    text = re.sub(r"(?m)^([ \t]*)\*(?=[ \t])", r"\1•", text)  # a bullet stays a list marker
    text = re.sub(r"[*`]|(?<=\w)__?(?=\W|$)", "", text)
    for match in DOUBLED.finditer(text):
        word = match.group(1)
        if word.isdigit() or word.lower() in ALLOWED_DOUBLES.get(language, set()):
            continue
        if "\n" in match.group() and not _same_paragraph(text, match):
            continue  # a definition-list term and its definition, a heading, ...
        yield text.count("\n", 0, match.start()) + 1, f"{word} {match.group(2)}"


# --- UI labels ---------------------------------------------------------------------------

BOLD = re.compile(r"(?<![\w*\\])\*\*(?=\S)(.+?)(?<=\S)\*\*(?!\w)", re.S)
EMPHASIS = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*]+?)(?<=\S)\*(?![\w*])", re.S)
GUILABEL = re.compile(r":guilabel:`([^`]+)`")
MENU = re.compile(r":menuselection:`([^`]+)`")
ARROWS = re.compile(r"\s*(?:→|-->|->)\s*")


def load_labels(path=None):
    """The labels listed in ``path`` (default: docs/ui-labels.txt), one a line, # starts a comment."""
    path = LABELS_FILE if path is None else path
    return [
        line.strip()
        for line in Path(path).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def labels_for(language, root=None):
    """The label list of ``language``: docs/ui-labels.txt, or locale/LANG/ui-labels.txt (of ``root``,
    default: this project)."""
    root = ROOT if root is None else Path(root)
    if language == languages.SOURCE:
        return load_labels(root / "docs" / "ui-labels.txt")
    return load_labels(root / "locale" / language / "ui-labels.txt")


def _squash(text):
    return re.sub(r"[\W_]+", "", text.casefold())


def label_problem(text, labels, strict):
    """Return the canonical label ``text`` misspells, '' if unknown (and strict), else None."""
    text = " ".join(text.replace("&", "").split()).rstrip(":")
    if text in labels:
        return None
    squashed = _squash(text)
    for label in labels:
        if _squash(label) == squashed:
            return label
    if len(squashed) >= 6:
        by_squash = {_squash(label): label for label in labels}
        close = difflib.get_close_matches(squashed, by_squash, n=1, cutoff=0.88)
        if close:
            return by_squash[close[0]]
    return "" if strict else None


def label_spans(text):
    """Yield (offset, text, strict) for every piece of text marked as interface text."""
    for match in BOLD.finditer(text):
        yield match.start(1), match.group(1), False
    for match in GUILABEL.finditer(text):
        yield match.start(1), match.group(1), True
    for match in MENU.finditer(text):
        for part in ARROWS.split(match.group(1)):
            yield match.start(1), part, True
    for match in EMPHASIS.finditer(text):
        if ARROWS.search(match.group(1)):  # *Integrations → Web API*
            for part in ARROWS.split(match.group(1)):
                yield match.start(1), part.strip('"“”'), False


def label_problems(lines, labels):
    text = "\n".join(prose_lines(lines))
    text = INLINE_LITERAL.sub(_hide, text)
    for offset, span, strict in label_spans(text):
        canonical = label_problem(span, labels, strict)
        if canonical is None:
            continue
        line = text.count("\n", 0, offset) + 1
        span = " ".join(span.split())
        if canonical:
            yield (
                line,
                (
                    f"UI label '{span}' is spelled '{canonical}' in the product — "
                    f"write '{canonical}' exactly as docs/ui-labels.txt has it"
                ),
            )
        else:
            yield (
                line,
                (
                    f"'{span}' is marked as a UI label but is not in docs/ui-labels.txt — "
                    f"use the product's spelling, or add the label there after checking it "
                    f"in the product"
                ),
            )


# A figure source (images/src/*.txt) shows interface text after the `|` of these elements;
# a frame's caption is a path like `Placetel › Integrations › Zammad`.
FIGURE_TEXT = re.compile(r"^\s*(?:frame|text|button|tab|check|box|row)\b[^|]*\|(.*)$")


def figure_text_problems(text, labels, labels_file="docs/ui-labels.txt"):
    """Yield a message for each part of a figure's text that misspells a UI label."""
    for part in re.split(r"›|\\n|\n|\|", text):  # path parts, lines, table cells
        canonical = label_problem(part.strip(), labels, strict=False)
        if canonical:
            yield (
                f"UI label '{part.strip()}' is spelled '{canonical}' in the product — "
                f"write '{canonical}' exactly as {labels_file} has it, then run make images"
            )


def figure_label_problems(lines, labels):
    """Yield (line, message) for text in a figure source that misspells a UI label."""
    for number, line in enumerate(lines, 1):
        match = FIGURE_TEXT.match(line)
        if match:
            for message in figure_text_problems(match.group(1), labels):
                yield number, message


# --- translations ---------------------------------------------------------------------------

FIGURE_KINDS = {"frame", "text", "button", "tab", "check", "box", "row"}


def check_catalogue(path, root=None):
    """The problems of the translated messages of one catalogue, at their msgstr lines."""
    language = po.language_of(path)
    labels, labels_file = labels_for(language, root), f"locale/{language}/ui-labels.txt"
    problems = []
    for message in po.translated([path]):
        lines = message.msgstr.splitlines()
        found = [
            m
            for line in lines
            for garbled, meant in mojibake(line)
            for m in [f"mojibake '{garbled}' (UTF-8 read as Windows-1252) — write {meant} instead"]
        ]
        if message.comment.split() and message.comment.split()[0] in FIGURE_KINDS:  # a figure's text
            found += figure_text_problems(message.msgstr, labels, labels_file)
        else:
            found += [
                f"doubled word '{word}' — delete one of them" for _, word in doubled_words(lines, language)
            ]
            found += [
                text.replace("docs/ui-labels.txt", labels_file) for _, text in label_problems(lines, labels)
            ]
        problems += [f"{message.where()}: {text} (English: {message.source})" for text in found]
    return problems


def inconsistent_bold_translations(paths, root=None):
    """Like inconsistent_bold, over the translated messages of each language."""
    by_language = {}
    for path in paths:
        by_language.setdefault(po.language_of(path), []).append(path)
    for language, files in sorted(by_language.items()):
        labels, groups = labels_for(language, root), {}
        for message in po.translated(files):
            text = INLINE_LITERAL.sub(_hide, message.msgstr)
            for match in BOLD.finditer(text):
                span = " ".join(match.group(1).split())
                if span not in labels and len(_squash(span)) >= 3:
                    groups.setdefault(_squash(span), []).append((message.where(), span))
        for places in groups.values():
            spellings = [span for _, span in places]
            if len(set(spellings)) > 1:
                meant = max(dict.fromkeys(spellings), key=spellings.count)
                first = next(where for where, span in places if span == meant)
                for where, span in places:
                    if span != meant:
                        yield (
                            f"{where}: '{span}' is spelled '{meant}' elsewhere ({first}) — spell it one "
                            f"way on every page (and add it to locale/{language}/ui-labels.txt if it is "
                            f"a UI label)"
                        )


# --- running -------------------------------------------------------------------------------


def check_file(path, labels):
    """Return the problems of one file as 'path:line: what — what to do' strings."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as err:
        return [f"{path}:1: not valid UTF-8 ({err.reason} at byte {err.start}) — save the file as UTF-8"]
    problems = []
    for number, line in enumerate(lines, 1):
        for garbled, meant in mojibake(line):
            problems.append(
                (number, f"mojibake '{garbled}' (UTF-8 read as Windows-1252) — write {meant} instead")
            )
    if Path(path).suffix == ".txt":  # a figure source
        problems.extend(figure_label_problems(lines, labels))
        return [f"{path}:{number}: {message}" for number, message in sorted(problems)]
    for number, word in doubled_words(lines):
        problems.append((number, f"doubled word '{word}' — delete one of them"))
    problems.extend(label_problems(lines, labels))
    return [f"{path}:{number}: {message}" for number, message in sorted(problems)]


def bold_spans(path):
    """Yield (line, text) for each **bold** span of a file's prose."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        return
    text = INLINE_LITERAL.sub(_hide, "\n".join(prose_lines(lines)))
    for match in BOLD.finditer(text):
        yield text.count("\n", 0, match.start()) + 1, " ".join(match.group(1).split())


def inconsistent_bold(paths, labels):
    """Bold text not in the label list must still be spelled one way on every page.

    Spellings that differ only in case, spacing or punctuation are grouped; the
    most frequent one (the first seen on a tie) is taken as meant.
    """
    groups = {}
    for path in paths:
        for line, span in bold_spans(path):
            if span not in labels and len(_squash(span)) >= 3:
                groups.setdefault(_squash(span), []).append((path, line, span))
    for places in groups.values():
        spellings = [span for _, _, span in places]
        if len(set(spellings)) < 2:
            continue
        meant = max(dict.fromkeys(spellings), key=spellings.count)
        first = next(f"{path}:{line}" for path, line, span in places if span == meant)
        for path, line, span in places:
            if span != meant:
                yield (
                    f"{path}:{line}: '{span}' is spelled '{meant}' elsewhere ({first}) — "
                    f"spell it one way on every page (and add it to docs/ui-labels.txt if it "
                    f"is a UI label)"
                )


def check(paths, figures=None, root=None):
    """The problems of the pages, snippets, translations and figure sources under ``paths`` (figure
    sources: the *.txt under the folder ``figures``), with the label lists of ``root`` (default: this
    project's docs/ui-labels.txt and locale/LANG/ui-labels.txt)."""
    labels = labels_for(languages.SOURCE, root)
    files = list(source_files(paths, figures))
    pages = [path for path in files if path.suffix != ".po"]
    catalogues = [path for path in files if path.suffix == ".po"]
    problems = [p for path in pages for p in check_file(path, labels)]
    problems += inconsistent_bold(pages, labels)
    problems += [p for path in catalogues for p in check_catalogue(path, root)]
    problems += inconsistent_bold_translations(catalogues, root)
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m placetel_tools.lint.text_check",
        description="Check pages, snippets, translations and figure sources for mojibake, doubled words "
        "and misspelt UI labels.",
    )
    parser.add_argument("paths", metavar="DIR_OR_FILE", nargs="+", help="*.rst, *.po; folders are searched")
    parser.add_argument(
        "--figures", metavar="DIR", help="the folder of figure sources (*.txt), when named among the paths"
    )
    args = parser.parse_args(argv)
    return report(check(args.paths, args.figures))


if __name__ == "__main__":
    sys.exit(main())
