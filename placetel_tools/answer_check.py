"""Check that the statuses, error texts, content type and endpoint path the pages state in prose are what the endpoint answers."""

# Usage: python -m placetel_tools.answer_check DIR_OR_FILE ...   (exit 1 on any problem)
#
# Runnable examples prove themselves (console_examples, Sphinx's doctest); this
# check covers what no example runs: tables, headings, sentences and literal
# blocks such as `401 "Invalid token, please contact your admin!"`. The truth
# is the simulator (placetel_tools.simulator), which tests/test_simulator.py
# pins to FACTS.md. Four rules:
#   * a quoted error text (after ", “, `` or >) that starts like one of
#     Zammad's must be that text or a shortened form ending at a word, and an
#     XML element of an answer (<Reject .../>, <Dial ...>, <Response/>) must be
#     written as Zammad writes it;
#   * a status written just before an answer must be that answer's status;
#   * every /api/vN/NAME path must be the endpoint's path;
#   * every application/xml content type must be the one Zammad sends.

import re
import sys
from pathlib import Path

from placetel_tools import simulator

ROOT = Path(__file__).resolve().parent.parent
STATUS_REACH = 40  # characters before an answer in which a status counts as its status

# (how the answer starts, loosely: any case and spacing) -> (the whole answer, its status).
# An XML element is compared up to its ">"; <Dial>'s caller ID differs from example to example.
ANSWERS = {
    r"Feature\s+is\s+disabled": (simulator.DISABLED, 422),
    r"Feature\s+not\s+configured": (simulator.NOT_CONFIGURED, 422),
    r"Invalid\s+token": (simulator.INVALID_TOKEN, 401),
    r"Invalid\s+direction": (simulator.INVALID_DIRECTION, 422),
    r"<Reject\b": ('<Reject reason="busy"/>', 200),
    r"<Dial\b": ('<Dial callerId="…">', 200),
    r"<Response\s*/>": ("<Response/>", 200),
}
DIAL = re.compile(r'<Dial callerId="[^"<>]*">')
ANSWER = re.compile("|".join(f"(?P<a{i}>{key})" for i, key in enumerate(ANSWERS)), re.I)
QUOTED = re.compile(r'(?:"|“|``|>)$')
END_OF_QUOTE = re.compile(r'"|”|``|</|\n\s*\n')
STATUS = re.compile(r"(?<![\w.:/-])([1-5]\d\d)(?![\w.:/-])")
PATH = re.compile(r"/api/v\w*/\w+", re.I)
ENDPOINT_PATH = simulator.ENDPOINT_PATH.pattern.split("(")[0].rstrip("/")  # /api/v1/placetel
CONTENT_TYPE = re.compile(r"application/xml(?:\s*;\s*charset\s*=\s*[\w-]+)?", re.I)


def problems(text):
    """Yield (offset, message) for every statement in ``text`` that the endpoint contradicts."""
    for match in ANSWER.finditer(text):
        whole, status = list(ANSWERS.values())[int(match.lastgroup[1:])]
        start = match.start()
        if whole.startswith("<"):
            end = text.find(">", start)
            said = text[start:end + 1] if end >= 0 else text[start:]
            if not (DIAL.fullmatch(said) if whole.startswith("<Dial") else said == whole):
                yield start, f"the answer is written {said!r} — write {whole!r} exactly"
        elif QUOTED.search(text[max(0, start - 2):start]):
            end = END_OF_QUOTE.search(text, start)
            said = " ".join(text[start:end.start() if end else len(text)].split())
            if not _shortened(said, whole):
                yield start, f"the answer is written {said!r} — write {whole!r} exactly, or a shorter start of it"
        before = text[max(0, start - STATUS_REACH):start]
        before = before[before.rfind("\n\n") + 1:]  # never reach into the paragraph before
        numbers = STATUS.findall(before)
        if numbers and int(numbers[-1]) != status:
            yield start, (f"status {numbers[-1]} is written before {whole!r}, which Zammad sends "
                          f"with {status} — write {status}")
    for match in PATH.finditer(text):
        if match.group() != ENDPOINT_PATH:
            yield match.start(), f"endpoint path {match.group()!r} — Zammad's path is {ENDPOINT_PATH!r}"
    for match in CONTENT_TYPE.finditer(text):
        if match.group() not in ("application/xml", simulator.CONTENT_TYPE):
            yield match.start(), (f"content type {match.group()!r} — Zammad sends "
                                  f"{simulator.CONTENT_TYPE!r}")


def _shortened(said, whole):
    """Whether ``said`` is ``whole`` or its start, cut where a word ends."""
    said = said.rstrip()
    return whole.startswith(said) and (len(said) == len(whole) or not whole[len(said)].isalnum())


def check_files(paths):
    """Yield 'path:line: message' for every problem in the .rst files under ``paths``."""
    for path in _rst_files(paths):
        text = path.read_text(encoding="utf-8")
        for offset, message in sorted(problems(text)):
            yield f"{_name(path)}:{text.count(chr(10), 0, offset) + 1}: {message}"


def _rst_files(paths):
    for path in map(Path, paths):
        yield from sorted(path.rglob("*.rst")) if path.is_dir() else [path]


def _name(path):
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    found = list(check_files(argv or [ROOT / "docs", ROOT / "doctests"]))
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
