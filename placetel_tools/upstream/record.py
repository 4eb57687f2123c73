"""docs/upstream.json, the record of the last `make upstream`: which Zammad and Placetel files (refs,
commits, Zammad's VERSION and catalogue revision), when, what was compared, the result, and one
digest per fact. `make lint` runs this module as a command: it names every fact added or changed
since the record was written (not yet checked against upstream) and every fact that differed then,
the way the link record treats links it has not verified."""

# Usage: python -m placetel_tools.upstream.record [--record FILE]   (exit 1 on any problem)
#
# The record carries a digest of its own content, so a hand edit is detected. Keys
# other tools read (the pages' version statement): checked, zammad.version,
# zammad.ref, zammad.commit, zammad.po_revision, placetel.ref, placetel.commit,
# result.

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

from placetel_tools.upstream import Result
from placetel_tools.upstream.facts import ROOT, Fact, digest, project_facts
from placetel_tools.upstream.labels import read_po

RECORD = "docs/upstream.json"
ABOUT = (
    "Written by `make upstream` (placetel_tools.upstream); never edit it by hand: `make lint` rejects a "
    "record whose digest does not match, and names every fact changed since it was written."
)
RERUN = f"run `make upstream` and commit {RECORD}"


def build(facts: list[Fact], results: list[Result], zammad, placetel, today: str | None = None) -> dict:
    """The record for one run: ``zammad``/``placetel`` are sources.Upstream with their files read."""
    differing = {d.fact for result in results for d in result.differences if d.fact}
    _, header = read_po(zammad.files["catalogue"])
    record = {
        "about": ABOUT,
        "checked": today or datetime.datetime.now(datetime.UTC).date().isoformat(),
        "zammad": {
            **zammad.record(),
            "version": zammad.files["version"].strip(),
            "po_revision": header.get("PO-Revision-Date", ""),
        },
        "placetel": placetel.record(),
        "checks": {
            result.name: {"compared": result.compared, "differences": len(result.differences)}
            for result in results
        },
        "result": "differ" if any(result.differences for result in results) else "agree",
        "facts": {
            fact.id: {"digest": fact.digest, "result": "differ" if fact.id in differing else "agree"}
            for fact in facts
        },
    }
    record["digest"] = digest({key: value for key, value in record.items() if key != "digest"})
    return record


def dump(record: dict) -> str:
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def load(path: Path) -> tuple[dict | None, str | None]:
    """(record, problem or None); (None, problem) when there is none or it cannot be read."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        stored = record["digest"]
        if not isinstance(record["facts"], dict) or not record["checked"]:
            raise TypeError("no facts or no date")
    except FileNotFoundError:
        return None, "there is no upstream record"
    except (ValueError, KeyError, TypeError) as error:
        return None, f"the record is not valid ({error})"
    if stored != digest({key: value for key, value in record.items() if key != "digest"}):
        return record, "the record was edited by hand (its digest does not match)"
    return record, None


def problems(root: Path = ROOT, record_path: Path | None = None) -> list[str]:
    """'path:line: what — what to do' for each fact the record does not vouch for."""
    record_path = record_path or root / RECORD
    shown = RECORD if record_path == root / RECORD else str(record_path)
    record, problem = load(record_path)
    found = []
    if problem:
        found.append(f"{shown}:1: {problem} — {RERUN}")
    if record is None:
        return found
    checked = record["checked"]
    vouched = record["facts"]
    if record.get("result") != "agree" and all(entry.get("result") == "agree" for entry in vouched.values()):
        found.append(
            f"{shown}:1: `make upstream` found differences when it ran ({checked}) — fix them as it says, "
            f"then {RERUN}"
        )
    for fact in project_facts(root):
        entry = vouched.get(fact.id)
        if entry is None:
            found.append(
                f"{fact.path}:{fact.line}: {fact.about} is new since `make upstream` ran ({checked}): "
                f"not yet checked against upstream — {RERUN}"
            )
        elif entry.get("digest") != fact.digest:
            found.append(
                f"{fact.path}:{fact.line}: {fact.about} changed since `make upstream` ran ({checked}): "
                f"not yet checked against upstream — {RERUN}"
            )
        elif entry.get("result") != "agree":
            found.append(
                f"{fact.path}:{fact.line}: {fact.about} differed from upstream when `make upstream` ran "
                f"({checked}) — fix it as `make upstream` says, then {RERUN}"
            )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m placetel_tools.upstream.record",
        description=f"Name every fact {RECORD} does not vouch for: new, changed, or differing from upstream.",
    )
    parser.add_argument("--record", type=Path, help=f"the record (default: {RECORD})")
    args = parser.parse_args(argv)
    found = problems(ROOT, args.record)
    for problem in found:
        print(problem)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
