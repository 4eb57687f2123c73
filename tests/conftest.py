"""Shared fixtures: a scratch copy of the documentation tree and a way to build it."""

from pathlib import Path

import pytest
from project_copy import copy_project

# Sphinx's own fixtures (app, status, warning, @pytest.mark.sphinx): the extensions are
# tested in-process on the tiny projects under tests/roots/test-NAME/.
pytest_plugins = ["sphinx.testing.fixtures"]

ROOT = Path(__file__).resolve().parent.parent


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
