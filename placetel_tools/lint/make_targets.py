"""Check that every `make TARGET` a writer or CI is told to run exists in the Makefile and is
listed by `make help` (a rule with a `## what it does` comment).

Used by `make lint-ci-config`."""

# Usage: python -m placetel_tools.lint.make_targets MAKEFILE FILE ...   (exit 1 on any problem)
#
# FILE is a text that names commands: README.md, .ci/run, a workflow, .readthedocs.yaml. A
# command is `make` at the start of a line or after a backtick, `&&` or `run:`, followed by
# its targets on that line (options and VAR=value are skipped): `make install upstream-packages`.

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

from placetel_tools.lint.sources import report

RULE = re.compile(r"^(?P<targets>[a-z][a-z-]*(?: [a-z][a-z-]*)*):(?!=)(?P<rest>.*)$")
VALUE = r"(?:\"[^\"]*\"|'[^']*'|[^\s`]*)"  # of VAR=value, quoted or not
WORD = rf"(?:-[^\s`]+|[A-Z_]+={VALUE}|[a-z][a-z-]*\b)"  # an option, VAR=value or a target
COMMAND = re.compile(rf"(?:^|`|&&|run:)[ \t]*make((?:[ \t]+{WORD})+)", re.M)


def rules(makefile: Path) -> dict[str, bool]:
    """{target: listed by `make help`} for every rule of the Makefile."""
    found: dict[str, bool] = {}
    for line in makefile.read_text(encoding="utf-8").splitlines():
        match = RULE.match(line)
        if match:
            for target in match["targets"].split():
                found[target] = found.get(target, False) or "## " in match["rest"]
    return found


def named_targets(path: Path) -> Iterator[tuple[int, str]]:
    """(line, target) for every make target the text tells someone to run."""
    text = path.read_text(encoding="utf-8")
    for match in COMMAND.finditer(text):
        line = text.count("\n", 0, match.start(1)) + 1
        for word in match[1].split():
            if re.fullmatch(r"[a-z][a-z-]*", word):
                yield line, word


def problems(makefile: Path, texts: list[Path]) -> Iterator[str]:
    known = rules(makefile)
    for path in texts:
        for line, target in named_targets(path):
            if target not in known:
                yield f"{path}:{line}: `make {target}` names no rule of {makefile} — add it or fix it"
            elif not known[target]:
                yield (
                    f"{path}:{line}: `make {target}` is not listed by `make help` — "
                    f"give its rule in {makefile} a `## what it runs` comment"
                )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m placetel_tools.lint.make_targets", description=__doc__)
    parser.add_argument("makefile", type=Path)
    parser.add_argument("texts", type=Path, nargs="+", metavar="FILE")
    args = parser.parse_args(argv)
    return report(problems(args.makefile, args.texts))


if __name__ == "__main__":
    raise SystemExit(main())
