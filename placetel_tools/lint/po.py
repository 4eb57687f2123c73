"""Read the translation catalogues (locale/LANG/LC_MESSAGES/*.po) for the lint tools: each message with
its line in the .po and its English source.

Used by the lint commands and the console example runner."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po


@dataclass(frozen=True)
class Message:
    """One entry of a catalogue (the header excluded)."""

    path: Path  # the .po file
    line: int  # the line of its msgstr (of its msgid for an obsolete entry)
    msgid: str
    msgstr: str
    fuzzy: bool
    obsolete: bool
    sources: tuple[str, ...]  # the English places, "docs/setup.rst:25"
    comment: str  # extracted comments (#.), e.g. a figure element's kind
    context: str = ""  # msgctxt: the same words in two places (a figure's name)

    @property
    def key(self) -> tuple[str, str]:
        """What identifies the message in every catalogue: its context and its English."""
        return self.context, self.msgid

    @property
    def source(self) -> str:
        return self.sources[0] if self.sources else "?"

    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def short(self, width: int = 60) -> str:
        """The English text, cut for a message."""
        text = " ".join(self.msgid.split())
        return text if len(text) <= width else text[: width - 1] + "…"


def _source(path: str, line: int | None) -> str:
    # Locations are relative to _build/gettext ("../../docs/setup.rst"); keep the project path.
    return re.sub(r"^(?:\.\./)+", "", path) + (f":{line}" if line else "")


def read(path: Path | str) -> list[Message]:
    """Every entry of the catalogue ``path``, obsolete ones included, in file order.

    Raises babel.messages.pofile.PoFileError (a ValueError) at a line that does not parse."""
    path = Path(path)
    with path.open("rb") as file:
        catalogue = read_po(file, abort_invalid=True)
    lines = path.read_text(encoding="utf-8").splitlines()
    entries = [(entry, False) for entry in catalogue if entry.id] + [
        (entry, True) for entry in catalogue.obsolete.values()
    ]
    messages = []
    for entry, obsolete in sorted(entries, key=lambda e: e[0].lineno):
        line = entry.lineno  # the msgid's line; the msgstr follows its continuation lines
        while not obsolete and line <= len(lines) and not lines[line - 1].startswith("msgstr"):
            line += 1
        messages.append(
            Message(
                path,
                line,
                entry.id,
                entry.string,
                entry.fuzzy,
                obsolete,
                tuple(_source(p, n) for p, n in entry.locations),
                "\n".join(entry.auto_comments),
                entry.context or "",
            )
        )
    return messages


def language_of(path: Path | str) -> str:
    """The language of a catalogue at .../LANG/LC_MESSAGES/NAME.po."""
    return Path(path).parent.parent.name


def catalogue_files(paths) -> list[Path]:
    """The .po files named, or found under the folders named."""
    found = []
    for name in paths:
        path = Path(name)
        found += sorted(path.rglob("*.po")) if path.is_dir() else [path]
    return found


def translated(paths) -> list[Message]:
    """The messages with a translation in use: not obsolete, not fuzzy, msgstr set."""
    return [
        m
        for path in catalogue_files(paths)
        for m in read(path)
        if m.msgstr and not m.fuzzy and not m.obsolete
    ]
