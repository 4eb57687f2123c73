"""Compare the simulator's seeded defaults (SEEDED_CONFIG, SEEDED_INTEGRATION, SEEDED_TOKEN_LENGTH) with
the Placetel settings Zammad's db/seeds/settings.rb creates, and check that the simulator treats a
fresh installation the way Zammad's controller does (configured or not)."""

from __future__ import annotations

import json
import re

from placetel_tools import simulator
from placetel_tools.upstream import Result
from placetel_tools.upstream.facts import Fact
from placetel_tools.upstream.labels import unquote
from placetel_tools.upstream.sources import Upstream

TOKEN = re.compile(r"SecureRandom\.urlsafe_base64\(\s*(\d+)\s*\)")


class RubyLiteralError(ValueError):
    pass


def ruby_literal(text: str):
    """A Ruby literal of hashes, arrays, strings, symbols, numbers, true/false/nil as Python."""
    tokens = re.findall(
        r"""\s*(=>|[{}\[\],]|'(?:\\.|[^'])*'|"(?:\\.|[^"])*"|\w+:(?!:)|:\w+|-?\d+(?:\.\d+)?|true|false|nil|\S)""",
        text,
    )
    position = 0

    def take():
        nonlocal position
        if position >= len(tokens):
            raise RubyLiteralError("unexpected end")
        position += 1
        return tokens[position - 1]

    def value():
        token = take()
        if token == "{":
            result = {}
            while tokens[position] != "}":
                key = take()
                if key.endswith(":") and key[0] not in "'\"":
                    name = key[:-1]
                else:
                    position_key = scalar(key)
                    if take() != "=>":
                        raise RubyLiteralError(f"=> expected after {key}")
                    name = position_key
                result[name] = value()
                if tokens[position] == ",":
                    take()
            take()
            return result
        if token == "[":
            result = []
            while tokens[position] != "]":
                result.append(value())
                if tokens[position] == ",":
                    take()
            take()
            return result
        return scalar(token)

    def scalar(token):
        if token[0] in "'\"":
            return unquote(token[1:-1])
        if token.startswith(":"):
            return token[1:]
        if token in ("true", "false", "nil"):
            return {"true": True, "false": False, "nil": None}[token]
        if re.fullmatch(r"-?\d+", token):
            return int(token)
        raise RubyLiteralError(f"not a literal: {token}")

    result = value()
    if position != len(tokens):
        raise RubyLiteralError(f"more after the literal: {tokens[position]}")
    return result


def setting(text: str, name: str) -> tuple[str, int] | None:
    """(the state: expression, its line) of the Setting named ``name`` in the seeds' text."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.search(rf"name:\s*(['\"]){name}\1", line):
            for j in range(i + 1, min(i + 40, len(lines))):
                if re.match(r"\s*name:", lines[j]):
                    break
                state = re.match(r"\s*state:\s*(.*?),?\s*$", lines[j])
                if state:
                    return state.group(1), j + 1
    return None


def blank(value) -> bool:
    """Ruby on Rails' blank?: nil, false, empty or white-space strings, empty hashes and arrays."""
    if value is None or value is False:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list | dict) and not value


def compare(facts: list[Fact], zammad: Upstream) -> Result:
    result = Result("seeds")
    by_id = {fact.id: fact for fact in facts}
    seeds = zammad.files["seeds"]
    where = lambda line: zammad.where("seeds", line)  # noqa: E731
    for setting_name in ("placetel_config", "placetel_integration", "placetel_token"):
        fact = by_id[f"seeded:{setting_name}"]
        result.compared += 1
        found = setting(seeds, setting_name)
        if found is None:
            result.differ(
                fact.path,
                fact.line,
                f"{where(0)} creates no setting {setting_name!r} any more",
                "find where Zammad sets it now",
                fact.id,
            )
            continue
        state, line = found
        name = fact.about.split()[0]
        if setting_name == "placetel_token":
            match = TOKEN.search(state)
            if not match:
                result.differ(
                    fact.path,
                    fact.line,
                    f"Zammad's token is {state} now ({where(line)})",
                    f"describe the new token in {name} and on the pages",
                    fact.id,
                )
                continue
            length = (4 * int(match.group(1)) + 2) // 3  # base64 without padding
            if fact.value != length:
                result.differ(
                    fact.path,
                    fact.line,
                    f"{name} is {fact.value!r}; Zammad's token, {match.group()}, has {length} characters "
                    f"({where(line)})",
                    f"set {name} to {length}",
                    fact.id,
                )
            continue
        try:
            seeded = ruby_literal(state)
        except (RubyLiteralError, IndexError) as error:
            result.differ(
                fact.path,
                fact.line,
                f"Zammad seeds {setting_name} as {state} ({where(line)}), which this "
                f"check cannot read ({error})",
                "read the seed yourself and update this check",
                fact.id,
            )
            continue
        if fact.value is None:
            result.differ(
                fact.path,
                fact.line,
                f"the simulator has no {name}; Zammad seeds {setting_name} as "
                f"{json.dumps(seeded)} ({where(line)})",
                f"add {name} = {_python(seeded)} to placetel_tools/simulator.py",
                fact.id,
            )
        elif fact.value != seeded:
            result.differ(
                fact.path,
                fact.line,
                f"{name} is {json.dumps(fact.value)}; Zammad seeds {setting_name} as "
                f"{json.dumps(seeded)} ({where(line)})",
                f"set {name} to {_python(seeded)}",
                fact.id,
            )
        if setting_name == "placetel_config" and fact.value is not None:
            result.compared += 1
            configured = _zammad_configured(zammad, seeded)
            status, _ = simulator.Simulator(simulator.EXAMPLE_TOKEN, fact.value).answer(
                simulator.EXAMPLE_TOKEN, {"event": "IncomingCall", "call_id": "seed", "from": "1", "to": "2"}
            )
            ours = status != 422
            if configured is not None and ours != configured:
                result.differ(
                    fact.path,
                    fact.line,
                    f"with {name} the simulator answers a fresh installation {status}; Zammad's "
                    f"controller finds it {'configured' if configured else 'not configured'} "
                    f"({zammad.where('controller')})",
                    "treat the seeded settings as Zammad does",
                    fact.id,
                )
    return result


def _zammad_configured(zammad: Upstream, config) -> bool | None:
    """Whether Zammad's check_configured lets ``config`` pass: the parts its blank? test names."""
    text = zammad.files["controller"]
    test = re.search(r"if\s+(config_integration\.blank\?.*)$", text, re.M)
    if not test:
        return None
    parts = re.findall(r"config_integration\[:(\w+)\]\.blank\?", test.group(1))
    return not blank(config) and not any(blank(config.get(part)) for part in parts)


def _python(value) -> str:
    return repr(value)
