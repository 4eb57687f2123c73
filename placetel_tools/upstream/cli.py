"""The command line of `make upstream`: read the upstream files, run every comparison, print each
difference as `path:line: what differs — what to do`, write docs/upstream.json.

Exit status: 0 everything agrees, 1 any difference, 2 a source cannot be read (named)."""

# Usage: python -m placetel_tools.upstream [--zammad DIR] [--placetel DIR]
#            [--zammad-ref REF] [--placetel-ref REF] [--record FILE | --no-record] [--texts N]
#
# Without --zammad, Zammad's files are downloaded from GitHub at REF (default: its
# newest release tag); without --placetel, Placetel's README from its default
# branch. With a folder, REF only names what the folder holds (git tells it for a
# checkout). The record is written unless a source cannot be read.

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from placetel_tools.upstream import endpoint, labels, model, placetel, record, seeds, sources
from placetel_tools.upstream.facts import ROOT, project_facts


def run(zammad: sources.Upstream, placetel_api: sources.Upstream, texts: int = model.TEXTS):
    """(facts, results) of every comparison."""
    facts = project_facts(ROOT)
    results = [
        *labels.compare(facts, zammad),
        *endpoint.compare(facts, zammad),
        seeds.compare(facts, zammad),
        model.compare(facts, zammad, count=texts),
        *placetel.compare(facts, placetel_api),
    ]
    return facts, results


def describe(upstream: sources.Upstream) -> str:
    commit = (upstream.commit or "")[:12]
    return f"{upstream.repo} {upstream.ref}" + (f" ({commit})" if commit else "") + f" from {upstream.origin}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m placetel_tools.upstream",
        description="Check the project's labels, simulator, caller-ID model and Placetel facts against "
        "Zammad's and Placetel's sources; write the record docs/upstream.json.",
    )
    parser.add_argument(
        "--zammad", metavar="DIR", help="a local tree laid out like zammad/zammad (default: GitHub)"
    )
    parser.add_argument(
        "--placetel", metavar="DIR", help="a local tree laid out like Placetel/call-control-notify-api"
    )
    parser.add_argument(
        "--zammad-ref", metavar="REF", help="Zammad tag or branch (default: the newest release)"
    )
    parser.add_argument(
        "--placetel-ref", metavar="REF", help="Placetel's branch (default: its default branch)"
    )
    parser.add_argument("--record", type=Path, default=ROOT / record.RECORD, help=f"default: {record.RECORD}")
    parser.add_argument("--no-record", action="store_true", help="write no record")
    parser.add_argument(
        "--texts", type=int, default=model.TEXTS, help=f"random texts for the model (default: {model.TEXTS})"
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        github = None if args.zammad and args.placetel else sources.GitHub()
        zammad = sources.zammad(args.zammad, args.zammad_ref, github)
        placetel_api = sources.placetel(args.placetel, args.placetel_ref, github)
        facts, results = run(zammad, placetel_api, args.texts)
    except sources.SourceError as error:
        print(f"make upstream: {error}", file=sys.stderr)
        return 2
    for result in results:
        for difference in result.differences:
            print(difference)
    print(f"Zammad: {describe(zammad)}, VERSION {zammad.files['version'].strip()}")
    print(f"Placetel: {describe(placetel_api)}")
    for result in results:
        print(f"  {result.name:21} {result.compared:6} compared, {len(result.differences)} differ")
        for note in result.notes:
            print(f"  {'':21} {note}")
    differences = sum(len(result.differences) for result in results)
    if not args.no_record:
        args.record.write_text(
            record.dump(record.build(facts, results, zammad, placetel_api)), encoding="utf-8"
        )
        print(f"Wrote {args.record}.")
    verdict = "everything agrees" if not differences else f"{differences} differences"
    print(f"make upstream: {verdict} ({time.monotonic() - started:.1f} s).")
    return 1 if differences else 0
