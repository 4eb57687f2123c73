"""Compare the simulator's answers (error texts, statuses, XML answers, content type), the order of its
checks and its route with Zammad's Placetel controller and route."""

# What is read from Zammad's controller (placetel_controller.rb):
#
#   * the order of checks: the methods of `before_action`, in order, each
#     answering with response_error/response_unauthorized(__('text')) in the
#     order they appear (check_configured: disabled, then not configured;
#     check_token), then the `event` action's answers for result[:action]
#     ('reject', 'set_caller_id', 'invalid_direction') and its final response_ok;
#   * each response_* method's status: xml_error(error, 422) or 200 when
#     send_data names none; its XML: the element built inside xml.Response(),
#     with its literal attributes, nested elements and dynamic attribute names;
#   * the content type given to send_data.
#
# The simulator's order is probed (facts.error_order): which answer wins when two
# situations meet. The event action's answers exclude each other, so only the
# four error answers are ordered; the event's XML answers are compared by kind.

from __future__ import annotations

import re

from placetel_tools.upstream import Result
from placetel_tools.upstream.facts import Fact
from placetel_tools.upstream.labels import unquote
from placetel_tools.upstream.sources import Upstream

CALL = re.compile(r"\b(response_\w+)\(\s*(?:__\(\s*(['\"])((?:\\.|(?!\2).)*)\2\s*\))?")
ACTION = re.compile(r"result\[:action\]\s*==\s*(['\"])(\w+)\1")
DEF = re.compile(r"^(\s*)def\s+(\w+)")
XML_ELEMENT = re.compile(r"xml\.(\w+)\(([^)]*)\)")
ATTRIBUTE = re.compile(r"(\w+):\s*(?:(['\"])((?:\\.|(?!\2).)*)\2|[^,)}]+)")
KINDS = {"reject": "reject", "set_caller_id": "dial", "invalid_direction": "INVALID_DIRECTION"}
NO_ELEMENT = {"element": None, "attributes": {}, "children": []}


def methods(text: str) -> dict[str, tuple[int, list[str]]]:
    """{name: (line of its def, its lines with their numbers as (number, text))} of a Ruby class."""
    lines = text.splitlines()
    found = {}
    for i, line in enumerate(lines):
        match = DEF.match(line)
        if not match:
            continue
        indent, body = match.group(1), []
        for j in range(i + 1, len(lines)):
            if re.match(rf"^{indent}end\b", lines[j]):
                break
            body.append((j + 1, lines[j]))
        found[match.group(2)] = (i + 1, body)
    return found


def status_of(body: list[tuple[int, str]]) -> int:
    """The HTTP status a response method sends: xml_error(x, NNN) or status: NNN, else 200."""
    for _, line in body:
        match = re.search(r"xml_error\(\s*\w+\s*,\s*(\d{3})\s*\)|status:\s*(\d{3})", line)
        if match:
            return int(match.group(1) or match.group(2))
    return 200


def xml_of(body: list[tuple[int, str]]) -> dict:
    """The element a response method builds inside xml.Response(): name, literal attributes (a
    dynamic one as its name only), nested elements."""
    elements = []
    for _, line in body:
        for match in XML_ELEMENT.finditer(line):
            if match.group(1) not in ("instruct!", "Response"):
                attributes = {}
                for attribute in ATTRIBUTE.finditer(match.group(2)):
                    attributes[attribute.group(1)] = (
                        unquote(attribute.group(3)) if attribute.group(2) else None
                    )
                elements.append((match.group(1), attributes))
    if not elements:
        return dict(NO_ELEMENT)
    (name, attributes), children = elements[0], [child for child, _ in elements[1:]]
    return {"element": name, "attributes": attributes, "children": children}


def delegate(body: list[tuple[int, str]], known: dict) -> str | None:
    """The response method a method's body ends in (response_error → xml_error)."""
    for _, line in body:
        match = re.search(r"\b(\w+)\(", line)
        if match and match.group(1) in known:
            return match.group(1)
    return None


def controller(text: str) -> dict:
    """What the controller answers: {"order": [(text, status, line)] of the before_action checks,
    "event": [(kind, method, text, status, line)], "responses": {method: (status, xml)},
    "content_types": [(type, line)], "before": line, "before_methods": [names]}."""
    found = methods(text)
    responses = {name: (status_of(body), xml_of(body)) for name, (_, body) in found.items()}
    before_line, before = 0, []
    for number, line in enumerate(text.splitlines(), 1):
        match = re.match(r"\s*before_action\s+(.*)", line)
        if match:
            before_line, before = number, re.findall(r":(\w+)", match.group(1))
    order = []
    for name in before:
        for number, line in found.get(name, (0, []))[1]:
            call = CALL.search(line)
            if call and call.group(3) is not None:
                order.append((unquote(call.group(3)), responses.get(call.group(1), (None,))[0], number))
    event, action = [], None
    for number, line in found.get("event", (0, []))[1]:
        matched = ACTION.search(line)
        if matched:
            action = matched.group(2)
        call = CALL.search(line)
        if call:
            kind = action if action else "ok"
            text_ = unquote(call.group(3)) if call.group(3) is not None else None
            status = responses.get(call.group(1), (None,))[0]
            event.append((kind, call.group(1), text_, status, number))
            action = None
    content_types = [
        (m.group(2), n)
        for n, line in enumerate(text.splitlines(), 1)
        if (m := re.search(r"type:\s*(['\"])([^'\"]+)\1", line))
    ]
    return {
        "before": before_line,
        "before_methods": before,
        "order": order,
        "event": event,
        "responses": responses,
        "content_types": content_types,
    }


def _normal_type(value: str | None) -> str:
    return re.sub(r"\s+", "", (value or "").rstrip(";")).lower()


def compare_answers(facts: list[Fact], zammad: Upstream) -> list[Result]:
    """The answers check (texts and statuses), the order check and the XML answers check."""
    by_id = {fact.id: fact for fact in facts}
    parsed = controller(zammad.files["controller"])
    answers, order_check, xml_check = Result("errors"), Result("order"), Result("xml")

    def where(line):
        return zammad.where("controller", line)

    # The error answers, in the order Zammad checks them.
    zammad_errors = list(parsed["order"])
    zammad_errors += [
        (text, status, line) for kind, _, text, status, line in parsed["event"] if text is not None
    ]
    order_fact = by_id["order"]
    ours = [by_id[f"answer:{name}"] for name in order_fact.value]
    texts = {fact.value["text"]: fact for fact in ours}
    theirs = {text: (status, line) for text, status, line in zammad_errors}
    for fact in ours:
        answers.compared += 1
        text, status = fact.value["text"], fact.value["status"]
        name = fact.id.removeprefix("answer:")
        if text not in theirs:
            unmatched = [t for t, _, _ in zammad_errors if t not in texts]
            guess = unmatched[0] if len(unmatched) == 1 else None
            answers.differ(
                fact.path,
                fact.line,
                f"{name} is {text!r}; Zammad's controller answers no such text"
                + (f", it answers {guess!r} ({where(theirs[guess][1])})" if guess else f" ({where(0)})"),
                f"set {name} to Zammad's text"
                + (f" {guess!r}" if guess else "")
                + " and update the pages quoting it",
                fact.id,
            )
        elif theirs[text][0] != status:
            answers.differ(
                fact.path,
                fact.line,
                f"the simulator answers {name} with {status}, Zammad with {theirs[text][0]} "
                f"({where(theirs[text][1])})",
                f"answer {theirs[text][0]}, and write {theirs[text][0]} on the pages",
                fact.id,
            )
    # The order: Zammad's before_action checks, then the event's error; as far as both know the texts.
    order_check.compared = len(zammad_errors)
    zammad_order = [text for text, _, _ in zammad_errors if text in texts]
    our_order = [fact.value["text"] for fact in ours if fact.value["text"] in theirs]
    if zammad_order != our_order:
        first = next(i for i, (a, b) in enumerate(zip(zammad_order, our_order, strict=False)) if a != b)
        line = theirs[zammad_order[first]][1]
        names = " → ".join(texts[text].id.removeprefix("answer:") for text in zammad_order)
        order_check.differ(
            order_fact.path,
            order_fact.line,
            f"Zammad checks in the order {names} (before_action {', '.join(parsed['before_methods'])}, "
            f"{where(parsed['before'])}; {where(line)}), the simulator in the order "
            f"{' → '.join(order_fact.value)}",
            "check in Zammad's order in the simulator, and state that order on the pages",
            "order",
        )
    # The event action's XML answers, and the fallback.
    for kind, _, _, _, line in parsed["event"]:
        if kind not in KINDS and kind != "ok":
            xml_check.differ(
                order_fact.path,
                order_fact.line,
                f"Zammad's event action has an answer for result[:action] == {kind!r} ({where(line)}), "
                "the simulator has none",
                "simulate that answer and document it",
                order_fact.id,
            )
    defs = methods(zammad.files["controller"])
    for kind, fact_id in (("reject", "answer:reject"), ("set_caller_id", "answer:dial"), ("ok", "answer:ok")):
        fact = by_id[fact_id]
        xml_check.compared += 1
        entry = next((e for e in parsed["event"] if e[0] == kind), None)
        if entry is None:
            xml_check.differ(
                fact.path,
                fact.line,
                f"Zammad's event action has no {kind!r} answer any more "
                f"({where(defs.get('event', (0,))[0])})",
                "drop that answer from the simulator and the pages, or find what replaced it",
                fact_id,
            )
            continue
        status, xml = parsed["responses"].get(entry[1], (None, NO_ELEMENT))
        expected = {
            **xml,
            "attributes": sorted(xml["attributes"]) if kind == "set_caller_id" else xml["attributes"],
        }
        ours = {key: fact.value[key] for key in ("element", "attributes", "children")}
        if expected != ours or status != fact.value["status"]:
            xml_check.differ(
                fact.path,
                fact.line,
                f"the simulator's {fact_id.removeprefix('answer:')} answer is {_describe(ours)} with "
                f"{fact.value['status']}, Zammad's {entry[1]} sends {_describe(expected)} with {status} "
                f"({where(defs.get(entry[1], (0,))[0])})",
                "answer as Zammad does, and write it so on the pages",
                fact_id,
            )
    if parsed["event"] and parsed["event"][-1][0] != "ok":
        xml_check.differ(
            order_fact.path,
            order_fact.line,
            f"Zammad's event action no longer ends with response_ok ({where(parsed['event'][-1][4])})",
            "find what Zammad answers an ordinary event now",
            "answer:ok",
        )
    # The content type of every answer.
    fact = by_id["content-type"]
    for content_type, line in parsed["content_types"]:
        xml_check.compared += 1
        if _normal_type(content_type) != _normal_type(fact.value):
            xml_check.differ(
                fact.path,
                fact.line,
                f"CONTENT_TYPE is {fact.value!r}, Zammad sends {content_type!r} ({where(line)})",
                "send Zammad's type, and write it on the pages",
                fact.id,
            )
            break
    return [answers, order_check, xml_check]


def _describe(xml: dict) -> str:
    """An answer as XML: <Reject reason="busy"/>, <Dial callerId=…><Number>…</Number></Dial>."""
    if not xml["element"]:
        return "<Response/>"
    attributes = xml["attributes"]
    pairs = attributes.items() if isinstance(attributes, dict) else [(name, None) for name in attributes]
    shown = "".join(f' {name}="{value}"' if value is not None else f" {name}=…" for name, value in pairs)
    children = "".join(f"<{child}>…</{child}>" for child in xml["children"])
    name = xml["element"]
    return f"<{name}{shown}>{children}</{name}>" if children else f"<{name}{shown}/>"


ROUTE = re.compile(r"""match\s+(['"])([^'"]+)\1\s*,.*?\bvia:\s*(\[[^\]]*\]|:\w+)""")


def compare_route(facts: list[Fact], zammad: Upstream) -> Result:
    """The route check: the simulator's and the check tool's path, and the methods routed."""
    result = Result("route")
    text = zammad.files["routes"]
    by_id = {fact.id: fact for fact in facts}
    found = [
        (m, text.count("\n", 0, m.start()) + 1) for m in ROUTE.finditer(text) if "placetel" in m.group(2)
    ]
    if not found:
        fact = by_id["route"]
        result.compared += 1
        result.differ(
            fact.path,
            fact.line,
            f"{zammad.where('routes')} routes no Placetel path any more",
            "find Zammad's new route and update PATH_PREFIX and the pages",
            fact.id,
        )
        return result
    match, line = found[0]
    path = match.group(2)
    prefix = path.split(":token")[0]
    methods_routed = sorted(verb.upper() for verb in re.findall(r":(\w+)", match.group(3)))
    for fact_id, name in (("route", "PATH_PREFIX"), ("route:check", "PATH_PREFIX")):
        fact = by_id[fact_id]
        value = fact.value["prefix"] if isinstance(fact.value, dict) else fact.value
        result.compared += 1
        if value != prefix:
            result.differ(
                fact.path,
                fact.line,
                f"{name} is {value!r}, Zammad routes {path!r} ({zammad.where('routes', line)})",
                f"set {name} to {prefix!r} and update the pages",
                fact_id,
            )
    fact = by_id["route"]
    result.compared += 1
    if sorted(fact.value["methods"]) != methods_routed:
        result.differ(
            fact.path,
            fact.line,
            f"the simulator answers {', '.join(fact.value['methods'])}, Zammad routes "
            f"{', '.join(methods_routed)} ({zammad.where('routes', line)})",
            "route the same methods, and say so on the pages",
            "route",
        )
    return result


def compare(facts: list[Fact], zammad: Upstream) -> list[Result]:
    return [*compare_answers(facts, zammad), compare_route(facts, zammad)]
