"""Run Zammad's own extract_numbers and normalize_number (app/models/cti/caller_id.rb) in Debian's ruby:
only those two methods and the DEFAULT_COUNTRY_ID they use are cut out of the file and evaluated in
a tiny harness, nothing of Rails. One ruby process answers every text."""

# The harness reads one JSON string a line on stdin and prints, for each, one JSON
# line: [the runs extract_numbers' scan finds, what extract_numbers returns].
# RUBY names the interpreter (default: ruby).

from __future__ import annotations

import json
import os
import re
import subprocess

from placetel_tools.upstream.sources import SourceError

METHODS = ("extract_numbers", "normalize_number")
HARNESS = """\
require 'json'
$stdout.sync = false
module ZammadCallerId
{constant}
{methods}
  def self.runs(text)
    text.scan({scan}).map {{ |match| match[0] }}
  end
end
STDIN.each_line do |line|
  text = JSON.parse(line)
  puts JSON.generate([ZammadCallerId.runs(text), ZammadCallerId.extract_numbers(text)])
end
"""


class ExtractError(Exception):
    """caller_id.rb no longer has what the harness needs; the message says what is missing."""


def method(text: str, name: str) -> tuple[str, int]:
    """The source of ``def self.NAME`` up to its ``end`` (same indentation), and its first line."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        match = re.match(rf"^(\s*)def\s+self\.{name}\b", line)
        if match:
            for j in range(i + 1, len(lines)):
                if re.match(rf"^{match.group(1)}end\b", lines[j]):
                    return "\n".join(lines[i : j + 1]), i + 1
            break
    raise ExtractError(f"no method self.{name}")


def extract(text: str) -> dict:
    """{"constant": line, "methods": {name: (source, line)}, "scan": the regexp extract_numbers scans
    with} of caller_id.rb's text."""
    constant = re.search(r"^\s*DEFAULT_COUNTRY_ID\s*=.*$", text, re.M)
    if not constant:
        raise ExtractError("no DEFAULT_COUNTRY_ID")
    methods = {name: method(text, name) for name in METHODS}
    scan = re.search(r"\.scan\((.*)\)\.map", methods["extract_numbers"][0])
    if not scan:
        raise ExtractError("extract_numbers no longer scans the text")
    return {
        "constant": (constant.group().strip(), text.count("\n", 0, constant.start()) + 1),
        "methods": methods,
        "scan": scan.group(1),
    }


def harness(parts: dict) -> str:
    return HARNESS.format(
        constant="  " + parts["constant"][0],
        methods="\n".join(source for source, _ in parts["methods"].values()),
        scan=parts["scan"],
    )


def run(script: str, texts: list[str], timeout: int = 120) -> list[tuple[list[str], list[str]]]:
    """[(runs, extract_numbers result)] for each text, from one ruby process."""
    ruby = os.environ.get("RUBY", "ruby")
    stdin = "".join(json.dumps(text) + "\n" for text in texts)
    try:
        proc = subprocess.run(
            [ruby, "-e", script], input=stdin, capture_output=True, text=True, timeout=timeout, check=False
        )
    except FileNotFoundError:
        raise SourceError(
            f"{ruby}: not found — install Debian's ruby (apt-get install -y ruby; make test does it as root)"
        ) from None
    except subprocess.TimeoutExpired:
        raise SourceError(f"{ruby}: no answer within {timeout} s to Zammad's number functions") from None
    if proc.returncode != 0:
        error = proc.stderr.strip().splitlines()
        raise ExtractError(
            "ruby failed on Zammad's functions: " + (error[0] if error else f"exit {proc.returncode}")
        )
    lines = proc.stdout.splitlines()
    if len(lines) != len(texts):
        raise ExtractError(f"ruby answered {len(lines)} of {len(texts)} texts")
    return [tuple(json.loads(line)) for line in lines]
