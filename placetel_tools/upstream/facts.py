"""The project's facts that `make upstream` checks, each read from its single source, with the file and
line where it is stated and a digest: the record (docs/upstream.json) keeps one digest per fact, so
`make lint` can name every fact added or changed since upstream last vouched for it.

The sources: docs/ui-labels.txt and locale/de/ui-labels.txt (labels), placetel_tools/simulator.py
(answers, their order, route, content type, seeded defaults, events, hang-up types, Placetel's
answers), placetel_tools/check.py (the caller-ID model and the path the check tool accepts), the
caller recognition examples of the pages (read as placetel_tools/lint/recognition_check.py reads
them) and the request fields table of docs/endpoint.rst."""

from __future__ import annotations

import csv
import hashlib
import inspect
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from placetel_tools import check, simulator
from placetel_tools.lint import recognition_check

ROOT = Path(__file__).resolve().parents[2]
LABELS_EN = "docs/ui-labels.txt"
LABELS_DE = "locale/de/ui-labels.txt"
ENDPOINT_PAGE = "docs/endpoint.rst"
EXAMPLE_PAGES = "docs"  # the pages whose caller recognition examples are compared with Zammad
EXAMPLE_COMMANDS = "doctests"  # the pages' check tool examples: --recognise "TEXT"
EXAMPLE_FILE = "placetel_tools/example-users.csv"  # the file the pages' --recognise-file example reads
ERRORS = ("DISABLED", "NOT_CONFIGURED", "INVALID_TOKEN", "INVALID_DIRECTION")  # the simulator's texts


@dataclass(frozen=True)
class Fact:
    """One fact of the project: ``id`` stays the same while the fact is the same thing (a label's
    English, an answer's constant), ``value`` is what is checked, ``path``:``line`` where it is
    stated, ``about`` how a message names it."""

    id: str
    path: str
    line: int
    value: object
    about: str

    @property
    def digest(self) -> str:
        return digest(self.value)


def digest(value: object) -> str:
    canonical = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _relative(path: Path | str, root: Path) -> str:
    path = Path(path).resolve()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


# --- the UI labels ------------------------------------------------------------------------

# A comment line starting "# Zammad" or "# Placetel" starts that product's block (docs/ui-labels.txt
# says so at its top); only Zammad's labels can be checked against Zammad's sources.
BLOCK = re.compile(r"#\s*(Zammad|Placetel)\b")


def label_blocks(path: Path) -> dict[str, list[tuple[str, int]]]:
    """{"Zammad": [(label, line)], "Placetel": [...]} of a label list."""
    blocks: dict[str, list[tuple[str, int]]] = {"Zammad": [], "Placetel": []}
    block = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = line.strip()
        if text.startswith("#"):
            match = BLOCK.match(text)
            block = match.group(1) if match else block
        elif text and block:
            blocks[block].append((text, number))
    return blocks


def labels(root: Path) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """The Zammad labels of the English and of the German list, in order: (label, line) each."""
    return label_blocks(root / LABELS_EN)["Zammad"], label_blocks(root / LABELS_DE)["Zammad"]


def label_facts(root: Path) -> list[Fact]:
    english, german = labels(root)
    facts = [Fact(f"label:{en}", LABELS_EN, line, en, f"the label {en!r}") for en, line in english]
    for (en, _), (de, line) in zip(english, german, strict=False):  # paired by position
        facts.append(Fact(f"label-de:{en}", LABELS_DE, line, de, f"the German {de!r} of {en!r}"))
    for position, (de, line) in enumerate(german[len(english) :], len(english) + 1):  # no English
        facts.append(Fact(f"label-de:#{position}", LABELS_DE, line, de, f"the German {de!r}"))
    return facts


# --- the simulator -----------------------------------------------------------------------------

SIMULATOR = Path(inspect.getfile(simulator))
CHECK_TOOL = Path(inspect.getfile(check))


def source_line(path: Path, pattern: str, default: int = 1) -> int:
    """The first line of ``path`` matching the regular expression ``pattern``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.search(pattern, line):
            return number
    return default


def constant_line(name: str, path: Path = SIMULATOR) -> int:
    return source_line(path, rf"^{name}\s*=", default=source_line(path, r"^PATH_PREFIX\s*="))


def parse_answer(body: str) -> dict:
    """An XML answer as {"element", "attributes", "children", "error"}; element None for <Response/>."""
    root = ET.parse(io.StringIO(body)).getroot()
    child = next(iter(root), None)
    if child is None:
        return {"element": None, "attributes": {}, "children": [], "error": None}
    return {
        "element": child.tag,
        "attributes": dict(child.attrib),
        "children": [grandchild.tag for grandchild in child],
        "error": child.text if child.tag == "Error" else None,
    }


BLOCKED, DIALLED, CALLER_ID = "491700000001", "4930222222", "4930777000000"
SAVED = {  # settings saved, with one blocked number and a default caller ID
    "inbound": {"block_caller_ids": [{"caller_id": BLOCKED, "note": "spam"}]},
    "outbound": {"routing_table": [], "default_caller_id": CALLER_ID},
}
CALLS = {
    "incoming": {"event": "IncomingCall", "call_id": "c1", "from": "4930111111", "to": "4930000000"},
    "blocked": {"event": "IncomingCall", "call_id": "c2", "from": BLOCKED, "to": "4930000000"},
    "outgoing": {"event": "OutgoingCall", "call_id": "c3", "from": "4930000000", "to": DIALLED},
    "unknown direction": {"event": "HungUp", "call_id": "never seen", "type": "missed"},
}
# The situation behind each error answer, as arguments of ask() below.
SITUATIONS = {
    "DISABLED": {"enabled": False},
    "NOT_CONFIGURED": {"config": {}},
    "INVALID_TOKEN": {"token": "not-the-token"},
    "INVALID_DIRECTION": {"call": "unknown direction"},
}


def ask(call: str = "incoming", config: dict | None = None, enabled: bool = True, token: str | None = None):
    """(status, parsed answer) of a fresh simulator to one request."""
    config = SAVED if config is None else config
    status, body = simulator.Simulator(simulator.EXAMPLE_TOKEN, config, enabled).answer(
        token or simulator.EXAMPLE_TOKEN, dict(CALLS[call])
    )
    return status, parse_answer(body)


def error_order() -> list[str]:
    """The simulator's error answers by precedence: when two situations meet, which answer wins.
    Probed, not read from the code, so a refactored simulator is judged by what it answers."""
    texts = {name: getattr(simulator, name) for name in ERRORS}
    wins = dict.fromkeys(ERRORS, 0)
    for first in ERRORS:
        for second in ERRORS:
            if first < second:
                _, answer = ask(**{**SITUATIONS[first], **SITUATIONS[second]})
                for name in (first, second):
                    wins[name] += answer["error"] == texts[name]
    return sorted(ERRORS, key=lambda name: -wins[name])


def allowed_methods() -> list[str]:
    """The HTTP methods the simulator routes to the endpoint (the others answer 405)."""
    app = simulator.make_app()
    methods = []
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        statuses = []
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": simulator.PATH_PREFIX + simulator.EXAMPLE_TOKEN,
            "QUERY_STRING": "",
            "CONTENT_LENGTH": "0",
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "wsgi.input": io.BytesIO(b""),
        }
        app(environ, lambda status, headers, statuses=statuses: statuses.append(status))
        if not statuses[0].startswith("405"):
            methods.append(method)
    return methods


def simulator_facts(root: Path) -> list[Fact]:
    path = _relative(SIMULATOR, root)
    facts = []
    for name in ERRORS:
        status, answer = ask(**SITUATIONS[name])
        facts.append(
            Fact(
                f"answer:{name}",
                path,
                constant_line(name),
                {"text": getattr(simulator, name), "status": status},
                f"the answer {name}",
            )
        )
    for name, call, code in (
        ("reject", "blocked", r"element\(\"Reject\""),
        ("dial", "outgoing", r"element\(\"Dial\""),
        ("ok", "incoming", r"body = xml_document\(\)"),
    ):
        status, answer = ask(call)
        value = {key: answer[key] for key in ("element", "attributes", "children")}
        value["status"] = status
        if name == "dial":  # the caller ID and number vary from call to call; their names do not
            value["attributes"] = sorted(value["attributes"])
        facts.append(Fact(f"answer:{name}", path, source_line(SIMULATOR, code), value, f"the {name} answer"))
    facts += [
        Fact("order", path, source_line(SIMULATOR, r"def answer\("), error_order(), "the order of checks"),
        Fact(
            "content-type",
            path,
            constant_line("CONTENT_TYPE"),
            simulator.CONTENT_TYPE,
            "the content type",
        ),
        Fact(
            "route",
            path,
            constant_line("PATH_PREFIX"),
            {"prefix": simulator.PATH_PREFIX, "methods": allowed_methods()},
            "the route",
        ),
        Fact(
            "route:check",
            _relative(CHECK_TOOL, root),
            constant_line("PATH_PREFIX", CHECK_TOOL),
            check.PATH_PREFIX,
            "the path the check tool accepts",
        ),
    ]
    for name, setting in (
        ("SEEDED_CONFIG", "placetel_config"),
        ("SEEDED_INTEGRATION", "placetel_integration"),
        ("SEEDED_TOKEN_LENGTH", "placetel_token"),
    ):
        facts.append(
            Fact(
                f"seeded:{setting}",
                path,
                constant_line(name),
                getattr(simulator, name, None),
                f"{name} (seeded {setting})",
            )
        )
    return facts


# --- Placetel's side: events, fields, hang-up types, answers --------------------------------------


def list_table(lines: list[str], header: str) -> list[list[tuple[int, str]]]:
    """The rows of the first list-table whose first header cell is ``header``: lists of (line, cell
    text), the header row first; [] if there is none."""
    for start, line in enumerate(lines):
        directive = re.match(r"(\s*)\.\. list-table::", line)
        if not directive:
            continue
        indent, rows = len(directive.group(1)), []
        i = start + 1
        while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
            text = lines[i].strip()
            if text.startswith("* - "):
                rows.append([(i + 1, text[4:])])
            elif text.startswith("- ") and rows:
                rows[-1].append((i + 1, text[2:]))
            elif text and rows:
                number, cell = rows[-1][-1]
                rows[-1][-1] = (number, cell + " " + text)
            i += 1
        if rows and rows[0][0][1].strip() == header:
            return rows
    return []


def field_rows(root: Path) -> list[tuple[str, int, str]]:
    """The request fields docs/endpoint.rst documents: (field, line, the row's meaning)."""
    lines = (root / ENDPOINT_PAGE).read_text(encoding="utf-8").splitlines()
    fields = []
    for row in list_table(lines, "Field")[1:]:
        name = re.search(r"``(\w+)``", row[0][1])
        if name:
            fields.append((name.group(1), row[0][0], " ".join(cell for _, cell in row[1:])))
    return fields


def placetel_facts(root: Path) -> list[Fact]:
    path = _relative(SIMULATOR, root)
    facts = []
    for event in simulator.EVENTS:
        line = source_line(SIMULATOR, rf'^\s*"{event}":')
        facts.append(Fact(f"placetel:event:{event}", path, line, event, f"the event {event}"))
    for name, line, meaning in field_rows(root):
        facts.append(Fact(f"placetel:field:{name}", ENDPOINT_PAGE, line, meaning, f"the field {name}"))
    for kind, name in (("hangup-type", "HANGUP_TYPES"), ("answer", "PLACETEL_ANSWERS")):
        for value in getattr(simulator, name, ()):
            facts.append(
                Fact(f"placetel:{kind}:{value}", path, constant_line(name), value, f"{name} {value!r}")
            )
    return facts


# --- the caller-ID model --------------------------------------------------------------------------


RECOGNISE = re.compile(r'--recognise\s+"([^"]*)"')


def examples(root: Path) -> list[tuple[str, str, int]]:
    """Every text the pages say Zammad reads numbers from: as recognition_check finds them, the left
    side of each arrow, the numbers tables' numbers, the lookup tables' texts and calls; the texts
    of the check tool's --recognise examples and every cell of the file its --recognise-file
    example reads. (text, file, line), each text once."""
    found: dict[str, tuple[str, int]] = {}
    for page in sorted((root / EXAMPLE_PAGES).rglob("*.rst")):
        if "_build" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        name = _relative(page, root)
        for match in recognition_check.ARROW.finditer(text):
            if recognition_check.PHONE_TEXT.fullmatch(match.group(1)):
                found.setdefault(match.group(1), (name, text.count("\n", 0, match.start()) + 1))
        for kind, _, rows in recognition_check.list_tables(text.splitlines()):
            for row in (rows or [])[1:]:
                if kind == "numbers" and row:
                    written = re.search(recognition_check.LITERAL, row[0][1])
                    if written:
                        found.setdefault(written.group(1), (name, row[0][0]))
                elif kind == "lookup" and row:
                    for _, _, said in recognition_check.ENTRY.findall(row[0][1]):
                        found.setdefault(said, (name, row[0][0]))
            if kind == "lookup" and rows:
                call = re.search(recognition_check.LITERAL, rows[0][-1][1])
                if call:
                    found.setdefault(call.group(1), (name, rows[0][-1][0]))
    for page in sorted((root / EXAMPLE_COMMANDS).glob("*.rst")):
        text = page.read_text(encoding="utf-8")
        for match in RECOGNISE.finditer(text):
            found.setdefault(match.group(1), (_relative(page, root), text.count("\n", 0, match.start()) + 1))
    with open(root / EXAMPLE_FILE, encoding="utf-8", newline="") as file:
        for number, row in enumerate(csv.reader(file), 1):
            for cell in row if number > 1 else ():
                if cell:
                    found.setdefault(cell, (EXAMPLE_FILE, number))
    return [(text, page, line) for text, (page, line) in found.items()]


MODEL_PARTS = ("normalise", "readings", "stored_numbers")


def model_code() -> dict:
    """What the model is: its functions' source and the patterns and constants they use."""
    return {
        **{name: inspect.getsource(getattr(check, name)) for name in MODEL_PARTS},
        "RUN": check.RUN.pattern,
        "UNWRAP": check.UNWRAP.pattern,
        "GERMANY": check.GERMANY,
    }


def model_facts(root: Path) -> list[Fact]:
    path = _relative(CHECK_TOOL, root)
    facts = [
        Fact("model:code", path, source_line(CHECK_TOOL, r"^def normalise\("), model_code(), "the model")
    ]
    for text, page, line in examples(root):
        facts.append(Fact(f"model:example:{text}", page, line, text, f"the example {text!r}"))
    return facts


def project_facts(root: Path | str = ROOT) -> list[Fact]:
    """Every fact `make upstream` checks, in a stable order."""
    root = Path(root)
    return label_facts(root) + simulator_facts(root) + placetel_facts(root) + model_facts(root)
