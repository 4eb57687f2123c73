"""The upstream files `make upstream` reads: from a local tree laid out like the repository, or
downloaded from GitHub (Zammad: its newest release, or a given ref; Placetel: its default branch).
Exactly these files are read, nothing else."""

# GitHub is reached through two base addresses, overridable for the tests (which
# serve a tree of their own on 127.0.0.1):
#
#   UPSTREAM_API_URL  (default https://api.github.com)          the newest tag, commits
#   UPSTREAM_RAW_URL  (default https://raw.githubusercontent.com) the files at a commit
#
# GITHUB_TOKEN, when set (the scheduled workflow sets it), is sent to the API only,
# against its rate limit. A file or address that cannot be read raises SourceError,
# which names it.

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import requests

ZAMMAD_REPO = "zammad/zammad"
PLACETEL_REPO = "Placetel/call-control-notify-api"

# Every Zammad file the checks read, by the name the checks use.
ZAMMAD_FILES = {
    "version": "VERSION",
    "controller": "app/controllers/integration/placetel_controller.rb",
    "routes": "config/routes/integration_placetel.rb",
    "seeds": "db/seeds/settings.rb",
    "caller_id": "app/models/cti/caller_id.rb",
    "view": "app/assets/javascripts/app/views/integration/placetel.jst.eco",
    "base_view": "app/assets/javascripts/app/views/integration/base.jst.eco",
    "http_log": "app/assets/javascripts/app/views/widget/http_log.jst.eco",
    "caller_log": "app/assets/javascripts/app/views/cti/caller_log.jst.eco",
    "page_controller": "app/assets/javascripts/app/controllers/_integration/placetel.coffee",
    "catalogue": "i18n/zammad.de-de.po",
}
PLACETEL_FILES = {"readme": "README.md"}

API_URL = "https://api.github.com"
RAW_URL = "https://raw.githubusercontent.com"
TIMEOUT = 30
VERSION_TAG = re.compile(r"v?(\d+)\.(\d+)\.(\d+)")  # a release tag; pre-releases (7.0.0-rc1) are not


class SourceError(Exception):
    """An upstream file or address could not be read; the message names it and what to do."""


@dataclass
class Upstream:
    """One repository's files as read: ``files`` maps the check's name to the file's text."""

    name: str  # "zammad" or "placetel"
    repo: str
    ref: str | None
    commit: str | None
    origin: str  # the folder or base URL the files came from
    paths: dict[str, str]
    files: dict[str, str] = field(default_factory=dict)

    def where(self, key: str, line: int | None = None) -> str:
        """How a message names a file (and line) of this repository: ``zammad:app/…/x.rb:12``."""
        return f"{self.name}:{self.paths[key]}" + (f":{line}" if line else "")

    def record(self) -> dict:
        return {"repo": self.repo, "ref": self.ref, "commit": self.commit}


def _git(folder: Path, *args: str) -> str | None:
    if not (folder / ".git").exists():
        return None
    try:
        proc = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=30, check=False
        )
    except OSError:
        return None
    if proc.returncode != 0:
        return None
    return proc.stdout.strip() or None


def local(
    name: str,
    repo: str,
    folder: str | Path,
    paths: dict[str, str],
    ref: str | None = None,
    commit: str | None = None,
) -> Upstream:
    """The files ``paths`` under ``folder``; ref and commit from git when it is a checkout (or as
    given), else ref "local"."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SourceError(f"{folder}: not a folder — pass the root of a {repo} checkout")
    upstream = Upstream(
        name,
        repo,
        ref or _git(folder, "describe", "--tags", "--exact-match") or "local",
        commit or _git(folder, "rev-parse", "HEAD"),
        str(folder),
        paths,
    )
    missing = []
    for key, path in paths.items():
        try:
            upstream.files[key] = (folder / path).read_text(encoding="utf-8")
        except OSError as error:
            missing.append(f"{folder / path} ({error.strerror or error})")
    if missing:
        raise SourceError(
            "cannot read " + ", ".join(missing) + f" — pass a tree laid out like {repo} with these files"
        )
    return upstream


class GitHub:
    """Reads repositories from GitHub (or from the stand-in the base URLs point to)."""

    def __init__(self, api: str | None = None, raw: str | None = None, session=None) -> None:
        self.api = (api or os.environ.get("UPSTREAM_API_URL") or API_URL).rstrip("/")
        self.raw = (raw or os.environ.get("UPSTREAM_RAW_URL") or RAW_URL).rstrip("/")
        self.session = session or requests.Session()
        self.headers = {"Accept": "application/vnd.github+json"}
        if os.environ.get("GITHUB_TOKEN"):
            self.headers["Authorization"] = f"Bearer {os.environ['GITHUB_TOKEN']}"

    def _get(self, url: str, api: bool) -> requests.Response:
        try:
            response = self.session.get(url, headers=self.headers if api else {}, timeout=TIMEOUT)
        except requests.RequestException as error:
            raise SourceError(
                f"{url}: cannot be reached ({type(error).__name__}) — check the network"
            ) from None
        if response.status_code != 200:
            raise SourceError(f"{url}: HTTP {response.status_code} — check the repository, ref and path")
        return response

    def json(self, path: str):
        url = f"{self.api}/{path}"
        try:
            return self._get(url, api=True).json()
        except ValueError:
            raise SourceError(f"{url}: not JSON — is UPSTREAM_API_URL GitHub's API?") from None

    def newest_release(self, repo: str) -> str:
        """The newest release tag: the latest GitHub release, else the highest X.Y.Z tag."""
        try:
            return self.json(f"repos/{repo}/releases/latest")["tag_name"]
        except (SourceError, KeyError, TypeError):
            pass
        tags = [tag.get("name", "") for tag in self.json(f"repos/{repo}/tags?per_page=100")]
        versions = [(tuple(map(int, m.groups())), tag) for tag in tags if (m := VERSION_TAG.fullmatch(tag))]
        if not versions:
            raise SourceError(f"{self.api}/repos/{repo}/tags: no release tag — pass ZAMMAD_REF=TAG")
        return max(versions)[1]

    def default_branch(self, repo: str) -> str:
        return self.json(f"repos/{repo}")["default_branch"]

    def commit(self, repo: str, ref: str) -> str:
        return self.json(f"repos/{repo}/commits/{ref}")["sha"]

    def read(self, name: str, repo: str, paths: dict[str, str], ref: str) -> Upstream:
        commit = self.commit(repo, ref)
        upstream = Upstream(name, repo, ref, commit, f"{self.raw}/{repo}/{commit}", paths)
        for key, path in paths.items():
            url = f"{upstream.origin}/{path}"
            try:
                upstream.files[key] = self._get(url, api=False).content.decode("utf-8")
            except UnicodeDecodeError:
                raise SourceError(f"{url}: not UTF-8 text — check the path") from None
        return upstream


def zammad(folder: str | None = None, ref: str | None = None, github: GitHub | None = None) -> Upstream:
    """Zammad's files: from ``folder``, else from GitHub at ``ref`` (default: the newest release)."""
    if folder:
        return local("zammad", ZAMMAD_REPO, folder, ZAMMAD_FILES, ref=ref)
    github = github or GitHub()
    return github.read("zammad", ZAMMAD_REPO, ZAMMAD_FILES, ref or github.newest_release(ZAMMAD_REPO))


def placetel(folder: str | None = None, ref: str | None = None, github: GitHub | None = None) -> Upstream:
    """Placetel's API description: from ``folder``, else from GitHub at ``ref`` (default branch)."""
    if folder:
        return local("placetel", PLACETEL_REPO, folder, PLACETEL_FILES, ref=ref)
    github = github or GitHub()
    return github.read("placetel", PLACETEL_REPO, PLACETEL_FILES, ref or github.default_branch(PLACETEL_REPO))
