"""Sphinx extension: say on the pages which Zammad versions they describe and when they were last
checked against Zammad's and Placetel's sources, from the record `make upstream` writes.

Used by Sphinx (conf.py): the start page's substitutions and the footer of every page."""

# The record (docs/upstream.json, written by `make upstream`) gives the Zammad
# version whose source the pages were compared with, that source's commit,
# Placetel's commit and the day of the comparison; the described range is
# editorial (version_statement_described, set in conf.py from the check tool,
# which states the same range in its --help). Pages use the substitutions
#
#     |zammad-versions|   the described range, e.g. 6.x–7.x
#     |zammad-source|     the version of the compared source, e.g. 7.2.x
#     |upstream-checked|  the day of the comparison, e.g. 2026-12-04
#
# and every page's footer says the same (docs/_templates/footer.html reads the
# html_context values "zammad_versions", "zammad_source", "upstream_checked").
# A missing or unreadable record is an error: the pages would state nothing.

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util.typing import ExtensionMetadata


def read_record(path: Path) -> dict[str, str]:
    """The values the pages state, read from the record at ``path``; ConfigError if it cannot be read."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        values = {
            "zammad_source": str(record["zammad"]["version"]),
            "upstream_checked": str(record["checked"]),
        }
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ConfigError(
            f"{path}: cannot read the upstream record ({error!r}) — run `make upstream` and commit the file"
        ) from None
    if not all(values.values()):
        raise ConfigError(f"{path}: the upstream record names no version or date — run `make upstream`")
    return values


def add_statement(app: Sphinx, config: Config) -> None:
    """config-inited: the substitutions for the pages and the values for the footer."""
    values = read_record(Path(app.srcdir) / config.version_statement_record)
    values["zammad_versions"] = config.version_statement_described
    substitutions = {
        "zammad-versions": values["zammad_versions"],
        "zammad-source": values["zammad_source"],
        "upstream-checked": values["upstream_checked"],
    }
    prolog = "\n".join(f".. |{name}| replace:: {text}" for name, text in substitutions.items())
    config.rst_prolog = f"{config.rst_prolog or ''}\n{prolog}\n"
    config.html_context = {**config.html_context, **values}


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("version_statement_record", "upstream.json", "env", types=frozenset({str}))
    app.add_config_value("version_statement_described", "", "env", types=frozenset({str}))
    app.connect("config-inited", add_statement)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
