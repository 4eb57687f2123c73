"""Sphinx extension: fail the build on a file under doctests/ that no page uses, since its examples would never reach a reader."""

# A snippet is used when a page includes it (include, literalinclude: Sphinx
# records both as dependencies of the page) or when a used snippet names it as
# the configuration of its examples (`.. simulator: config=NAME.json` for the
# console examples, doctest_config("NAME.json") for Sphinx's doctest).

import re
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)
SNIPPETS = "doctests"
NAMED = re.compile(r"""config=([\w.-]+\.json)|doctest_config\(\s*["']([\w.-]+\.json)["']""")


def unused(snippets, included, pages):
    """The files of ``snippets`` (a folder) that are neither in ``included`` nor named by one of
    ``pages`` or of the included snippets."""
    files = {p.resolve() for p in Path(snippets).iterdir() if p.is_file() and not p.name.startswith(".")}
    used = files & {Path(p).resolve() for p in included}
    for path in [*pages, *(p for p in used if p.suffix == ".rst")]:
        for match in NAMED.finditer(Path(path).read_text(encoding="utf-8")):
            used.add((Path(snippets) / (match.group(1) or match.group(2))).resolve())
    return sorted(files - used)


def check(app, env):
    included = {Path(app.srcdir) / dep for deps in env.dependencies.values() for dep in deps}
    pages = [env.doc2path(docname) for docname in env.found_docs]
    root = Path(app.confdir).resolve()
    for path in unused(root / SNIPPETS, included, pages):
        how = (f".. include:: ../{SNIPPETS}/{path.name}" if path.suffix == ".rst" else
               f".. literalinclude:: ../{SNIPPETS}/{path.name}, or name it in a snippet's "
               f".. simulator: config={path.name}")
        logger.warning("no page uses %s — use it from a page (%s) or delete it",
                       path.relative_to(root).as_posix(), how, location=f"{path}:1")


def setup(app):
    app.connect("env-updated", check)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
