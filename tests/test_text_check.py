"""`make lint` text checks: sphinx-lint, mojibake, doubled words and UI labels, on broken copies of the pages."""

from placetel_tools.lint import text_check
from test_build import append  # noqa: E402 (tests/ is on sys.path)


def test_the_pages_pass(tree):
    assert tree.module("placetel_tools.lint.text_check", "docs", "doctests") == (0, "")


def test_each_defect_fails_with_file_and_line(tree):
    moji = append(tree, "docs/overview.rst", "Zammad f\u00c3\u00bcr Teams \u00e2\u20ac\u201c "
                                             "and a grin \u00f0\u0178\u00a4\u201c.\n")
    doubled = append(tree, "docs/setup.rst", "Paste the token into the\nthe field.\n")
    in_item = append(tree, "docs/settings.rst", "#. Open the page and press the\n   the button.\n")
    in_bullet = append(tree, "docs/overview.rst", "* Open the page and press the\n  the button.\n")
    label = append(tree, "docs/glossary.rst", "Open **Recent logs** and press **save**.\n")
    menu = append(tree, "docs/overview.rst", "Go to *Integrations → Partner Integration*.\n")

    status, output = tree.module("placetel_tools.lint.text_check", "docs", "doctests")

    assert status == 1
    lines = output.splitlines()
    assert (f"docs/overview.rst:{moji}: mojibake 'Ã¼' (UTF-8 read as Windows-1252) — "
            f"write 'ü' instead") in lines
    assert f"docs/overview.rst:{moji}: mojibake 'â€“' (UTF-8 read as Windows-1252) — " \
           f"write '–' instead" in lines
    assert any(line.startswith(f"docs/overview.rst:{moji}: mojibake 'ðŸ¤“'") for line in lines)
    assert f"docs/setup.rst:{doubled}: doubled word 'the the' — delete one of them" in lines
    assert f"docs/settings.rst:{in_item}: doubled word 'the the' — delete one of them" in lines
    assert f"docs/overview.rst:{in_bullet}: doubled word 'the the' — delete one of them" in lines
    assert (f"docs/glossary.rst:{label}: UI label 'Recent logs' is spelled 'Recent Logs' in the "
            f"product — write 'Recent Logs' exactly as docs/ui-labels.txt has it") in lines
    assert any(line.startswith(f"docs/glossary.rst:{label}: UI label 'save' is spelled 'Save'")
               for line in lines)
    assert any(line.startswith(f"docs/overview.rst:{menu}: UI label 'Partner Integration' is "
                               f"spelled 'Partner integrations'") for line in lines)
    assert len(lines) == 9, output


def test_benign_text_passes(tree):
    append(tree, "docs/setup.rst",
           "Open *Integrations → Web API*, press **Create a new API token**, then paste it\n"
           "into **API Token** and press **Save**. This is **important**: the API token is a\n"
           "secret. Straße, naïve, café and “quotes” – fine. He said that that works.\n\n"
           "Type this::\n\n   echo the the\n\n"
           ".. code-block:: text\n\n   Save save\n\n"
           "The ``the the`` literal and https://example.org/the/the are not prose.\n\n"
           "=====  =====\nthe    the\n=====  =====\n")
    assert tree.module("placetel_tools.lint.text_check", "docs", "doctests") == (0, "")


def test_a_guilabel_must_be_a_known_label():
    problems = list(text_check.label_problems([":guilabel:`Frobnicate` and :guilabel:`Save`"],
                                              text_check.load_labels()))
    assert problems == [(1, "'Frobnicate' is marked as a UI label but is not in "
                            "docs/ui-labels.txt — use the product's spelling, or add the label "
                            "there after checking it in the product")]


def test_sphinx_lint_fails_on_broken_markup(tree):
    line = append(tree, "docs/setup.rst", "See :ref`setup-step-1` for details.\n")
    status, output = tree.module("sphinxlint", "docs", "doctests")
    assert status != 0
    assert f"docs/setup.rst:{line}:" in output and "role" in output, output


def test_other_bold_text_is_spelled_one_way_on_every_page(tree):
    append(tree, "docs/setup.rst", "Set **Frobnication level** here.\n")
    append(tree, "docs/settings.rst", "Then **Frobnication level** again.\n")
    odd = append(tree, "docs/troubleshooting.rst", "Check **Frobnication Level**.\n")
    status, output = tree.module("placetel_tools.lint.text_check", "docs", "doctests")
    assert status == 1
    assert output.startswith(f"docs/troubleshooting.rst:{odd}: 'Frobnication Level' is spelled "
                             f"'Frobnication level' elsewhere (docs/")
    assert len(output.splitlines()) == 1, output


def test_figure_sources_must_spell_labels_as_the_product(tree):
    source = "images/src/placetel-activate-zammad.txt"
    tree.edit(source, "check 16 60 on | Enable Call Control / Notify API",
              "check 16 60 on | Enable call control / notify API")
    tree.edit(source, "frame 16 280 368 224 | Placetel › Integrations › Zammad",
              "frame 16 280 368 224 | Placetel › Integration › Zammad")
    check = tree.line_of(source, "notify API")
    frame = tree.line_of(source, "› Integration ›")

    status, output = tree.module("placetel_tools.lint.text_check", "--figures", "images/src", "docs", "doctests", "images/src")

    assert status == 1
    assert output.splitlines() == [
        f"{source}:{frame}: UI label 'Integration' is spelled 'Integrations' in the product — write "
        "'Integrations' exactly as docs/ui-labels.txt has it, then run make images",
        f"{source}:{check}: UI label 'Enable call control / notify API' is spelled 'Enable Call Control / "
        "Notify API' in the product — write 'Enable Call Control / Notify API' exactly as docs/ui-labels.txt "
        "has it, then run make images",
    ]


def test_the_figure_sources_pass(tree):
    assert tree.module("placetel_tools.lint.text_check", "--figures", "images/src", "docs", "doctests", "images/src") == (0, "")
