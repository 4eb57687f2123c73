"""`make upstream`'s caller-ID comparison: Zammad's two number functions, cut out of caller_id.rb and run
in ruby (once per test session for the 10,000 random texts), against the model of check.py; a
changed normalisation step, and the model's old bracket rule, are reported with the file and line."""

import re
import shutil

import pytest
import upstream_trees

from placetel_tools import check
from placetel_tools.upstream import facts, model, ruby, sources

pytestmark = pytest.mark.skipif(
    shutil.which("ruby") is None, reason="needs Debian's ruby (make test installs it)"
)


@pytest.fixture(scope="module")
def project_facts():
    return facts.project_facts()


def zammad(tmp_path, caller_id=upstream_trees.CALLER_ID_RB):
    return sources.zammad(str(upstream_trees.zammad_tree(tmp_path / "zammad", caller_id=caller_id)))


@pytest.fixture(scope="session")
def ten_thousand(tmp_path_factory):
    """The comparison on every page example and 10,000 random texts: one ruby run for the session."""
    return model.compare(facts.project_facts(), zammad(tmp_path_factory.mktemp("model")), count=10_000)


def test_the_model_agrees_with_zammads_rules_on_every_example_and_10000_random_texts(ten_thousand):
    examples = len(facts.examples(facts.ROOT))
    assert examples >= 30
    assert ten_thousand.compared == examples + 10_000
    assert [str(d) for d in ten_thousand.differences] == []
    assert "10000 random texts (seed 18)" in ten_thousand.notes[0]


def test_the_random_texts_are_seeded_and_cross_the_run_limits():
    texts = model.random_texts(2000)
    assert texts == model.random_texts(2000) and texts != model.random_texts(2000, seed=19)
    runs = [len(m.group()) for text in texts for m in re.finditer(r"[0-9 \t\n\r\f\v|()-]+", text)]
    assert min(runs) < 6 and max(runs) > 26
    assert all(set(text) <= set(model.ALPHABET) | set("Tel. ") for text in texts)


def test_only_the_two_functions_and_the_constant_are_cut_out():
    parts = ruby.extract(upstream_trees.CALLER_ID_RB)
    script = ruby.harness(parts)
    assert "DEFAULT_COUNTRY_ID = '49'.freeze" in script
    assert set(parts["methods"]) == {"extract_numbers", "normalize_number"}
    assert "class CallerId" not in script and "module Cti" not in script
    assert ruby.run(script, ["030/609854189", "n/a", "------", "(030) 609"]) == [
        (["609854189"], ["609854189"]),
        ([], []),
        (["------"], [""]),  # a run without digits: Zammad returns "", the model stores nothing
        (["(030) 609"], ["4930609"]),
    ]


def test_a_changed_normalisation_step_is_reported(tmp_path, project_facts):
    changed = upstream_trees.CALLER_ID_RB.replace("DEFAULT_COUNTRY_ID = '49'", "DEFAULT_COUNTRY_ID = '43'")
    result = model.compare(project_facts, zammad(tmp_path, changed), count=300)
    found = [str(d) for d in result.differences]
    example = next(f for f in project_facts if f.id == "model:example:030 609854189")
    assert any(
        d.startswith(f"{example.path}:{example.line}: '030 609854189': Zammad stores 4330609854189")
        for d in found
    )
    code = next(f for f in project_facts if f.id == "model:code")
    random = [d for d in found if d.startswith(f"{code.path}:{code.line}: the model stores other digits")]
    assert len(random) == 1 and "zammad:app/models/cti/caller_id.rb:12" in random[0], found


def test_a_dropped_bracket_step_is_reported(tmp_path, project_facts):
    changed = re.sub(r"\n\s*digits = digits\.sub\(.*\n", "\n", upstream_trees.CALLER_ID_RB)
    assert changed != upstream_trees.CALLER_ID_RB
    found = [str(d) for d in model.compare(project_facts, zammad(tmp_path, changed), count=300).differences]
    assert any("'+49 (0)30 609854189': Zammad stores 49030609854189" in d for d in found), found


def test_the_models_old_bracket_rule_is_found(tmp_path, project_facts, monkeypatch):
    """Before its fix the model unwrapped any characters in brackets, Zammad only digits."""
    monkeypatch.setattr(check, "UNWRAP", re.compile(r"^((?:00)?[0-9]{2})\(0?([^()]*)\)"))
    found = [str(d) for d in model.compare(project_facts, zammad(tmp_path), count=3000).differences]
    code = next(f for f in project_facts if f.id == "model:code")
    random = [d for d in found if d.startswith(f"{code.path}:{code.line}: the model stores other digits")]
    assert len(random) == 1 and "random texts" in random[0], found
    examples = [d for d in found if d not in random]  # a page that states a bracketed number shows it too
    assert all(": Zammad stores " in d and ", the model " in d for d in examples), found
    assert check.stored_numbers("49(0|30)123456") == ["4930123456"]  # Zammad: 49030123456


def test_a_caller_id_file_without_the_functions_is_reported(tmp_path, project_facts):
    found = model.compare(project_facts, zammad(tmp_path, "class CallerId\nend\n"), count=10).differences
    assert (
        len(found) == 1
        and "cannot be run as they are" in str(found[0])
        and "no DEFAULT_COUNTRY_ID" in str(found[0])
    )


def test_a_missing_ruby_is_named(monkeypatch):
    monkeypatch.setenv("RUBY", "/nonexistent/ruby")
    with pytest.raises(sources.SourceError, match="/nonexistent/ruby: not found — install Debian's ruby"):
        ruby.run("puts 1", ["x"])
