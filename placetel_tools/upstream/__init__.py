"""`make upstream`: the project's sources of truth (UI labels, simulator, caller-ID model, Placetel facts)
checked against the Zammad and Placetel files they describe, and the record of that check
(docs/upstream.json). One module per job:

* ``sources``: the upstream files, from local trees or downloaded from GitHub;
* ``facts``: the project's facts, each with its place and digest (what the record vouches for);
* ``labels``, ``endpoint``, ``seeds``, ``model``, ``placetel``: one comparison each;
* ``ruby``: Zammad's own number functions, run by Debian's ruby;
* ``record``: docs/upstream.json, and the offline check `make lint` runs on it;
* ``cli``: the command line (``python -m placetel_tools.upstream``).

The project never stores Zammad's or Placetel's files: they are read at run time."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Difference:
    """One disagreement, printed as ``path:line: what — todo``. ``path`` is the project file to
    change; ``what`` names the upstream file and line it disagrees with."""

    path: str
    line: int
    what: str
    todo: str
    fact: str = ""  # the id of the project fact that disagrees ("" when no single fact does)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what} — {self.todo}"


@dataclass
class Result:
    """What one comparison found: how many things it compared, and every difference."""

    name: str
    compared: int = 0
    differences: list[Difference] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # printed, not differences: how it compared

    def differ(self, path: str, line: int, what: str, todo: str, fact: str = "") -> None:
        self.differences.append(Difference(path, line, what, todo, fact))
