"""Sphinx extensions of this project; conf.py lists them. Each module is one extension with one job.

An extension that keeps something per page in Sphinx's environment does it one way, PageRecord."""

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


class PageRecord:
    """{docname: what the extension found on the page}, kept in the environment's attribute
    ``attribute``: created at builder-inited (an environment pickled by an earlier build keeps its
    pages'), a page's entry dropped when the page is read again or removed (env-purge-doc), the
    pages of parallel readers merged in (env-merge-info)."""

    def __init__(self, attribute: str) -> None:
        self.attribute = attribute

    def of(self, env: BuildEnvironment) -> dict:
        return getattr(env, self.attribute)

    def connect(self, app: Sphinx) -> None:
        app.connect("builder-inited", self._create)
        app.connect("env-purge-doc", self._purge)
        app.connect("env-merge-info", self._merge)

    def _create(self, app: Sphinx) -> None:
        vars(app.env).setdefault(self.attribute, {})

    def _purge(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.of(env).pop(docname, None)

    def _merge(self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
        theirs = self.of(other)
        self.of(env).update({docname: theirs[docname] for docname in docnames if docname in theirs})
