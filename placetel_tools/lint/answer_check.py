"""Check that the statuses, error texts, content type and endpoint path the pages state in prose are
what the endpoint answers.

Used by `make lint`."""

# Usage: python -m placetel_tools.lint.answer_check DIR_OR_FILE ...   (exit 1 on any problem)
# (pages and snippets, *.rst; translations, *.po: each translated message)
#
# Runnable examples prove themselves (console_examples, Sphinx's doctest); this
# check covers what no example runs: tables, headings, sentences and literal
# blocks such as `401 "Invalid token, please contact your admin!"`. The truth
# is what the simulator answers (tests/test_simulator.py pins it to FACTS.md).
# Four rules:
#   * a quoted error text (after ", “, `` or >) that starts like one of
#     Zammad's must be that text, or its start cut where a word ends; an XML
#     element of an answer (<Reject .../>, <Dial ...>, <Response/>) must be
#     written as Zammad writes it (a bare <Reject> or <Dial> names the element);
#   * a status written right before an answer (`422 "…"`, `401, <Response>…`,
#     `200 with <Response/>`, a status cell followed by the answer cell) must be
#     that answer's status; a number further away is not taken as its status;
#   * every /api/vN/NAME path must be the endpoint's path;
#   * every application/xml content type must be the one Zammad sends.

import re
import sys

from placetel_tools import simulator
from placetel_tools.lint import po
from placetel_tools.lint.sources import paths_command, source_files

ENDPOINT_PATH = simulator.PATH_PREFIX.rstrip("/")  # /api/v1/placetel


def _answers():
    """{how the answer starts, loosely: any case and spacing: (the answer as written, its status)},
    read off the simulator's answers to one request of each kind."""
    token = simulator.EXAMPLE_TOKEN
    saved = {
        "inbound": {"block_caller_ids": [{"caller_id": "1"}]},
        "outbound": {"routing_table": [], "default_caller_id": "2"},
    }

    def answer(fields=None, to=token, **situation):
        return simulator.Simulator(
            token, {"config": saved, **situation}["config"], situation.get("enabled", True)
        ).answer(to, fields or {})

    errors = [
        answer(enabled=False),
        answer(config={}),
        answer(to="wrong"),
        answer({"event": "HungUp", "call_id": "never seen"}),
    ]
    elements = [
        answer({"event": "IncomingCall", "call_id": "a", "from": "1"}),
        answer({"event": "OutgoingCall", "call_id": "b", "to": "3"}),
        answer({"event": "IncomingCall", "call_id": "c", "from": "4"}),
    ]
    found = {}
    for status, body in errors:
        text = re.search(r"<Error>(.*)</Error>", body).group(1)
        found[r"\s+".join(text.split(",")[0].rstrip("!").split())] = (text, status)
    for status, body in elements:
        inner = re.search(r"<Response>\s*(<[^>]*>)", body)
        element = inner.group(1) if inner else "<Response/>"
        element = re.sub(r'"\d+"', '"…"', element)  # a caller ID differs from example to example
        name = re.match(r"<(\w+)", element).group(1)
        found[rf"<{name}\b" + (r"\s*/>" if element == "<Response/>" else "")] = (element, status)
    return found


ANSWERS = _answers()
ANSWER = re.compile("|".join(f"(?P<a{i}>{key})" for i, key in enumerate(ANSWERS)), re.I)
QUOTED = re.compile(r'(?:"|“|„|``|>)$')  # English and German opening quotes
END_OF_QUOTE = re.compile(r'"|”|“|``|</|\n\s*\n')
# A status, then nothing but punctuation, markup, "with" ("mit") or Zammad's <Response><Error>
# before the answer.
STATUS_BEFORE = re.compile(
    r'(?<![\w.:/-])(?<!\d )([1-5]\d\d)[\s,:"“„`*|()-]*(?:with\s+|mit\s+)?[\s"“„`]*'
    r"(?:<Response>\s*<Error>)?$"
)
PATH = re.compile(r"/api/v\w*/\w+", re.I)
CONTENT_TYPE = re.compile(r"application/xml(?:\s*;\s*charset\s*=\s*[\w-]+)?", re.I)


def problems(text):
    """Yield (offset, message) for every statement in ``text`` that the endpoint contradicts."""
    for match in ANSWER.finditer(text):
        whole, status = list(ANSWERS.values())[int(match.lastgroup[1:])]
        start = match.start()
        if whole.startswith("<"):
            end = text.find(">", start)
            said = text[start : end + 1] if end >= 0 else text[start:]
            if not _same_element(said, whole):
                yield start, f"the answer is written {said!r} — write {whole!r} exactly"
        elif QUOTED.search(text[max(0, start - 2) : start]):
            end = END_OF_QUOTE.search(text, start)
            said = " ".join(text[start : end.start() if end else len(text)].split()).rstrip(" .,;:…")
            if not (whole.startswith(said) and (len(said) == len(whole) or not whole[len(said)].isalnum())):
                yield (
                    start,
                    f"the answer is written {said!r} — write {whole!r} exactly, or a shorter start of it",
                )
        written = STATUS_BEFORE.search(text, max(0, start - 60), start)
        if written and int(written.group(1)) != status:
            yield (
                start,
                (
                    f"status {written.group(1)} is written before {whole!r}, which Zammad sends "
                    f"with {status} — write {status}"
                ),
            )
    for match in PATH.finditer(text):
        if match.group() != ENDPOINT_PATH:
            yield match.start(), f"endpoint path {match.group()!r} — Zammad's path is {ENDPOINT_PATH!r}"
    for match in CONTENT_TYPE.finditer(text):
        if match.group() not in ("application/xml", simulator.CONTENT_TYPE):
            yield match.start(), (f"content type {match.group()!r} — Zammad sends {simulator.CONTENT_TYPE!r}")


def _same_element(said, whole):
    """Whether ``said`` is the element ``whole`` (a caller ID in place of "…"), or its bare name."""
    name = whole.split()[0].split("/")[0].rstrip(">")
    if said == name + ">" and name != "<Response":
        return True
    pattern = re.escape(whole).replace("…", '[^"<>]*')
    return re.fullmatch(pattern, said) is not None


def check_files(paths):
    """Yield 'path:line: message' for every problem in the pages, snippets and translations
    under ``paths``."""
    for path in source_files(paths):
        if path.suffix == ".po":  # a translation states the same answers as its English
            for message in po.translated([path]):
                for _, text in sorted(problems(message.msgstr)):
                    yield f"{message.where()}: {text} (English: {message.source})"
            continue
        text = path.read_text(encoding="utf-8")
        for offset, message in sorted(problems(text)):
            yield f"{path}:{text.count(chr(10), 0, offset) + 1}: {message}"


def main(argv=None):
    return paths_command("placetel_tools.lint.answer_check", check_files, argv)


if __name__ == "__main__":
    sys.exit(main())
