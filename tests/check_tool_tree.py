"""A tiny check tool of the tests' own, with its German catalogue merged as `make translations` merges
it (tests/test_check_translations.py, tests/test_embedded_translations.py)."""

import textwrap

from babel.messages.pofile import read_po

from placetel_tools import check_translations, translations

TOOL = textwrap.dedent(
    """\
    language = "en"


    def N_(message):
        return message


    def _(message, **values):
        text = TRANSLATIONS.get(language, {}).get(message, message)
        return text.format(**values) if values else text


    PAGE = N_("Troubleshooting")


    def empty(name):
        return _(
            "{file} is empty; save it again as CSV in UTF-8, with one first line naming "
            "its columns, then check it again.",
            file=name,
        )


    def quoted():
        return _('200 with <Reject reason="busy"/>') + _("it's \\\\ here")


    # BEGIN GENERATED TRANSLATIONS
    # END GENERATED TRANSLATIONS
    """
)
EMPTY = (
    "{file} is empty; save it again as CSV in UTF-8, with one first line naming its columns, then check "
    "it again."
)
GERMAN = {
    "Troubleshooting": "Fehlerbehebung",
    EMPTY: "{file} ist leer; speichern Sie die Datei erneut als CSV in UTF-8, mit einer ersten Zeile, die "
    "ihre Spalten nennt, und prüfen Sie sie dann erneut.",
    '200 with <Reject reason="busy"/>': '200 mit <Reject reason="busy"/>',
    "it's \\ here": "es ist \\ hier",
}


def translate(root, texts, language="de", fuzzy=()):
    """Extract, merge (placetel_tools.translations, as `make translations`), fill in ``texts``, mark
    the messages ``fuzzy``."""
    check_translations.write_template(root / "gettext" / "check.pot", root / "tool.py")
    translations.update(root / "gettext", root / "locale", add=[language])
    path = root / "locale" / language / "LC_MESSAGES" / "check.po"
    with path.open("rb") as file:
        catalog = read_po(file)
    for message in catalog:
        if message.id in texts:
            message.string = texts[message.id]
        if message.id in fuzzy:
            message.flags.add("fuzzy")
    path.write_bytes(translations._render(catalog))
    return path


def load(path):
    """The tool as a module, run in a namespace of its own."""
    namespace = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return namespace
