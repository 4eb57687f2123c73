"""Check that the numbers Zammad stores and the names the caller log shows, as the pages state them,
agree with the model of Zammad's caller recognition in placetel_tools/check.py.

Used by `make lint`."""

# Usage: python -m placetel_tools.lint.recognition_check DIR_OR_FILE ...   (exit 1 on any problem)
# (pages and snippets, *.rst; translations, *.po: each translated message)
#
# The check tool's examples prove themselves (console_examples runs them); this
# covers what no command runs, in the notation docs/caller-recognition.rst uses:
#
#   * An arrow in prose, in any language: ``030/609854189`` → ``609854189``
#     states the digits Zammad stores for a text. It counts when the text on
#     the left is written with what phone numbers are written with (digits,
#     spaces, + - ( ) / . | and commas; so ``49*`` → … and
#     ``777042617425@fpbx.de`` → … are other things), and the right side is one
#     or more literals joined by commas, "and" or "und". Each of those must be
#     digits only, and together exactly the numbers Zammad reads, in order.
#   * A list-table after the comment ``.. recognition: numbers`` (English
#     pages; the catalogues keep its literals, and a translated verdict must
#     start with the language's word for it, VERDICTS), two columns: the number
#     as written (its first literal), and the digits Zammad stores followed by
#     the verdict for a call: "``4930609854189``: matches", or "``609854189``:
#     never matches a call, which Zammad reads as ``4930609854189``". A row that
#     matches must be a number the model says can match; a row that never
#     matches must name the digits Zammad reads from a call from that number,
#     other than those stored, and the model's own if it knows them (it cannot
#     know that 0662 123456 is in Salzburg).
#   * A list-table after ``.. recognition: lookup``, two columns: what Zammad
#     has, one "Known, Name: ``text``" (a user's field) or "Maybe, Name:
#     ``text``" (a first article) each, and what the caller log shows for the
#     call whose number the second column's heading names: one literal per
#     entry of the caller log, the name, "maybe: " before it for a maybe match;
#     no literal: nobody is found. Entries are compared in any order: Zammad's
#     order is not documented.
#
# A marked table must state at least one example below its heading row: one
# whose rows this check cannot read (another notation) fails, never passes
# unchecked.

from __future__ import annotations

import re
import sys

from placetel_tools import check, languages
from placetel_tools.lint import po
from placetel_tools.lint.sources import paths_command, source_files

MODEL = "placetel_tools/check.py"
LITERAL = r"``([^`]+?)``"
PHONE_TEXT = re.compile(r"[0-9\s+()/.|,–—-]*[0-9][0-9\s+()/.|,–—-]*")
ARROW = re.compile(LITERAL + r"\s*→\s*(" + LITERAL + r"(?:\s*(?:,|\band\b|\bund\b)\s*" + LITERAL + r")*)")
MARKER = re.compile(r"^(\s*)\.\. recognition:\s*(\S*)\s*$")
# A translated verdict of a numbers table starts like this (the English: "matches", "never matches").
VERDICTS = {languages.SOURCE: ("matches", "never matches"), "de": ("passt", "passt nie")}


def arrow_problems(text):
    """Yield (offset, message) for every ``text`` → ``digits`` statement the model contradicts."""
    for match in ARROW.finditer(text):
        written = match.group(1)
        if not PHONE_TEXT.fullmatch(written):
            continue  # a pattern, an address: not a number as written
        said = re.findall(LITERAL, match.group(2))
        stored = check.stored_numbers(written)
        shown = "``" + "``, ``".join(stored) + "``" if stored else "no arrow (Zammad reads no number from it)"
        if not all(re.fullmatch(r"[0-9]+", digits) for digits in said):
            yield (
                match.start(),
                (
                    f"``{written}`` → {' '.join(f'``{d}``' for d in said)}: Zammad stores digits "
                    f"only — write {shown}"
                ),
            )
        elif said != stored:
            yield (
                match.start(),
                (
                    f"``{written}`` → {', '.join(f'``{d}``' for d in said)}: Zammad stores "
                    f"{', '.join(stored) or 'nothing'} ({MODEL}) — write {shown}"
                ),
            )


def list_tables(lines):
    """Yield (kind, marker line, rows) for each list-table after a recognition comment; rows are lists of
    (line, cell text), the header rows first (None when no list-table follows the comment)."""
    i = 0
    while i < len(lines):
        marker = MARKER.match(lines[i])
        i += 1
        if not marker:
            continue
        kind, at = marker.group(2), i
        while i < len(lines) and not lines[i].strip():
            i += 1
        directive = re.match(r"(\s*)\.\. list-table::", lines[i]) if i < len(lines) else None
        if not directive:
            yield kind, at, None
            continue
        indent, rows = len(directive.group(1)), []
        i += 1
        while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
            text = lines[i].strip()
            if text.startswith("* - "):
                rows.append([(i + 1, text[4:])])
            elif text.startswith("- ") and rows:
                rows[-1].append((i + 1, text[2:]))
            elif text and rows:
                line, cell = rows[-1][-1]
                rows[-1][-1] = (line, cell + "\n" + text)
            i += 1
        yield kind, at, rows


STORED = re.compile(r"((?:``[0-9]*``(?:\s*,\s*)?)*)\s*:?\s*")  # the digits before a verdict


def numbers_row(cells, header):
    """Yield (line, message) for a row of a numbers table: written as; Zammad stores, and the verdict."""
    (line, written_cell), (stored_line, stored_cell) = cells
    written = re.search(LITERAL, written_cell)
    if not written:
        yield line, "no ``number`` in the column written as — write the number as a literal"
        return
    written = written.group(1)
    prefix = STORED.match(stored_cell)
    said, verdict = re.findall(LITERAL, prefix.group(1)), stored_cell[prefix.end() :]
    stored = check.stored_numbers(written)
    if said != stored:
        yield (
            stored_line,
            (
                f"``{written}``: the table says Zammad stores {', '.join(said) or 'nothing'}, "
                f"it stores {', '.join(stored) or 'nothing'} ({MODEL}) — write "
                + (", ".join(f"``{d}``" for d in stored) or "nothing")
            ),
        )
        return
    numbers, lost = check.recognise(written)
    if verdict.startswith("never matches"):
        sent = re.findall(LITERAL, verdict)
        model = next((n.expected or "" for n in numbers if not n.matches), "") or next(
            (part.expected for part in lost), ""
        )
        if not sent:
            yield (
                stored_line,
                f"``{written}`` never matches: name the digits Zammad reads from a call — add ``DIGITS``",
            )
        elif sent[0] in stored:
            yield (
                stored_line,
                (
                    f"``{written}``: a call is read as {sent[0]}, which Zammad stores, so it matches "
                    f"— write matches, or the digits a call from this number really gives"
                ),
            )
        elif model and sent[0] != model:
            yield (
                stored_line,
                (
                    f"``{written}``: Zammad reads a call from this number as {model} ({MODEL}), "
                    f"the table says {sent[0]} — write ``{model}``"
                ),
            )
    elif verdict.startswith("matches"):
        if lost or not numbers or not all(number.matches for number in numbers):
            yield (
                stored_line,
                (
                    f"``{written}`` never matches a call ({MODEL}: "
                    f"{', '.join(n.kind for n in numbers) or 'no number'}) — write never matches "
                    "and the digits Zammad reads from a call"
                ),
            )
    else:
        yield stored_line, "after the digits, write matches or never matches"


ENTRY = re.compile(r"\b(known|maybe),\s*([^:\n]+?):\s*" + LITERAL, re.I)


def lookup_row(cells, header):
    """Yield (line, message) for a row of a lookup table: what Zammad has; what the caller log shows."""
    (_, has), (shows_line, shows) = cells
    call = re.search(LITERAL, header[-1][1])
    if not call:
        yield header[-1][0], "no ``number`` of the call in the heading — write it as a literal"
        return
    call = call.group(1)
    entries = ENTRY.findall(has)
    known = [(name.strip(), text) for level, name, text in entries if level.lower() == "known"]
    maybe = [(name.strip(), text) for level, name, text in entries if level.lower() == "maybe"]
    expected = check.caller_log(call, known, maybe)
    said = re.findall(LITERAL, shows)
    if sorted(said) != sorted(expected):
        shown = ", ".join(said) or "the number only"
        yield (
            shows_line,
            (
                f"a call from {call}: the table says the caller log shows {shown!r}, it shows "
                f"{', '.join(expected) or 'the number only'!r} ({MODEL}) — write "
                + (" and ".join(f"``{entry}``" for entry in expected) or "no literal (the number only)")
            ),
        )


COLUMNS = {"numbers": (2, numbers_row), "lookup": (2, lookup_row)}


def rst_problems(path):
    """Yield 'path:line: message' for one page or snippet."""
    text = path.read_text(encoding="utf-8")
    for offset, message in arrow_problems(text):
        yield f"{path}:{text.count(chr(10), 0, offset) + 1}: {message}"
    for kind, at, rows in list_tables(text.splitlines()):
        if kind not in COLUMNS:
            yield f"{path}:{at}: unknown table kind {kind!r} — write .. recognition: numbers or lookup"
            continue
        if rows is None:
            yield f"{path}:{at}: no list-table follows this comment — put the table right after it"
            continue
        count, check_row = COLUMNS[kind]
        for row in rows:
            if len(row) != count:
                yield (
                    f"{path}:{row[0][0]}: a {kind} row needs {count} columns, "
                    f"this one has {len(row)} — fix it"
                )
        rows = [row for row in rows if len(row) == count]
        if len(rows) < 2:  # a changed notation would otherwise pass unchecked
            yield (
                f"{path}:{at}: this {kind} table states no example this check can read (a heading row, "
                f"then rows of {count} columns: * - … then - …) — write its rows so, or remove the comment"
            )
        for row in rows[1:]:  # the first is the heading
            for line, message in check_row(row, rows[0]):
                yield f"{path}:{line}: {message}"


def po_problems(path):
    """Yield 'path:line: message' for one catalogue: its arrows, and its verdicts' first words."""
    words = VERDICTS.get(po.language_of(path))
    for message in po.translated([path]):
        for _, text in sorted(arrow_problems(message.msgstr)):
            yield f"{message.where()}: {text} (English: {message.source})"
        if not words:
            continue
        english_verdict = message.msgid[STORED.match(message.msgid).end() :]
        verdict = message.msgstr[STORED.match(message.msgstr).end() :]
        if not message.msgid.startswith("``"):
            continue  # a verdict follows the stored digits
        for english, word in reversed(
            list(zip(VERDICTS[languages.SOURCE], words, strict=True))
        ):  # "never matches" before "matches"
            if english_verdict.startswith(english):
                others = [w for w in words if w != word and w.startswith(word)]
                if not verdict.startswith(word) or any(verdict.startswith(w) for w in others):
                    yield (
                        f"{message.where()}: the verdict {english!r} reads {verdict.split(';')[0]!r} "
                        f"in translation — start it with {word!r} (English: {message.source})"
                    )
                break


def check_files(paths):
    for path in source_files(paths):
        yield from po_problems(path) if path.suffix == ".po" else rst_problems(path)


def main(argv=None):
    return paths_command("placetel_tools.lint.recognition_check", check_files, argv)


if __name__ == "__main__":
    sys.exit(main())
