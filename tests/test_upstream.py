"""`make upstream`: each comparison agrees with an upstream tree made from the project's own facts, and
reports each kind of drift with the project file and line to change and the upstream file and line
that changed. The trees are written by the tests (tests/upstream_trees.py), never Zammad's text."""

import re

import pytest
import upstream_trees
from upstream_trees import line_in

from placetel_tools import simulator
from placetel_tools.upstream import endpoint, facts, labels, placetel, seeds, sources

SIMULATOR = "placetel_tools/simulator.py"
CONTROLLER = sources.ZAMMAD_FILES["controller"]


@pytest.fixture(scope="module")
def project_facts():
    return facts.project_facts()


@pytest.fixture
def zammad(tmp_path):
    """zammad(key=(old, new), ...): a Zammad tree with those changes, read as `make upstream` reads it."""

    def make(**changes):
        folder = upstream_trees.zammad_tree(tmp_path / "zammad", **changes)
        return sources.zammad(str(folder))

    return make


@pytest.fixture
def placetel_api(tmp_path):
    def make(**changes):
        return sources.placetel(str(upstream_trees.placetel_tree(tmp_path / "placetel", **changes)))

    return make


def differences(results):
    return [str(d) for result in results for d in result.differences]


def at(fact_id, project_facts):
    fact = next(f for f in project_facts if f.id == fact_id)
    return f"{fact.path}:{fact.line}: "


# --- the labels ------------------------------------------------------------------------------


def test_the_labels_agree_with_a_matching_tree(zammad, project_facts):
    results = labels.compare(project_facts, zammad())
    assert differences(results) == []
    english, german = facts.labels(facts.ROOT)
    assert results[0].compared == len(english) >= 30
    assert results[1].compared == len(german)


def test_a_renamed_label_is_reported(zammad, project_facts):
    tree = zammad(
        view=("@T('Call Settings')", "@T('Call settings')"), catalogue=('"Call Settings"', '"Call settings"')
    )
    found = differences(labels.compare(project_facts, tree))
    assert len(found) == 1, found
    assert found[0].startswith(at("label:Call Settings", project_facts))
    assert "'Call settings'" in found[0] and "placetel.jst.eco:" in found[0]


def test_a_changed_german_msgstr_is_reported_with_the_catalogue_line(zammad, project_facts):
    german = next(f for f in project_facts if f.id == "label-de:Save").value
    tree = zammad(catalogue=(f'msgstr "{german}"', 'msgstr "Sichern"'))
    found = differences(labels.compare(project_facts, tree))
    line = line_in(tree.files["catalogue"], 'msgid "Save"')
    assert found == [
        f"{at('label-de:Save', project_facts)}{german!r} is the German of 'Save' here; Zammad's German "
        f"interface shows 'Sichern' (zammad:i18n/zammad.de-de.po:{line}) — write 'Sichern' here and on the "
        "German pages"
    ]


def test_two_labels_joined_by_a_slash_are_one_label(zammad):
    tree = zammad(view="<th><%- @T('Placetel') %>/<%- @T('Device') %>\n")
    shown = labels.view_labels(tree)
    assert shown["Placetel/Device"] == ("view", 1) and "Placetel" in shown and "Device" in shown
    catalogue = {"Placetel": ("Placetel", 1, False), "Device": ("Gerät", 2, False)}
    assert labels.german("Placetel/Device", catalogue) == "Placetel/Gerät"


def test_the_catalogue_is_read_with_lines_headers_and_fuzzy_entries():
    text = (
        'msgid ""\nmsgstr ""\n"PO-Revision-Date: 2099-01-02\\n"\n\n#: a:1\nmsgid "Save"\nmsgstr "Spei"\n"chern"\n\n'
        '#, fuzzy\nmsgid "Remove"\nmsgstr "Weg"\n\n#~ msgid "Old"\n#~ msgstr "Alt"\n'
    )
    entries, header = labels.read_po(text)
    assert header["PO-Revision-Date"] == "2099-01-02"
    assert entries["Save"] == ("Speichern", 6, False)
    assert entries["Remove"][2] is True and "Old" not in entries
    assert labels.german("Remove", entries) == "Remove"  # a fuzzy msgstr shows in English


# --- the endpoint: texts, statuses, order, XML, route -------------------------------------------


def test_the_endpoint_agrees_with_a_matching_tree(zammad, project_facts):
    results = endpoint.compare(project_facts, zammad())
    assert differences(results) == []
    assert (
        [r.compared for r in results][:2] == [4, 4] and results[2].compared >= 4 and results[3].compared == 3
    )


def test_a_changed_error_text_is_reported(zammad, project_facts):
    text = simulator.INVALID_TOKEN
    tree = zammad(controller=(text, "Wrong token, go away!"))
    found = differences(endpoint.compare(project_facts, tree))
    line = line_in(tree.files["controller"], "Wrong token, go away!")
    assert found == [
        f"{at('answer:INVALID_TOKEN', project_facts)}INVALID_TOKEN is {text!r}; Zammad's controller answers no "
        f"such text, it answers 'Wrong token, go away!' (zammad:{CONTROLLER}:{line}) — set INVALID_TOKEN to "
        "Zammad's text 'Wrong token, go away!' and update the pages quoting it"
    ]


def test_a_changed_status_is_reported(zammad, project_facts):
    tree = zammad(controller=("xml_error(error, 401)", "xml_error(error, 403)"))
    found = differences(endpoint.compare(project_facts, tree))
    assert len(found) == 1, found
    assert found[0].startswith(at("answer:INVALID_TOKEN", project_facts))
    assert (
        "the simulator answers INVALID_TOKEN with 401, Zammad with 403" in found[0] and CONTROLLER in found[0]
    )


def test_a_reordered_check_is_reported(zammad, project_facts):
    tree = zammad(
        controller=(
            "before_action :check_configured, :check_token",
            "before_action :check_token, :check_configured",
        )
    )
    found = differences(endpoint.compare(project_facts, tree))
    assert len(found) == 1, found
    assert found[0].startswith(at("order", project_facts))
    assert (
        "Zammad checks in the order INVALID_TOKEN → DISABLED → NOT_CONFIGURED → INVALID_DIRECTION" in found[0]
    )
    assert f"zammad:{CONTROLLER}:3" in found[0]


def test_checks_reordered_within_one_method_are_reported(zammad, project_facts):
    files = upstream_trees.zammad_files()["controller"]
    disabled = re.search(
        r"    if !Setting.get\('placetel_integration'\)\n.*?\n      return\n    end\n", files, re.S
    )
    configured = re.search(r"    if config_integration.blank\?.*?\n      return\n    end\n", files, re.S)
    swapped = (
        files.replace(disabled.group(), "@@")
        .replace(configured.group(), disabled.group())
        .replace("@@", configured.group())
    )
    found = differences(endpoint.compare(project_facts, zammad(controller=swapped)))
    assert len(found) == 1 and "NOT_CONFIGURED → DISABLED" in found[0], found


def test_a_changed_xml_answer_is_reported(zammad, project_facts):
    tree = zammad(controller=("reason: 'busy'", "reason: 'declined'"))
    found = differences(endpoint.compare(project_facts, tree))
    assert len(found) == 1, found
    assert found[0].startswith(at("answer:reject", project_facts))
    assert '<Reject reason="busy"/>' in found[0] and '<Reject reason="declined"/>' in found[0]


def test_a_new_event_answer_is_reported(zammad, project_facts):
    tree = zammad(
        controller=(
            "    response_ok(result)\n",
            "    if result[:action] == 'forward'\n      response_forward(result)\n    end\n    response_ok(result)\n",
        )
    )
    found = differences(endpoint.compare(project_facts, tree))
    assert len(found) == 1 and "result[:action] == 'forward'" in found[0], found


def test_a_changed_route_is_reported_for_the_simulator_and_the_check_tool(zammad, project_facts):
    tree = zammad(routes=("/api/v1/placetel/", "/api/v2/placetel/"))
    found = differences(endpoint.compare(project_facts, tree))
    assert [f.split(": ")[0] for f in found] == [
        at("route", project_facts).rstrip(": "),
        at("route:check", project_facts).rstrip(": "),
    ]
    assert all("'/api/v2/placetel/:token'" in f and "integration_placetel.rb:3" in f for f in found)


def test_a_changed_content_type_is_reported(zammad, project_facts):
    tree = zammad(
        controller=(
            "send_data content, type: 'application/xml; charset=UTF-8'\n",
            "send_data content, type: 'text/xml'\n",
        )
    )
    found = differences(endpoint.compare(project_facts, tree))
    assert len(found) == 1 and "'text/xml'" in found[0], found
    assert endpoint._normal_type("application/xml; charset=UTF-8;") == endpoint._normal_type(
        simulator.CONTENT_TYPE
    )


# --- the seeded defaults --------------------------------------------------------------------


def test_ruby_literals_are_read():
    assert seeds.ruby_literal("{ 'a' => [], b: { 'c' => '' }, :d => [1, true, nil] }") == {
        "a": [],
        "b": {"c": ""},
        "d": [1, True, None],
    }
    with pytest.raises(seeds.RubyLiteralError):
        seeds.ruby_literal("{ 'a' => Time.now }")


@pytest.mark.skipif(not hasattr(simulator, "SEEDED_CONFIG"), reason="the simulator has no SEEDED_CONFIG yet")
def test_the_seeds_agree_with_a_matching_tree(zammad, project_facts):
    assert differences([seeds.compare(project_facts, zammad())]) == []


def test_a_changed_seed_is_reported(zammad, project_facts):
    tree = zammad(
        seeds=("state:       false,", "state:       true,"),
    )
    found = [d for d in differences([seeds.compare(project_facts, tree)]) if "SEEDED_INTEGRATION" in d]
    assert len(found) == 1 and found[0].startswith(at("seeded:placetel_integration", project_facts)), found
    tree = zammad(seeds=("urlsafe_base64(20)", "urlsafe_base64(32)"))
    found = [d for d in differences([seeds.compare(project_facts, tree)]) if "token" in d]
    assert len(found) == 1 and "has 43 characters" in found[0], found


def test_rails_blank():
    assert all(seeds.blank(v) for v in (None, False, "", "  ", [], {}))
    assert not any(seeds.blank(v) for v in ("x", [1], {"a": 1}, 0, True))


# --- Placetel's side ---------------------------------------------------------------------------


def test_placetel_agrees_with_a_matching_tree(placetel_api, project_facts):
    results = placetel.compare(project_facts, placetel_api())
    assert differences(results) == []
    assert [r.compared for r in results][2:] == [
        len(simulator.HANGUP_TYPES),
        len(simulator.PLACETEL_ANSWERS),
        1,
    ]


def test_a_hangup_type_added_by_placetel_is_reported(placetel_api, project_facts):
    tree = placetel_api(readme=("`congestion` | made up", "`congestion` | made up\n`rejected` | made up"))
    found = differences(placetel.compare(project_facts, tree))
    line = line_in(tree.files["readme"], "`rejected`")
    assert found == [
        f"{at('placetel:hangup-type:voicemail', project_facts)}Placetel's API description has the hang-up type "
        f"'rejected' (placetel:README.md:{line}), the project does not — add it to HANGUP_TYPES and the pages"
    ]


def test_a_hangup_type_dropped_by_placetel_is_reported(placetel_api, project_facts):
    tree = placetel_api(readme=("`congestion` | made up\n", ""))
    found = differences(placetel.compare(project_facts, tree))
    assert found == [
        f"{at('placetel:hangup-type:congestion', project_facts)}hang-up type 'congestion' is not in Placetel's API "
        "description (placetel:README.md) — drop 'congestion' from HANGUP_TYPES and the pages, or find what "
        "replaced it"
    ]


def test_a_new_field_event_or_answer_of_placetel_is_reported(placetel_api, project_facts):
    tree = placetel_api(readme=('`event` | `"HungUp"`', '`event` | `"HungUp"`\n`caller_name` | made up'))
    found = differences(placetel.compare(project_facts, tree))
    assert (
        len(found) == 1
        and "request field 'caller_name'" in found[0]
        and found[0].startswith("docs/endpoint.rst:")
    )
    tree = placetel_api(
        readme=("[Queue](#queue) | made up", "[Queue](#queue) | made up\n[Record](#record) | made up")
    )
    found = differences(placetel.compare(project_facts, tree))
    assert len(found) == 1 and "answer 'Record'" in found[0] and "PLACETEL_ANSWERS" in found[0]


def test_a_documented_field_placetel_does_not_list_passes_when_its_row_says_so(project_facts, placetel_api):
    tree = placetel_api(readme=upstream_trees.placetel_files()["readme"].replace("`user` | made up\n", ""))
    extra = facts.Fact(
        "placetel:field:user", "docs/endpoint.rst", 9, "A name; Placetel's description does not list it.", ""
    )
    plain = facts.Fact("placetel:field:user", "docs/endpoint.rst", 9, "Optional: a user name.", "")
    others = [f for f in project_facts if not f.id.startswith("placetel:field:user")]
    assert differences(placetel.compare([*others, extra], tree)) == []
    found = differences(placetel.compare([*others, plain], tree))
    assert found == [
        "docs/endpoint.rst:9: request field 'user' is not in Placetel's API description (placetel:README.md) — say "
        "in its row that Placetel's description does not list it, or drop the row"
    ]


def test_a_reject_reason_placetel_does_not_allow_is_reported(placetel_api, project_facts):
    tree = placetel_api(readme=('for now: `"busy"`', 'for now: `"declined"`'))
    found = differences(placetel.compare(project_facts, tree))
    assert (
        len(found) == 1
        and "reason='busy'" in found[0]
        and found[0].startswith(at("answer:reject", project_facts))
    )
