"""The catalogue of the figures' texts: the template images.pot, and a language's translations.

`make gettext` writes the template of every text a reader sees (`python -m
placetel_tools.figures --pot`); `make translations` (placetel_tools/translations.py) merges it
into locale/LANG/LC_MESSAGES/images.po, which translations() reads for the renderer. Used by
project.py and cli.py."""

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, write_po

from placetel_tools.figures import draw
from placetel_tools.figures.draw import BADGE_TEXT, Translations, render
from placetel_tools.figures.layout import Layout
from placetel_tools.figures.source import FigureError, Message
from placetel_tools.lint import po

PROJECT = Path(__file__).resolve().parents[2]  # the badge's entry names draw.py relative to it


def translations(where: Layout | Path | str, language: str) -> Translations:
    """{(msgctxt, msgid): (msgstr, "locale/LANG/LC_MESSAGES/images.po:LINE")} of the entries in
    use: neither fuzzy nor obsolete, msgstr not empty. FigureError if it does not parse."""
    layout = Layout.of(where)
    path = layout.catalogue_path(language)
    name = layout.rel(path)
    try:
        entries = po.read(path)
    except (OSError, UnicodeDecodeError) as err:
        raise _unparsed(name, 1, err) from None
    except PoFileError as err:
        line = err.lineno + 1  # Babel counts from 0
        raise _unparsed(name, line, f"line {line}: {str(err).rsplit(' on ', 1)[0]}") from None
    return {
        (entry.context or None, entry.msgid): (entry.msgstr, f"{name}:{entry.line}")
        for entry in entries
        if not entry.obsolete and not entry.fuzzy and entry.msgid and entry.msgstr
    }


def _unparsed(name: str, line: int, reason) -> FigureError:
    return FigureError(
        name,
        line,
        f"the catalogue does not parse ({reason}) — fix it as the message says, "
        f"or create it again with `make translations`",
    )


def badge_message() -> Message:
    """The renderer's own text, the "Illustration" badge, at its line in draw.py."""
    path = Path(draw.__file__).resolve()
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("BADGE_TEXT ="))
    return Message(
        None,
        BADGE_TEXT,
        path.relative_to(PROJECT).as_posix(),
        line,
        "badge\nthe label in the top right corner of every figure, added by the renderer (room: 84 px)",
    )


# The template's header comment: what a translator needs. Babel (make translations) rewraps it
# at 76 columns, drops indentation and all blank lines but the first: lines stay short.
TEMPLATE_HEADER = """\
Texts of the figures, for translation. One source serves every language:
images/src/NAME.txt renders images/NAME.svg in English and, with this
catalogue, images/NAME.LANG.svg. `make gettext` extracts the texts
(python -m placetel_tools.figures --pot), `make translations` merges
them into locale/LANG/LC_MESSAGES/images.po, `make images` renders.

Each entry: msgctxt names the figure (open images/NAME.svg to see it),
#: the line of its source, #. the kind of element (title, desc, frame,
box, text, button, field, check, tab, row = a table cell, badge) and
where it sits. How to translate:
- Zammad's labels (in frames "Administration › …"): exactly as Zammad's
interface in your language spells them (locale/LANG/ui-labels.txt).
- Placetel's labels (in frames "Placetel › …"): copy the English.
No public source gives their translations; never invent one.
- Zammad's answers to Placetel (Invalid token), product names
(Zammad, Placetel): copy them.
- Everything else (title and desc, read out by screen readers; notes,
placeholders, example data): translate it as the pages do.
- \\n breaks a line; put it where it reads best. A translation must fit
the box the English fits: `make images` fails naming the source line
and this file's entry. Shorten the translation, or widen the box in
the source (it serves every language).
- An empty or fuzzy msgstr shows the English. A msgstr equal to its
msgid means "the same in this language".
Not listed, as they read the same in every language: URLs, XML
elements (<Response/>), request lines (POST /api/…), event names
(IncomingCall), hex ids, monospace texts (code, tokens), and texts
without letters (numbers, times, step numbers)."""


def messages(where: Layout | Path | str) -> list[Message]:
    """Every text to translate: the badge, then each source's texts in order.

    Raises the first FigureError of a broken source."""
    layout = Layout.of(where)
    found = [badge_message()]
    for source in layout.source_files():
        record: list[Message] = []
        render(source.read_text(encoding="utf-8"), layout.rel(source), record=record)
        found += record
    return found


def template(where: Layout | Path | str) -> str:
    """The catalogue template images.pot of every figure's texts, as text (deterministic).

    Raises the first FigureError of a broken source."""
    pot = Catalog(
        project="Placetel for Zammad",
        header_comment="\n".join(f"# {line}".rstrip() for line in TEMPLATE_HEADER.splitlines()),
        msgid_bugs_address="",
        fuzzy=False,
    )
    for message in messages(where):
        key = (message.msgid, message.context)
        entry = pot.get(*key)
        if entry is None:
            entry = pot.add(message.msgid, "", context=message.context)
        place = (message.path, message.line)
        if place not in entry.locations:
            entry.locations.append(place)
        entry.auto_comments += [n for n in message.comment.split("\n") if n not in entry.auto_comments]
    buffer = io.BytesIO()
    write_po(buffer, pot, width=76)
    # Without Babel's date of now: the same figures make the same template.
    lines = buffer.getvalue().decode("utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith('"POT-Creation-Date:'))


def write_template(path: Path | str, where: Layout | Path | str) -> int:
    """Write images.pot to ``path``; return the number of its entries."""
    text = template(where)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return text.count("\nmsgid ") - 1 + text.startswith("msgid ")
