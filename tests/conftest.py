"""Shared fixtures: a scratch copy of the documentation tree and a way to build it."""

from pathlib import Path

import jinja2
import pytest
from project_copy import copy_project
from sphinx.jinja2glue import BuiltinTemplateLoader

# Sphinx's own fixtures (app, status, warning, @pytest.mark.sphinx): the extensions are
# tested in-process on the tiny projects under tests/roots/test-NAME/.
pytest_plugins = ["sphinx.testing.fixtures"]

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True, scope="session")
def compiled_templates_shared(tmp_path_factory):
    """Every Sphinx application a test makes compiles the theme's templates anew, a tenth of the tooling
    tests' time; they share Jinja's cache of compiled templates instead (Jinja checks each against its
    source; one cache per set of Jinja extensions, which change what a template compiles to)."""
    caches = {}
    init = BuiltinTemplateLoader.init

    def init_with_cache(self, *args, **kwargs):
        init(self, *args, **kwargs)
        kind = "-".join(sorted(self.environment.extensions)) or "plain"
        if kind not in caches:
            caches[kind] = jinja2.FileSystemBytecodeCache(str(tmp_path_factory.mktemp("jinja-" + kind)))
        self.environment.bytecode_cache = caches[kind]

    BuiltinTemplateLoader.init = init_with_cache
    yield
    BuiltinTemplateLoader.init = init


@pytest.fixture(autouse=True)
def no_global_state_left():
    """A test that patches requests (the doctests' simulator does) must undo it."""
    import requests

    before = requests.Session.get_adapter
    yield
    assert requests.Session.get_adapter is before, "requests.Session.get_adapter is still patched"


@pytest.fixture(scope="session")
def rootdir():
    """Where @pytest.mark.sphinx(testroot=NAME) finds tests/roots/test-NAME/."""
    return Path(__file__).resolve().parent / "roots"


@pytest.fixture
def tree(tmp_path):
    """A fresh copy of the sources, the Makefile and requirements.txt."""
    return copy_project(tmp_path)
