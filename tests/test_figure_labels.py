"""`make lint` figure labels: a translated figure shows Zammad's labels as the language's label list
spells them and Placetel's unchanged; on a tiny project of its own (label lists, a source, an SVG)."""

import subprocess
import sys
from pathlib import Path

from placetel_tools.lint import figure_labels

ROOT = Path(__file__).resolve().parent.parent

ENGLISH_LABELS = "# Zammad\nIntegrations\nEndpoint\nSave\n# Placetel web interface\nWeb API\n"
GERMAN_LABELS = "# Zammad\nIntegrationen\nEndpunkt\nSpeichern\n# Placetel\nWeb API\n"
SOURCE = """\
figure 400 300
title | Save and Endpoint, prose: not judged
frame 8 32 384 100 | Administration › Integrations
text 12 24 bold | Endpoint
button 12 40 100 30 | Save
text 200 24 | Web API
end
frame 8 160 384 100 | Placetel › Integrations
button 12 40 100 30 | Save
end
"""
GERMAN_TEXTS = [
    "Administration › Integrationen",
    "Endpunkt",
    "Speichern",
    "Web API",
    "Placetel › Integrations",
    "Save",
    "Illustration",
]


def project(tmp_path, texts=GERMAN_TEXTS):
    """docs/ui-labels.txt, locale/de/ (label list, figure catalogue), images/src/form.txt and the German
    SVG images/form.de.svg showing ``texts``."""
    (tmp_path / "docs").mkdir(parents=True)
    (tmp_path / "docs/ui-labels.txt").write_text(ENGLISH_LABELS, encoding="utf-8")
    (tmp_path / "locale/de/LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "locale/de/ui-labels.txt").write_text(GERMAN_LABELS, encoding="utf-8")
    (tmp_path / "locale/de/LC_MESSAGES/images.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    (tmp_path / "images/src").mkdir(parents=True)
    (tmp_path / "images/src/form.txt").write_text(SOURCE, encoding="utf-8")
    body = "".join(f"<text>{text}</text>" for text in texts)
    (tmp_path / "images/form.de.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg"><title>Speichern</title>{body}</svg>', encoding="utf-8"
    )
    return tmp_path


def line(text):
    return next(i for i, source_line in enumerate(SOURCE.splitlines(), 1) if source_line.endswith(text))


def test_labels_as_the_lists_spell_them_pass(tmp_path):
    assert figure_labels.check(project(tmp_path)) == []


def test_an_untranslated_zammad_label_or_a_translated_placetel_one_fails(tmp_path):
    texts = ["Administration › Integrations", "Endpunkt", "Speichern", "Web-API", "Placetel › Integrations"]
    root = project(tmp_path, [*texts, "Speichern"])
    svg, po = "images/form.de.svg", "locale/de/LC_MESSAGES/images.po"
    assert figure_labels.check(root) == [
        f"images/src/form.txt:{line('| Administration › Integrations')}: the figure shows Zammad's label "
        f"'Integrations', which is 'Integrationen' in this language (locale/de/ui-labels.txt:2), but {svg} "
        f"lacks it — write 'Integrationen' for it in {po}, then run make images",
        f"images/src/form.txt:{line('| Web API')}: the figure shows Placetel's label 'Web API', which stays "
        f"as it is, but {svg} lacks it — write 'Web API' for it in {po}, then run make images",
        f"images/src/form.txt:{line('end') + 2}: the figure shows Placetel's label 'Save', which stays as it "
        f"is, but {svg} lacks it — write 'Save' for it in {po}, then run make images",
    ]


def test_each_occurrence_counts(tmp_path):
    """Two Save buttons of Zammad's need Speichern twice."""
    root = project(tmp_path)
    source = root / "images/src/form.txt"
    source.write_text(
        SOURCE.replace("end\nframe", "button 200 40 100 30 | Save\nend\nframe", 1), encoding="utf-8"
    )
    [problem] = figure_labels.check(root)
    assert problem.startswith(
        "images/src/form.txt:7: the figure shows Zammad's label 'Save', which is 'Speichern'"
    )


def test_command_line(tmp_path):
    run = [sys.executable, "-m", "placetel_tools.lint.figure_labels", "--root"]
    good = project(tmp_path / "good")
    assert subprocess.run([*run, str(good)], cwd=ROOT, capture_output=True).returncode == 0
    bad = project(tmp_path / "bad", GERMAN_TEXTS[1:])
    proc = subprocess.run([*run, str(bad)], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 1 and proc.stdout.startswith("images/src/form.txt:3: ")
    assert subprocess.run([*run[:-1], "--bogus"], cwd=ROOT, capture_output=True).returncode == 2
