"""Compare the events, request fields, hang-up types and answers the project documents with Placetel's
API description (Placetel/call-control-notify-api, README.md)."""

# Read from Placetel's README: the parameter tables of "Our POST request" (one per
# event: `event` | `"IncomingCall"`, then the other fields), the table under
# "Hangup types", the action table of "Your XML response" ([Forward](#forward) | …)
# and the reasons the `reason` attribute of Reject allows.
#
# The project's side: the simulator's EVENTS, HANGUP_TYPES, PLACETEL_ANSWERS and its
# Reject answer; the request fields table of docs/endpoint.rst. A field that table
# documents although Placetel does not list it passes when its row says so (names
# Placetel and says "not").

from __future__ import annotations

import re

from placetel_tools.upstream import Result
from placetel_tools.upstream.facts import ENDPOINT_PAGE, Fact
from placetel_tools.upstream.sources import Upstream

TABLE_ROW = re.compile(r"^\s*\[?`?([\w]+)`?\]?(?:\([^)]*\))?\s*\|\s*(.*)$")
NOT_FROM_PLACETEL = re.compile(
    r"\bPlacetel\b.*\b(?:not|never|n't)\b|\b(?:not|never|n't)\b.*\bPlacetel\b", re.I
)


def tables(text: str) -> list[dict]:
    """Every Markdown table of the README: {"header", "section", "rows": [(first cell, rest, line)]}."""
    found, section = [], ""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#"):
            section = line.lstrip("#").strip()
        if "|" in line and i + 1 < len(lines) and re.match(r"^\s*-+\s*\|", lines[i + 1]):
            table = {"header": line.split("|")[0].strip(), "section": section, "rows": []}
            i += 2
            while i < len(lines) and "|" in lines[i]:
                match = TABLE_ROW.match(lines[i])
                if match:
                    table["rows"].append((match.group(1), match.group(2), i + 1))
                i += 1
            found.append(table)
            continue
        i += 1
    return found


def readme(text: str) -> dict:
    """What Placetel's README states: {"events", "fields", "hangup_types", "answers", "reasons"},
    each {name: line}."""
    found: dict[str, dict[str, int]] = {
        key: {} for key in ("events", "fields", "hangup_types", "answers", "reasons")
    }
    for table in tables(text):
        if table["header"] == "Parameter":
            for name, rest, line in table["rows"]:
                found["fields"].setdefault(name, line)
                if name == "event":
                    for event in re.findall(r'`"(\w+)"`', rest):
                        found["events"].setdefault(event, line)
        elif table["header"] == "Type" and "hangup" in table["section"].lower():
            for name, _, line in table["rows"]:
                found["hangup_types"].setdefault(name, line)
        elif table["header"] == "Action":
            for name, _, line in table["rows"]:
                found["answers"].setdefault(name, line)
        elif table["header"] == "Attribute" and table["section"].lower() == "reject":
            for name, rest, line in table["rows"]:
                if name == "reason":
                    for reason in re.findall(r'`"(\w+)"`', rest):
                        found["reasons"].setdefault(reason, line)
    return found


def compare(facts: list[Fact], placetel: Upstream) -> list[Result]:
    stated = readme(placetel.files["readme"])
    where = lambda line: placetel.where("readme", line)  # noqa: E731
    results = []
    for kind, key, name, noun in (
        ("event", "events", "EVENTS", "event"),
        ("field", "fields", None, "request field"),
        ("hangup-type", "hangup_types", "HANGUP_TYPES", "hang-up type"),
        ("answer", "answers", "PLACETEL_ANSWERS", "answer"),
    ):
        result = Result("placetel-" + key.replace("_", "-"))
        ours = [fact for fact in facts if fact.id.startswith(f"placetel:{kind}:")]
        theirs = stated[key]
        mine = {fact.id.split(":", 2)[2]: fact for fact in ours}
        anchor = ours[0] if ours else None
        for value, fact in mine.items():
            result.compared += 1
            if value in theirs:
                continue
            if kind == "field" and NOT_FROM_PLACETEL.search(str(fact.value)):
                continue
            if kind == "field":
                todo = "say in its row that Placetel's description does not list it, or drop the row"
            else:
                todo = f"drop {value!r} from {name} and the pages, or find what replaced it"
            result.differ(
                fact.path,
                fact.line,
                f"{noun} {value!r} is not in Placetel's API description ({where(None)})",
                todo,
                fact.id,
            )
        for value, line in theirs.items():
            if value in mine:
                continue
            result.compared += 1
            path, at = (anchor.path, anchor.line) if anchor else (ENDPOINT_PAGE, 1)
            place = f"{name} and the pages" if name else f"the fields table of {ENDPOINT_PAGE}"
            result.differ(
                path,
                at,
                f"Placetel's API description has the {noun} {value!r} ({where(line)}), the project does not",
                f"add it to {place}",
                anchor.id if anchor else "",
            )
        results.append(result)
    # The simulator's Reject answer: an answer Placetel acts on, with a reason it allows.
    reject = next((fact for fact in facts if fact.id == "answer:reject"), None)
    if reject is not None:
        result = Result("placetel-reject")
        result.compared += 1
        reason = (reject.value.get("attributes") or {}).get("reason")
        if "Reject" not in stated["answers"]:
            result.differ(
                reject.path,
                reject.line,
                f"Placetel no longer lists Reject ({where(None)})",
                "say on the pages what blocking does now",
                reject.id,
            )
        elif reason is not None and reason not in stated["reasons"]:
            allowed = ", ".join(stated["reasons"]) or "none"
            result.differ(
                reject.path,
                reject.line,
                f"Zammad rejects with reason={reason!r}, Placetel allows {allowed} "
                f"({where(next(iter(stated['reasons'].values()), None))})",
                "say on the pages what Placetel does with it",
                reject.id,
            )
        results.append(result)
    return results
