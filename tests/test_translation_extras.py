"""Sphinx's i18n extended: the check tool's console output and sphinx-tabs' labels are translated."""

import pytest


@pytest.mark.sphinx("gettext", testroot="translation-extras", srcdir="translation-extras-pot")
def test_only_the_check_tools_console_blocks_become_messages(app):
    app.build()
    catalogue = (app.outdir / "index.pot").read_text(encoding="utf-8")
    assert (
        'msgid "$ python3 check.py https://zammad.example.com/api/v1/placetel/TOKEN\\n"\n"The endpoint works."'
        in catalogue
    )
    assert "$ curl" not in catalogue  # other code stays code
    assert 'msgid "The tool"' in catalogue


@pytest.mark.sphinx(
    "html", testroot="translation-extras", srcdir="translation-extras-de", confoverrides={"language": "de"}
)
def test_a_translated_page_shows_translated_output_and_tab_labels(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "Der Endpunkt funktioniert." in html and "The endpoint works." not in html
    assert ">Das Werkzeug<" in html and ">The tool<" not in html
    assert 'name="VGhlIHRvb2w="' in html  # the group keeps the English label's name across languages
    assert ">curl<" in html and "done" in html


@pytest.mark.sphinx("html", testroot="translation-extras", srcdir="translation-extras-en")
def test_the_english_page_is_unchanged(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "The endpoint works." in html and ">The tool<" in html
