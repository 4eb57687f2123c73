"""docs/upstream.json: what `make upstream` records (refs, commits, version, counts, result, one digest per
fact), and the offline check `make lint` runs on it: a fact added or changed since the record was
written, or one that differed then, is named with its file and line; a hand edit is caught."""

import json

import pytest
import upstream_trees

from placetel_tools import simulator
from placetel_tools.upstream import Difference, Result, facts, record, sources


@pytest.fixture(scope="module")
def upstream(tmp_path_factory):
    folder = tmp_path_factory.mktemp("upstream")
    zammad = sources.zammad(str(upstream_trees.zammad_tree(folder / "zammad")))
    placetel = sources.placetel(str(upstream_trees.placetel_tree(folder / "placetel")))
    return zammad, placetel


def written(tmp_path, upstream, results=(), **edits):
    """A record of a run that found ``results``, written to tmp_path/r.json (after ``edits``)."""
    zammad, placetel = upstream
    data = record.build(facts.project_facts(), list(results), zammad, placetel, today="2099-01-02")
    for key, value in edits.items():
        data[key] = value
    data["digest"] = facts.digest({k: v for k, v in data.items() if k != "digest"})
    path = tmp_path / "r.json"
    path.write_text(record.dump(data), encoding="utf-8")
    return path, data


def test_the_record_has_the_keys_the_version_statement_reads(tmp_path, upstream):
    _, data = written(tmp_path, upstream, [Result("labels", 34)])
    assert data["checked"] == "2099-01-02" and data["result"] == "agree"
    assert data["zammad"] == {
        "repo": "zammad/zammad",
        "ref": "local",
        "commit": None,
        "version": "9.9.x",
        "po_revision": "2099-01-02 03:04+0000",
    }
    assert data["placetel"] == {"repo": "Placetel/call-control-notify-api", "ref": "local", "commit": None}
    assert data["checks"] == {"labels": {"compared": 34, "differences": 0}}
    assert all(entry == {"digest": entry["digest"], "result": "agree"} for entry in data["facts"].values())
    assert len(data["facts"]) == len(facts.project_facts())


def test_a_record_of_the_current_facts_vouches_for_all(tmp_path, upstream):
    path, _ = written(tmp_path, upstream)
    assert record.problems(facts.ROOT, path) == []


def test_a_fact_new_since_the_record_is_named(tmp_path, upstream):
    fact = next(f for f in facts.project_facts() if f.id == "answer:INVALID_TOKEN")
    path, data = written(tmp_path, upstream)
    del data["facts"][fact.id]
    path, _ = written(tmp_path, upstream, facts=data["facts"])
    assert record.problems(facts.ROOT, path) == [
        f"{fact.path}:{fact.line}: the answer INVALID_TOKEN is new since `make upstream` ran (2099-01-02): not yet "
        f"checked against upstream — run `make upstream` and commit docs/upstream.json"
    ]


def test_a_fact_changed_since_the_record_is_named(tmp_path, upstream):
    label = next(f for f in facts.project_facts() if f.id == "label-de:Save")
    path, data = written(tmp_path, upstream)
    data["facts"][label.id]["digest"] = facts.digest("Sichern")
    path, _ = written(tmp_path, upstream, facts=data["facts"])
    assert record.problems(facts.ROOT, path) == [
        f"locale/de/ui-labels.txt:{label.line}: the German {label.value!r} of 'Save' changed since `make upstream` "
        "ran (2099-01-02): not yet checked against upstream — run `make upstream` and commit docs/upstream.json"
    ]


def test_a_fact_that_differed_is_named(tmp_path, upstream):
    fact = next(f for f in facts.project_facts() if f.id == "answer:INVALID_DIRECTION")
    found = Result("errors", 4, [Difference(fact.path, fact.line, "differs", "fix", fact.id)])
    path, data = written(tmp_path, upstream, [found])
    assert data["result"] == "differ" and data["facts"][fact.id]["result"] == "differ"
    assert data["checks"]["errors"] == {"compared": 4, "differences": 1}
    assert record.problems(facts.ROOT, path) == [
        f"{fact.path}:{fact.line}: the answer INVALID_DIRECTION differed from upstream when `make upstream` ran "
        "(2099-01-02) — fix it as `make upstream` says, then run `make upstream` and commit docs/upstream.json"
    ]


def test_a_hand_edited_or_missing_record_is_named(tmp_path, upstream):
    path, _ = written(tmp_path, upstream)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["checked"] = "2099-01-03"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert record.problems(facts.ROOT, path) == [
        f"{path}:1: the record was edited by hand (its digest does not match) — run `make upstream` and commit "
        "docs/upstream.json"
    ]
    assert record.problems(facts.ROOT, tmp_path / "none.json") == [
        f"{tmp_path / 'none.json'}:1: there is no upstream record — run `make upstream` and commit docs/upstream.json"
    ]


def test_make_lint_names_a_changed_simulator_text_in_a_copy(tree, upstream):
    """The command `make lint` runs, on a copy of the project whose simulator changed after the record."""
    path, _ = written(tree.path, upstream)
    (tree / "docs/upstream.json").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    assert tree.module("placetel_tools.upstream.record") == (0, "")
    tree.edit(
        "placetel_tools/simulator.py",
        f"INVALID_TOKEN = {json.dumps(simulator.INVALID_TOKEN)}",
        'INVALID_TOKEN = "Token?"',
    )
    status, output = tree.module("placetel_tools.upstream.record")
    line = tree.line_of("placetel_tools/simulator.py", "INVALID_TOKEN =")
    assert status == 1
    assert output.startswith(f"placetel_tools/simulator.py:{line}: the answer INVALID_TOKEN changed since"), (
        output
    )


def test_a_difference_of_no_single_fact_still_fails_the_record(tmp_path, upstream):
    found = Result("placetel-hangup-types", 9, [Difference("placetel_tools/simulator.py", 1, "new", "add")])
    path, data = written(tmp_path, upstream, [found])
    assert data["result"] == "differ"
    assert record.problems(facts.ROOT, path) == [
        f"{path}:1: `make upstream` found differences when it ran (2099-01-02) — fix them as it says, then run "
        "`make upstream` and commit docs/upstream.json"
    ]
