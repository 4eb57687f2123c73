"""Run every ``.. code-block:: console`` example of the pages against the simulator and compare its
output with the page.

Used by `make doctest` (English, then each translation with --language)."""

# Usage: python -m placetel_tools.examples.console [FILE.rst ...]   (default: doctests/*.rst docs/*.rst)
#        python -m placetel_tools.examples.console --language LANG
#
# With --language, the translated console blocks of locale/LANG/LC_MESSAGES/*.po
# run instead (the check tool's examples: the tool answers in the reader's
# language, so the page shows its translated output): each with LANG=LANG_…
# set the way a reader's terminal sets it, in the situation its English block
# has, compared with the translation.
#
# A console block holds commands (lines starting with "$ ", continued by a
# trailing "\") each followed by the output the page promises. Each command
# runs verbatim with bash in placetel_tools/, the folder of check.py (which the
# pages offer for download, so readers run it from the folder they saved it
# in), with the active virtual environment's bin/ first on PATH, after
# https://zammad.example.com is replaced by the address of a simulator on
# 127.0.0.1; the output (stdout and stderr) gets the address replaced back
# before it is compared.
#
# The situation is chosen by a comment line before the blocks and holds for
# the rest of the file; each file starts with "enabled" and an empty caller log:
#     .. simulator: enabled | disabled | unconfigured | config=NAME.json (in doctests/)

import difflib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from placetel_tools.examples.doctest_env import DEFAULT
from placetel_tools.lint import po
from placetel_tools.simulator import Server, make_app

ROOT = Path(__file__).resolve().parents[2]
HOST = "https://zammad.example.com"
TIMEOUT = 60  # seconds per command
SITUATION = re.compile(r"\s*\.\. simulator:\s*(\S*)\s*$")
CONSOLE = re.compile(r"(\s*)\.\. code-block::\s*console\s*$")


class Problem(Exception):
    """A page that cannot be run as written: ``path:line: message``."""


def examples(path, root):
    """Yield (line, situation, command, expected output lines) for each command in ``path``'s
    console blocks."""
    for _, situation, block in blocks(path, root):
        yield from _commands(block, situation)


def blocks(path, root):
    """Yield (line, situation, [(line, text)...]) for each console block of ``path``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    situation, i = "enabled", 0
    while i < len(lines):
        if match := SITUATION.match(lines[i]):
            situation = match.group(1)
            if not re.fullmatch(r"enabled|disabled|unconfigured|config=[\w.-]+\.json", situation):
                raise Problem(
                    f"{_name(path, root)}:{i + 1}: unknown simulator situation {situation!r}"
                    " — write enabled, disabled, unconfigured or config=NAME.json"
                )
        match = CONSOLE.match(lines[i])
        start = i + 1
        i += 1
        if not match:
            continue
        block = []  # (line number, text) of the block's content, options and blank edges skipped
        while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) > len(match.group(1))):
            if block or (lines[i].strip() and not lines[i].strip().startswith(":")):
                block.append((i + 1, lines[i]))
            i += 1
        while block and not block[-1][1].strip():
            block.pop()
        margin = min((_indent(text) for _, text in block if text.strip()), default=0)
        yield start, situation, [(number, text[margin:].rstrip()) for number, text in block]


def translated_examples(language, root):
    """Yield (where, situation, command, expected output lines) for each translated console block of
    ``language``: the block's msgstr, run in the situation of its English block."""
    english = {}  # (source file, the block's text) -> situation
    for message in po.translated([root / "locale" / language / "LC_MESSAGES"]):
        if not message.msgid.lstrip().startswith("$ "):
            continue  # a paragraph, not a console block
        file = root / message.source.rsplit(":", 1)[0]
        if file not in english:
            english[file] = {
                "\n".join(text for _, text in block).strip(): situation
                for _, situation, block in blocks(file, root)
            }
        situation = english[file].get(message.msgid.strip())
        if situation is None:
            raise Problem(
                f"{message.where()}: the English block of this message is not in "
                f"{message.source} — run make translations"
            )
        block = [(message.line, text.rstrip()) for text in message.msgstr.strip("\n").splitlines()]
        for _, situation_, command, expected in _commands(block, situation):
            yield message.where(), situation_, command, expected


def _commands(block, situation):
    j = 0
    while j < len(block):
        number, text = block[j]
        if not text.startswith("$ "):
            j += 1  # output before the first command: a block that shows no command
            continue
        command = [text[2:]]
        while command[-1].endswith("\\") and j + 1 < len(block):
            j += 1
            command.append(block[j][1])
        expected = []
        while j + 1 < len(block) and not block[j + 1][1].startswith("$ "):
            j += 1
            expected.append(block[j][1])
        while expected and not expected[-1]:  # a blank line between commands is layout, not output
            expected.pop()
        yield number, situation, "\n".join(command), expected
        j += 1


def _indent(text):
    return len(text) - len(text.lstrip())


def _name(path, root):
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)


def _app(situation, root, where):
    if situation == "disabled":
        return make_app(config=DEFAULT, enabled=False)
    if situation == "unconfigured":
        return make_app(config={})
    if situation.startswith("config="):
        file = root / "doctests" / situation[len("config=") :]
        try:
            return make_app(config=json.loads(file.read_text(encoding="utf-8")))
        except (OSError, ValueError) as error:
            raise Problem(
                f"{where}: cannot use {_name(file, root)} ({error})"
                " — name a placetel_config JSON file in doctests/"
            ) from None
    return make_app(config=DEFAULT)


def environment(language=None):
    """The environment commands run in: offline but for loopback, the reader's language."""
    # Every address but loopback goes to a proxy on the closed port 9 and fails at once:
    # an example that names a real host must fail here, not reach the internet.
    proxy = {
        name: "http://127.0.0.1:9"
        for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")
    }
    env = dict(
        os.environ,
        PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
        NO_PROXY="127.0.0.1,localhost",
        no_proxy="127.0.0.1,localhost",
        LC_ALL="C.UTF-8",
        TZ="UTC",
        **proxy,
    )
    if language:  # as a reader's terminal: LANG only (LC_ALL of a locale not installed makes bash warn)
        for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
            env.pop(name, None)
        env.update(LANG=f"{language}_{language.upper()}.UTF-8", PYTHONUTF8="1")
    return env


def run(files, root=ROOT, language=None):
    """Run the examples of ``files`` (of ``language``'s catalogues, if given); return (problems, count)."""
    env = environment(language)
    problems, count = [], 0
    with Server(make_app(config=DEFAULT)) as server:
        sources = [None] if language else files
        for path in sources:
            current = None
            try:
                if language:
                    found = translated_examples(language, root)
                else:
                    found = (
                        (f"{_name(path, root)}:{number}", *rest) for number, *rest in examples(path, root)
                    )
                for where, situation, command, expected in found:
                    if situation != current:  # a new situation starts with an empty caller log
                        server.app, current = _app(situation, root, where), situation
                    count += 1
                    problem = _check(where, command, expected, server.url, root, env)
                    if problem:
                        problems.append(problem)
            except Problem as problem:
                problems.append(str(problem))
    return problems, count


def _check(where, command, expected, url, root, env):
    try:
        proc = subprocess.run(
            ["bash", "-c", command.replace(HOST, url)],
            cwd=root / "placetel_tools",
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return f"{where}: the command did not finish within {TIMEOUT} s — fix the page or the command"
    actual = [line.rstrip() for line in proc.stdout.replace(url, HOST).rstrip("\n").splitlines()]
    if actual == expected:
        return None
    diff = difflib.unified_diff(expected, actual, f"{where} (the page)", "actual output", lineterm="")
    return f"{where}: output differs from the page — fix the page or the simulator\n" + "\n".join(
        "    " + line for line in diff
    )


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    language = None
    if argv[:1] == ["--language"]:
        if len(argv) != 2:
            print("usage: python -m placetel_tools.examples.console --language LANG", file=sys.stderr)
            return 2
        language, argv = argv[1], []
    files = [Path(name) for name in argv] or sorted((ROOT / "doctests").glob("*.rst")) + sorted(
        (ROOT / "docs").glob("*.rst")
    )
    problems, count = run(files, language=language)
    for problem in problems:
        print(problem)
    what = f"translated console examples ({language})" if language else "console examples"
    if problems:
        print(f"{what}: {len(problems)} of {count} commands do not run as shown")
        return 1
    where = f"locale/{language}" if language else f"{len(files)} files"
    print(f"{what}: {count} commands in {where} ran as shown")
    return 0


if __name__ == "__main__":
    sys.exit(main())
