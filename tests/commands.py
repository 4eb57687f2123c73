"""Run the project's commands the way a writer does, for the few tests that test a command line:
`python -m MODULE` from any folder, and Makefile targets with this interpreter's environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def python_module(module: str, *args: str, cwd: Path, timeout: int = 60) -> subprocess.CompletedProcess[str]:
    """``python -m module args`` in ``cwd``, with the project importable."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )


def make(folder: Path, target: str, *variables: str, timeout: int = 300) -> tuple[int, str]:
    """``make target [NAME=VALUE ...]`` in ``folder`` with this interpreter's virtual environment:
    (status, output)."""
    env = dict(os.environ, VIRTUAL_ENV=str(Path(sys.executable).parent.parent))
    proc = subprocess.run(
        ["make", "--no-print-directory", target, *variables],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return proc.returncode, proc.stdout + proc.stderr
