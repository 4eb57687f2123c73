"""A copy of the project's sources that a test may break on purpose (the `tree` fixture, and module-
wide copies)."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREE = ["conf.py", "Makefile", "requirements.txt", "docs", "doctests", "images", "locale", "placetel_tools"]


def edit(path, old, new, count=1):
    """Replace ``old`` by ``new`` in the file ``path``; fail loudly if ``old`` is absent."""
    text = Path(path).read_text(encoding="utf-8")
    assert old in text, f"{path} no longer contains {old!r}: update the test"
    Path(path).write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path, text):
    """The number of the first line of the file ``path`` that contains ``text``."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


class Tree:
    """A copy of the project's sources that a test may break on purpose."""

    def __init__(self, path):
        self.path = path

    def __truediv__(self, name):
        return self.path / name

    def edit(self, name, old, new, count=1):
        """Replace ``old`` by ``new`` in file ``name``; fail loudly if ``old`` is absent."""
        edit(self.path / name, old, new, count)

    def line_of(self, name, text):
        """The number of the first line of file ``name`` that contains ``text``."""
        return line_of(self.path / name, text)

    def module(self, module, *args):
        """Run ``python -m module args`` in this copy; return (exit status, everything printed)."""
        proc = subprocess.run(
            [sys.executable, "-m", module, *args], cwd=self.path, capture_output=True, text=True, timeout=120
        )
        return proc.returncode, proc.stdout + proc.stderr

    def sphinx(self, builder="html", *extra):
        """Run a strict sphinx-build of this copy; return (exit status, everything printed)."""
        cmd = [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            builder,
            "-c",
            ".",
            "-n",
            "-W",
            "--keep-going",
            "-q",
            "-E",
            *extra,
            "docs",
            f"_build/{builder}",
        ]
        proc = subprocess.run(cmd, cwd=self.path, capture_output=True, text=True, timeout=300)
        return proc.returncode, proc.stdout + proc.stderr


def copy_project(folder):
    """Copy the sources, the Makefile and requirements.txt into ``folder``; return it as a Tree."""
    for name in TREE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, folder / name, ignore=shutil.ignore_patterns("__pycache__", "_build", "*.mo")
            )
        elif source.exists():
            shutil.copy2(source, folder / name)
    return Tree(folder)
