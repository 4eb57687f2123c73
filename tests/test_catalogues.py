"""The translation checks (make lint): complete, current and faithful catalogues, terminology,
and the page checks (UI labels, stated answers) applied to translations. Tiny catalogues, in-process."""

import textwrap
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from catalogue_files import load, save

from placetel_tools import translations
from placetel_tools.lint import answer_check, catalogues, terminology, text_check

ENGLISH = {
    "Open the page.": "docs/setup.rst:5",
    "Press ``Save``, then see https://example.com/x.": "docs/setup.rst:9",
    'Zammad answers 422 "Feature is disabled, please contact your administrator!"': "docs/setup.rst:12",
}
GERMAN = {
    "Open the page.": "Öffnen Sie die Seite.",
    "Press ``Save``, then see https://example.com/x.": "Drücken Sie ``Save`` und lesen Sie https://example.com/x.",
    'Zammad answers 422 "Feature is disabled, please contact your administrator!"': 'Zammad antwortet 422 "Feature is disabled, please contact your administrator!"',
}


def write_catalogue(path, messages, translations=None, flags=None, obsolete=()):
    """Write a .pot (no translations) or a .po with ``translations``; return the path."""
    catalogue = Catalog(fuzzy=False)
    for msgid, place in messages.items():
        file, line = place.rsplit(":", 1)
        catalogue.add(
            msgid,
            (translations or {}).get(msgid, ""),
            locations=[(f"../../{file}", int(line))],
            flags=(flags or {}).get(msgid, []),
        )
    for msgid in obsolete:
        catalogue.obsolete[msgid] = Message(msgid, "Alt.")
    return save(catalogue, path)


@pytest.fixture
def project(tmp_path):
    """_build/gettext/setup.pot and a complete German locale/de/LC_MESSAGES/setup.po."""
    write_catalogue(tmp_path / "gettext" / "setup.pot", ENGLISH)
    write_catalogue(tmp_path / "locale" / "de" / "LC_MESSAGES" / "setup.po", ENGLISH, GERMAN)
    return tmp_path


def check(project):
    return catalogues.check(project / "gettext", project / "locale")


def german(project, translations=None, **kwargs):
    write_catalogue(
        project / "locale" / "de" / "LC_MESSAGES" / "setup.po",
        ENGLISH,
        {**GERMAN, **(translations or {})},
        **kwargs,
    )


def test_a_complete_faithful_catalogue_passes(project):
    assert check(project) == []


def test_an_english_message_without_entry_names_the_english_place(project):
    write_catalogue(project / "gettext" / "setup.pot", {**ENGLISH, "A new paragraph.": "docs/setup.rst:20"})
    assert check(project) == [
        f'docs/setup.rst:20: {project}/locale/de/LC_MESSAGES/setup.po has no entry for "A new paragraph."'
        " — run `make translations`, then translate it"
    ]


@pytest.mark.parametrize(
    "state, expected",
    [
        (
            {"flags": {"Open the page.": ["fuzzy"]}},
            'fuzzy: the English of "Open the page." (docs/setup.rst:5) changed — update the translation',
        ),
        ({"translations": {"Open the page.": ""}}, 'untranslated: "Open the page." (docs/setup.rst:5)'),
        ({"obsolete": ["Gone."]}, 'obsolete entry "Gone." — delete it'),
    ],
)
def test_fuzzy_untranslated_and_obsolete_entries_fail_at_their_line(project, state, expected):
    german(project, **state)
    problems = check(project)
    assert len(problems) == 1 and expected in problems[0], problems
    path, line = problems[0].split(":")[:2]
    po_lines = Path(path).read_text(encoding="utf-8").splitlines()
    assert po_lines[int(line) - 1].startswith(("msgstr", "#~ msgid")), problems[0]


def test_an_entry_whose_english_is_gone_fails(project):
    write_catalogue(
        project / "gettext" / "setup.pot", {k: v for k, v in ENGLISH.items() if k != "Open the page."}
    )
    [problem] = check(project)
    assert '"Open the page." is no longer in the English — run `make translations`' in problem


def test_missing_and_left_over_catalogues_fail(project):
    write_catalogue(project / "gettext" / "overview.pot", {"Overview": "docs/overview.rst:1"})
    write_catalogue(
        project / "locale" / "de" / "LC_MESSAGES" / "deleted.po",
        {"Old": "docs/deleted.rst:1"},
        {"Old": "Alt"},
    )
    problems = check(project)
    assert any(p.startswith(f"{project}/locale/de/LC_MESSAGES/overview.po:1: missing") for p in problems), (
        problems
    )
    assert any(
        p.startswith(f"{project}/locale/de/LC_MESSAGES/deleted.po:1: no English catalogue") for p in problems
    )


def test_no_templates_means_run_make_gettext(tmp_path):
    assert "run `make gettext` first" in catalogues.check(tmp_path / "gettext", tmp_path / "locale")[0]


@pytest.mark.parametrize(
    "msgid, changed, what",
    [
        (
            "Press ``Save``, then see https://example.com/x.",
            "Drücken Sie ``Speichern`` und lesen Sie https://example.com/x.",
            "inline literals",
        ),
        (
            "Press ``Save``, then see https://example.com/x.",
            "Drücken Sie ``Save`` und lesen Sie https://example.com/de/x.",
            "URLs",
        ),
        (
            'Zammad answers 422 "Feature is disabled, please contact your administrator!"',
            'Zammad antwortet 401 "Feature is disabled, please contact your administrator!"',
            "three-digit numbers",
        ),
        (
            'Zammad answers 422 "Feature is disabled, please contact your administrator!"',
            'Zammad antwortet 422 "Funktion ist deaktiviert, bitte wenden Sie sich an Ihren Administrator!"',
            "Zammad's answer",
        ),
        ("Open the page.", "Öffnen Sie die Seite. #noqa", "#noqa"),
    ],
)
def test_a_translation_that_changes_what_must_stay_fails(project, msgid, changed, what):
    german(project, {msgid: changed})
    [problem] = check(project)
    assert what in problem and "(docs/setup.rst:" in problem, problem


def test_event_names_stay():
    message = catalogues.Message(
        Path("x.po"),
        3,
        "Placetel sends IncomingCall.",
        "Placetel sendet Eingehender Anruf.",
        False,
        False,
        ("docs/x.rst:1",),
        "",
    )
    assert any("event and field names" in p and "IncomingCall" in p for p in catalogues.unfaithful(message))


def tool_message(msgid, msgstr, source="placetel_tools/check.py:10"):
    return catalogues.Message(Path("check.po"), 3, msgid, msgstr, False, False, (source,), "")


@pytest.mark.parametrize(
    "msgstr, says",
    [
        ("{file} ist leer: {reason}.", None),
        ("{reason}: {file} ist leer.", None),  # another order is German, not a change
        ("Die Datei ist leer: {reason}.", "{file} of the English is missing"),
        ("{datei} ist leer: {reason}.", "{file} of the English is missing; {datei} is not in the English"),
        ("{file} ist leer: {reason} ({reason}).", "{reason} is not in the English"),
        ("{file} ist leer: {reason.", "str.format cannot read the translation"),
    ],
)
def test_the_check_tools_placeholders_stay_exactly(msgstr, says):
    problems = catalogues.unfaithful(tool_message("{file} is empty: {reason}.", msgstr))
    if says is None:
        assert problems == []
    else:
        [problem] = problems
        assert problem.startswith("placeholders must stay exactly as in the English") and says in problem


def test_braces_on_a_page_are_text_not_placeholders():
    message = tool_message(
        "Send ``{}`` to reset it.", "Senden Sie ``{}``, um ihn zurückzusetzen {.", "docs/x.rst:4"
    )
    assert catalogues.unfaithful(message) == []


@pytest.mark.parametrize(
    "msgstr, fails",
    [
        ("als https://BENUTZER:PASSWORT@host/api/v1/placetel/TOKEN, hier", False),  # its placeholders named
        ("als https://USER:PASSWORD@host/api/v1/placetel/TOKEN, hier", False),
        ("als https://BENUTZER:PASSWORT@host/api/v2/placetel/TOKEN, hier", True),
        ("als https://host/api/v1/placetel/TOKEN, hier", True),
    ],
)
def test_a_urls_capitalised_placeholders_may_be_translated(msgstr, fails):
    message = tool_message("as https://USER:PASSWORD@host/api/v1/placetel/TOKEN, here", msgstr)
    assert any("URLs must stay" in p for p in catalogues.unfaithful(message)) == fails


def test_a_scheme_alone_is_no_url():
    message = tool_message(
        "use the https:// address, starting with https://.", "die https://-Adresse, mit https://."
    )
    assert catalogues.unfaithful(message) == []


def test_an_english_edit_becomes_fuzzy_and_fails_until_translated(project):
    """The translators' loop with the real tool: `make translations` merges a changed English paragraph as fuzzy."""
    changed = {("Open the settings page." if k == "Open the page." else k): v for k, v in ENGLISH.items()}
    write_catalogue(project / "gettext" / "setup.pot", changed)
    assert translations.update(project / "gettext", project / "locale") == [
        f"Update: {project}/locale/de/LC_MESSAGES/setup.po"
    ]
    [problem] = check(project)
    assert 'fuzzy: the English of "Open the settings page." (docs/setup.rst:5) changed' in problem

    po_file = project / "locale" / "de" / "LC_MESSAGES" / "setup.po"
    catalogue = Catalog(fuzzy=False)
    for entry in load(po_file):
        if entry.id == "Open the settings page.":
            entry.string, entry.flags = "Öffnen Sie die Einstellungen.", set()
        catalogue[entry.id] = entry
    save(catalogue, po_file)
    assert check(project) == []


# --- terminology --------------------------------------------------------------------------------


def test_terminology_names_the_right_word_and_skips_code(tmp_path):
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "terminology.txt").write_text(
        "# comment\nder (?:API-)?Token -> das API-Token  # Zammad says das\nAnrufliste -> Anrufprotokoll\n",
        encoding="utf-8",
    )
    write_catalogue(
        tmp_path / "de" / "LC_MESSAGES" / "setup.po",
        {"The token.": "docs/setup.rst:3", "The list ``Anrufliste``.": "docs/setup.rst:4"},
        {
            "The token.": "Kopieren Sie den Token, dann der API-Token.",
            "The list ``Anrufliste``.": "Die Liste ``Anrufliste``.",
        },
    )
    problems = terminology.check(tmp_path)
    assert len(problems) == 1, problems  # "den Token" is not a rule; "der API-Token" is; the literal is code
    assert "'der API-Token' — write 'das API-Token' (Zammad says das); the rule is" in problems[0]
    assert problems[0].startswith(f"{tmp_path}/de/LC_MESSAGES/setup.po:")


def test_a_broken_terminology_rule_is_reported(tmp_path):
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "terminology.txt").write_text("no arrow here\n(unclosed -> x\n", encoding="utf-8")
    problems = terminology.check(tmp_path)
    assert problems[0].endswith(":1: not a rule — write WRONG -> RIGHT  # why")
    assert ":2: '(unclosed' is no regular expression" in problems[1]


def test_the_real_terminology_list_is_valid():
    root = Path(__file__).resolve().parent.parent
    for listing in (root / "locale").glob("*/terminology.txt"):
        rules, problems = terminology.load_rules(listing)
        assert rules and not problems, problems


# --- page checks on translations ----------------------------------------------------------------


def test_ui_labels_doubled_words_and_answers_are_checked_in_translations(tmp_path, monkeypatch):
    locale = tmp_path / "locale"
    (locale / "de").mkdir(parents=True)
    (locale / "de" / "ui-labels.txt").write_text("Speichern\nAktuellste Protokolle\n", encoding="utf-8")
    monkeypatch.setattr(text_check, "ROOT", tmp_path)
    po_file = write_catalogue(
        locale / "de" / "LC_MESSAGES" / "setup.po",
        {
            "Press **Save**.": "docs/setup.rst:3",
            "See **Recent Logs** for the answer.": "docs/setup.rst:4",
            'Zammad answers 401 "Invalid token, please contact your admin!"': "docs/setup.rst:5",
        },
        {
            "Press **Save**.": "Klicken Sie auf **speichern**.",
            "See **Recent Logs** for the answer.": "Die Antwort steht in in **Aktuellste Protokolle**, das das zeigt.",
            'Zammad answers 401 "Invalid token, please contact your admin!"': "Zammad antwortet 422 „Invalid token, please contact your admin!“",
        },
    )
    labels = text_check.check_catalogue(po_file)
    assert any(
        "UI label 'speichern' is spelled 'Speichern'" in p
        and "locale/de/ui-labels.txt" in p
        and "(English: docs/setup.rst:3)" in p
        for p in labels
    ), labels
    assert any("doubled word 'in in'" in p for p in labels), labels
    assert not any("das das" in p for p in labels), labels  # a German article and relative pronoun
    answers = list(answer_check.check_files([po_file]))
    assert len(answers) == 1 and "status 422 is written before" in answers[0] and "write 401" in answers[0]


def test_figure_texts_in_a_catalogue_are_held_to_the_labels(tmp_path, monkeypatch):
    locale = tmp_path / "locale"
    (locale / "de").mkdir(parents=True)
    (locale / "de" / "ui-labels.txt").write_text("Endpunkt-Einstellungen\n", encoding="utf-8")
    monkeypatch.setattr(text_check, "ROOT", tmp_path)
    po_file = locale / "de" / "LC_MESSAGES" / "images.po"
    po_file.parent.mkdir(parents=True)
    po_file.write_text(
        textwrap.dedent("""\
        msgid ""
        msgstr "Content-Type: text/plain; charset=UTF-8\\n"

        #. text
        #: ../../images/src/zammad.txt:7
        msgid "Endpoint Settings"
        msgstr "Endpunkt Einstellungen"
        """),
        encoding="utf-8",
    )
    [problem] = text_check.check_catalogue(po_file)
    assert problem.startswith(
        f"{po_file}:7: UI label 'Endpunkt Einstellungen' is spelled 'Endpunkt-Einstellungen'"
    )


def test_terminology_skips_reference_targets_but_not_their_titles():
    text = "Siehe :ref:`trouble-empty-caller-log` und :term:`Anrufliste <caller log>`."
    blanked = terminology.prose(text)
    assert "caller-log" not in blanked and "caller log" not in blanked
    assert "Anrufliste" in blanked and len(blanked) == len(text)


# --- make translations ---------------------------------------------------------------------------


def test_merging_keeps_translations_drops_the_gone_and_adds_the_new(project):
    english = {
        "Open the page.": "docs/setup.rst:7",  # moved lines: the place follows
        "A new paragraph.": "docs/setup.rst:30",
    }
    write_catalogue(project / "gettext" / "setup.pot", english)
    write_catalogue(project / "gettext" / "new.pot", {"New page": "docs/new.rst:1"})
    write_catalogue(
        project / "locale" / "de" / "LC_MESSAGES" / "gone.po", {"Old": "docs/gone.rst:1"}, {"Old": "Alt"}
    )
    done = translations.update(project / "gettext", project / "locale")
    folder = project / "locale" / "de" / "LC_MESSAGES"
    assert done == [
        f"Create: {folder}/new.po",
        f"Update: {folder}/setup.po",
        f"Delete: {folder}/gone.po (its English page or figure is gone)",
    ]
    entries = {e.id: e for e in load(folder / "setup.po")}
    assert set(entries) == set(english)
    assert entries["Open the page."].string == "Öffnen Sie die Seite."
    assert entries["Open the page."].locations == [("../../docs/setup.rst", 7)]
    assert entries["A new paragraph."].string == ""
    assert translations.update(project / "gettext", project / "locale") == []  # nothing left to do


def test_the_merge_command_exits_0_done_1_without_templates_2_on_usage(project, capsys):
    """`make translations` fails on what it cannot do, by its exit status."""
    assert translations.main([str(project / "gettext"), str(project / "locale")]) == 0
    assert translations.main([str(project / "nothing"), str(project / "locale")]) == 1
    assert "no .pot files — run `make gettext` first" in capsys.readouterr().err
    for usage in ([], [str(project / "gettext")], [str(project / "gettext"), "locale", "--add"]):
        with pytest.raises(SystemExit) as exit:
            translations.main(usage)
        assert exit.value.code == 2, usage


def test_the_same_words_in_two_contexts_are_two_entries(tmp_path):
    """ "Save" in two figures: sphinx-intl's update would see no new text and skip it."""
    pot = Catalog()
    for figure in ("placetel", "zammad"):
        pot.add("Save", locations=[(f"../../images/src/{figure}.txt", 3)], context=figure)
    save(pot, tmp_path / "gettext" / "images.pot")
    po = Catalog(fuzzy=False)
    po.add("Save", "Save", locations=[("../../images/src/placetel.txt", 3)], context="placetel")
    save(po, tmp_path / "locale" / "de" / "LC_MESSAGES" / "images.po")
    problems = catalogues.check(tmp_path / "gettext", tmp_path / "locale")
    assert problems == [
        f"images/src/zammad.txt:3: {tmp_path}/locale/de/LC_MESSAGES/images.po has no entry for "
        '"Save" in zammad — run `make translations`, then translate it'
    ]
    translations.update(tmp_path / "gettext", tmp_path / "locale")
    merged = load(tmp_path / "locale" / "de" / "LC_MESSAGES" / "images.po")
    # The new entry starts from the nearest translation, marked fuzzy for the translator to review.
    assert sorted((e.context, e.string, e.fuzzy) for e in merged) == [
        ("placetel", "Save", False),
        ("zammad", "Save", True),
    ]
