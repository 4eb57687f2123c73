"""Compare the Zammad labels of docs/ui-labels.txt with Zammad's views and catalogue, and their German
(locale/de/ui-labels.txt, the same position in its Zammad block) with Zammad's German msgstr."""

# A label "exists as written" when Zammad's views pass it to @T (the page's
# controller to __()), or its German catalogue has it as a msgid (labels of other
# pages: Roles, Caller log). Two labels the view joins with a slash,
# <%- @T('Placetel') %>/<%- @T('Device') %>, are the label "Placetel/Device"; its
# German is the two msgstr joined the same way. A msgid without msgstr (or a
# fuzzy one) shows in English.

from __future__ import annotations

import difflib
import re

from placetel_tools.upstream import Result
from placetel_tools.upstream.facts import LABELS_DE, LABELS_EN, Fact
from placetel_tools.upstream.sources import Upstream

VIEWS = ("view", "base_view", "http_log", "caller_log")  # templates: @T('…')
CONTROLLERS = ("page_controller",)  # CoffeeScript: __('…')
STRING = r"""(['"])((?:\\.|(?!\1).)*)\1"""
T_CALL = re.compile(r"@T\(\s*" + STRING)
MARKED = re.compile(r"__\(\s*" + STRING)
JOINED = re.compile(
    r"@T\(\s*(['\"])((?:\\.|(?!\1).)*)\1\s*\)\s*%>\s*/\s*<%-\s*@T\(\s*(['\"])((?:\\.|(?!\3).)*)\3\s*\)"
)


def unquote(body: str) -> str:
    """A Ruby/CoffeeScript/PO string literal's text (the escapes these files use)."""
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def view_labels(zammad: Upstream) -> dict[str, tuple[str, int]]:
    """{label: (file key, line)} of every label the views and the page's controller show."""
    found: dict[str, tuple[str, int]] = {}
    for key, pattern in [(key, T_CALL) for key in VIEWS] + [(key, MARKED) for key in CONTROLLERS]:
        text = zammad.files[key]
        for match in pattern.finditer(text):
            found.setdefault(unquote(match.group(2)), (key, text.count("\n", 0, match.start()) + 1))
        if pattern is T_CALL:
            for match in JOINED.finditer(text):
                label = unquote(match.group(2)) + "/" + unquote(match.group(4))
                found.setdefault(label, (key, text.count("\n", 0, match.start()) + 1))
    return found


def read_po(text: str) -> tuple[dict[str, tuple[str, int, bool]], dict[str, str]]:
    """({msgid: (msgstr, line of the msgid, fuzzy)}, header fields) of a catalogue's text. Entries
    with a context, plural forms and obsolete (#~) entries are left out."""
    entries: dict[str, tuple[str, int, bool]] = {}
    header: dict[str, str] = {}
    current: dict = {}
    field = None

    def finish():
        if "msgid" in current and "msgstr" in current and "msgctxt" not in current:
            msgid, msgstr = current["msgid"], current["msgstr"]
            if msgid == "":
                for line in msgstr.splitlines():
                    name, _, value = line.partition(":")
                    header[name.strip()] = value.strip()
            elif "msgid_plural" not in current:
                entries.setdefault(msgid, (msgstr, current["line"], current.get("fuzzy", False)))

    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        keyword = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+\"(.*)\"$", line)
        if keyword:
            if keyword.group(1) in ("msgctxt", "msgid") and "msgstr" in current:
                finish()
                current = {}
            field = keyword.group(1).split("[")[0]
            if field == "msgid":
                current["line"] = number
            current[field] = unquote(keyword.group(2))
        elif line.startswith('"') and line.endswith('"') and field:
            current[field] += unquote(line[1:-1])
        elif line.startswith("#,") and "fuzzy" in line:
            if "msgstr" in current:
                finish()
                current = {}
            current["fuzzy"] = True
        elif not line or line.startswith("#"):
            field = None if not line or line.startswith("#~") else field
    finish()
    return entries, header


def german(label: str, catalogue: dict[str, tuple[str, int, bool]]) -> str:
    """What Zammad's German interface shows for ``label`` (a slash-joined label part by part)."""
    if label not in catalogue and "/" in label:
        return "/".join(german(part, catalogue) for part in label.split("/"))
    msgstr, _, fuzzy = catalogue.get(label, ("", 0, False))
    return msgstr if msgstr and not fuzzy else label


def compare(facts: list[Fact], zammad: Upstream) -> list[Result]:
    """The labels check and the translations check."""
    shown = view_labels(zammad)
    catalogue, _ = read_po(zammad.files["catalogue"])
    english = [fact for fact in facts if fact.id.startswith("label:")]
    germans = {fact.id.removeprefix("label-de:"): fact for fact in facts if fact.id.startswith("label-de:")}
    labels, translations = Result("labels"), Result("translations")
    for fact in english:
        label = fact.value
        labels.compared += 1
        parts = label.split("/") if label not in catalogue and "/" in label else [label]
        known = (label in shown or label in catalogue) and all(part in catalogue for part in parts)
        if not known:
            close = difflib.get_close_matches(label, list(shown) + list(catalogue), n=1, cutoff=0.8)
            hint = ""
            if close:
                where = shown.get(close[0])
                place = zammad.where(where[0], where[1]) if where else zammad.where("catalogue")
                hint = f"; Zammad has {close[0]!r} ({place})"
            labels.differ(
                fact.path,
                fact.line,
                f"{label!r} is not a label of Zammad's: no @T in {zammad.where('view')} or the other views, "
                f"no msgid in {zammad.where('catalogue')}{hint}",
                f"write the label as Zammad spells it{' (' + repr(close[0]) + ')' if close else ''}, "
                "here and on the pages",
                fact.id,
            )
            continue
        fact_de = germans.get(label)
        if fact_de is None:
            continue
        translations.compared += 1
        expected = german(label, catalogue)
        if fact_de.value != expected:
            entry = catalogue.get(parts[0], ("", 0, False))
            translations.differ(
                fact_de.path,
                fact_de.line,
                f"{fact_de.value!r} is the German of {label!r} here; Zammad's German interface shows "
                f"{expected!r} ({zammad.where('catalogue', entry[1])})",
                f"write {expected!r} here and on the German pages",
                fact_de.id,
            )
    counted = [fact for fact in facts if fact.id.startswith("label-de:")]
    if len(counted) != len(english):
        last = counted[-1] if counted else None
        translations.differ(
            last.path if last else LABELS_DE,
            last.line if last else 1,
            f"the Zammad block of {LABELS_DE} lists {len(counted)} labels, the one of {LABELS_EN} "
            f"{len(english)}",
            f"list the German of each Zammad label of {LABELS_EN} at the same position",
            last.id if last else "",
        )
    return [labels, translations]
