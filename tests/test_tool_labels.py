"""placetel_tools.lint.tool_labels: the products' labels in the check tool's translations, on label lists
and a catalogue the test writes."""

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from project_copy import line_of

from placetel_tools.lint import tool_labels

CHECK_PO = "locale/de/LC_MESSAGES/check.po"
ENGLISH_LABELS = (
    "# Zammad\nEndpoint\nRecent Logs\nSettings\nSave\n# Placetel\nURL of your API endpoint\nExternal APIs\n"
)
GERMAN_LABELS = "# Zammad\nEndpunkt\nAktuellste Protokolle\nEinstellungen\nSpeichern\n# Placetel\n"
RIGHT = {
    "Copy it from Zammad's field Endpoint.": "Kopieren Sie sie aus dem Feld Endpunkt in Zammad.",
    "Endpoint reference": "Referenz des Endpunkts",  # the label at a word's start
    "Compare the events in Recent Logs, then press Save.": (
        "Vergleichen Sie die Ereignisse unter Aktuellste Protokolle und klicken Sie dann auf Speichern."
    ),
    "Paste it into Placetel's field URL of your API endpoint.": "Fügen Sie sie bei Placetel ins Feld URL of your API endpoint ein.",
    "Set it in Placetel (Settings › External APIs).": "Tragen Sie es in Placetel ein (Settings › External APIs).",
    "the settings of the proxy": "die Einstellungen des Proxys",  # lower case: no label
}


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("docs").mkdir()
    Path("docs/ui-labels.txt").write_text(ENGLISH_LABELS, encoding="utf-8")
    Path("locale/de").mkdir(parents=True)
    Path("locale/de/ui-labels.txt").write_text(GERMAN_LABELS, encoding="utf-8")
    write(RIGHT)
    return tmp_path


def write(texts):
    catalog = Catalog(locale="de")
    for number, (english, german) in enumerate(texts.items(), 1):
        catalog.add(english, german, locations=[("placetel_tools/check.py", number)])
    Path(CHECK_PO).parent.mkdir(parents=True, exist_ok=True)
    with Path(CHECK_PO).open("wb") as out:
        write_po(out, catalog, width=76)


def check():
    return tool_labels.check([Path(CHECK_PO)], Path("docs/ui-labels.txt"))


def test_labels_as_the_lists_spell_them_pass(project):
    assert check() == []


def test_a_zammad_label_spelt_otherwise_fails_at_the_catalogues_line(project):
    write(
        {
            **RIGHT,
            "Compare the events in Recent Logs, then press Save.": "Vergleichen Sie die Ereignisse unter "
            "Aktuelle Protokolle und klicken Sie dann auf Speichern.",
        }
    )
    line = line_of(CHECK_PO, 'msgid "Compare the events') + 1
    assert check() == [
        f'{CHECK_PO}:{line}: the English names Zammad\'s label "Recent Logs", which is "Aktuellste Protokolle" '
        "in this language (locale/de/ui-labels.txt:3), but the translation lacks it — write it as the label "
        "list spells it"
    ]


def test_a_zammad_label_left_in_english_fails(project):
    write(
        {
            **RIGHT,
            "Copy it from Zammad's field Endpoint.": "Kopieren Sie sie aus dem Feld Endpoint in Zammad.",
        }
    )
    [problem] = check()
    assert 'Zammad\'s label "Endpoint", which is "Endpunkt"' in problem


def test_a_translated_placetel_label_fails(project):
    write(
        {
            **RIGHT,
            "Paste it into Placetel's field URL of your API endpoint.": "Fügen Sie sie bei Placetel ins Feld URL Ihres API-Endpunkts ein.",
        }
    )
    [problem] = check()
    assert problem.endswith(
        'the English names Placetel\'s label "URL of your API endpoint", which stays as it is in every language '
        "(docs/ui-labels.txt:7), but the translation lacks it — copy it unchanged"
    )


def test_a_placetel_menu_path_is_placetels_as_a_whole(project):
    """Its "Settings" is Placetel's English, not Zammad's Einstellungen."""
    names = [
        label.english
        for label in tool_labels.named(
            "in Placetel (Settings › External APIs).",
            tool_labels.labels(Path("docs/ui-labels.txt"), Path("locale/de/ui-labels.txt")),
        )
    ]
    assert names == ["External APIs"]


def test_the_command_line(project, capsys):
    assert tool_labels.main([CHECK_PO]) == 0
    write(
        {
            **RIGHT,
            "Copy it from Zammad's field Endpoint.": "Kopieren Sie sie aus dem Feld Endpoint in Zammad.",
        }
    )
    assert tool_labels.main([CHECK_PO]) == 1
    assert capsys.readouterr().out.startswith(f"{CHECK_PO}:")
