"""make spelling: the dictionary and word lists of each language, hyphenated compounds checked part by part.

Needs Debian's hunspell-en-us and hunspell-de-de (`make test` installs them as root)."""

import pytest
from sphinx.util.console import strip_colors

from placetel_tools.sphinxext.spelling_setup import dictionary


def test_dictionaries_by_language():
    assert [dictionary(lang) for lang in ("en", "de", "fr")] == ["en_US", "de_DE", "fr_FR"]
    # where the language is most likely spoken, not its code twice; a given country stays
    assert [dictionary(lang) for lang in ("sv", "da", "pt_BR")] == ["sv_SE", "da_DK", "pt_BR"]
    assert dictionary("xx") == "xx_XX"  # unknown to CLDR: named after itself, reported missing later


def _misspelt(warning):
    return sorted(
        line.split("Spell check: ")[1].split(":")[0]
        for line in strip_colors(warning.getvalue()).splitlines()
        if "Spell check" in line
    )


@pytest.mark.sphinx("spelling", testroot="spelling", srcdir="spelling-en")
def test_a_misspelt_english_word_is_a_warning_with_file_and_line(app, warning):
    app.build()
    assert _misspelt(warning) == ["speling"]
    assert "index.rst:6: : Spell check: speling: Your account has" in strip_colors(warning.getvalue())


@pytest.mark.sphinx("spelling", testroot="spelling", srcdir="spelling-de", confoverrides={"language": "de"})
def test_german_uses_the_german_dictionary_its_word_list_and_checks_compounds_by_part(app, warning):
    app.build()
    # "Placetel-Konto": both parts known (Placetel from the shared list); "Zammad-Kontto": Zammad is
    # not in this root's lists, Kontto is in locale/de's; "Rechtschreibfeler" is misspelt German.
    assert _misspelt(warning) == ["Rechtschreibfeler", "Zammad"]


@pytest.mark.sphinx("spelling", testroot="spelling-roles")
def test_the_texts_of_terms_references_and_links_are_checked(app, warning):
    """A misspelt word in :term:`text <target>`, :ref:`text <label>` or a link's text is found too."""
    app.build()
    assert _misspelt(warning) == ["calr", "descripton", "secton"]
