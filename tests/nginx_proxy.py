"""A real nginx on 127.0.0.1 in front of the endpoint simulator, configured with a recipe of the page
"Protect the endpoint" (docs/recipes/): the harness of tests/test_recipes.py.

Each Proxy is its own nginx: its own prefix in a temporary folder, its own configuration (Debian's
module line, a server block shaped like the one Zammad ships in contrib/nginx/zammad.conf, the
recipe), a free port, run in the foreground as an unprivileged user (nobody when the tests run as
root), never a system service. The upstream ``zammad-railsserver`` of that server block is the
simulator, so the recipe's ``proxy_pass http://zammad-railsserver;`` stays as the page shows it."""

import os
import pwd
import random
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RECIPES = ROOT / "docs" / "recipes"
NGINX = Path("/usr/sbin/nginx")
JS_MODULE = Path("/usr/lib/nginx/modules/ngx_http_js_module.so")
PACKAGES = {NGINX: "nginx", JS_MODULE: "libnginx-mod-http-js"}
PREFIX = "@PREFIX@"  # in a recipe's text: this nginx's prefix folder (etc/, logs/)

# A server block shaped like Zammad's contrib/nginx/zammad.conf (plain HTTP: the tests' client is
# on loopback), written for these tests; {recipe} is where the page puts the location recipes.
CONFIGURATION = """\
pid {prefix}/logs/nginx.pid;
error_log {prefix}/logs/nginx.error.log;
worker_processes 1;
load_module {js_module};
events {{
    worker_connections 512;
}}
http {{
    client_body_temp_path {prefix}/temp/body;
    proxy_temp_path {prefix}/temp/proxy;
    fastcgi_temp_path {prefix}/temp/fastcgi;
    uwsgi_temp_path {prefix}/temp/uwsgi;
    scgi_temp_path {prefix}/temp/scgi;
    access_log {prefix}/logs/default.access.log;

    upstream zammad-railsserver {{
        server {upstream};
    }}

{http}

    server {{
        listen {listen};
        server_name zammad.example.com;
        server_tokens off;
        root {prefix}/public;
        access_log {prefix}/logs/zammad.access.log;
        error_log {prefix}/logs/zammad.error.log;
        client_max_body_size 50M;

{recipe}

        location / {{
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_pass http://zammad-railsserver;
        }}
    }}
}}
"""


def require_nginx():
    """Fail (never skip) when nginx or its JavaScript module is missing, naming what to install."""
    missing = [package for path, package in PACKAGES.items() if not path.exists()]
    if missing:
        pytest.fail(
            f"{', '.join(str(p) for p in PACKAGES if not p.exists())} missing — run "
            f"'apt-get install -y {' '.join(missing)}' as root (make test installs them when run as root)",
            pytrace=False,
        )


def nginx_version():
    """nginx's own version line, for example "nginx/1.22.1"."""
    proc = subprocess.run([NGINX, "-v"], capture_output=True, text=True, timeout=30)
    return proc.stderr.strip().removeprefix("nginx version: ")


def indent(text, spaces):
    return "".join((" " * spaces + line if line.strip() else line) for line in text.splitlines(True))


def recipe(name, **replaced):
    """The text of docs/recipes/NAME with ``replaced`` (old -> new); each old text must be there."""
    text = (RECIPES / name).read_text(encoding="utf-8")
    for old, new in replaced.items():
        assert old in text, f"docs/recipes/{name} no longer contains {old!r}: update the test and the page"
        text = text.replace(old, new)
    return text


def without_line(text, part, name="the recipe"):
    """``text`` with the one line that contains ``part`` removed (a broken copy)."""
    lines = text.splitlines(True)
    found = [i for i, line in enumerate(lines) if part in line]
    assert len(found) == 1, f"{name}: {len(found)} lines contain {part!r}, expected exactly 1"
    del lines[found[0]]
    return "".join(lines)


AUTOMATIC_PORTS = Path("/proc/sys/net/ipv4/ip_local_port_range")


def free_port():
    """A free loopback port for nginx, below the range the kernel hands out for port 0 and for
    outgoing connections: the other tests' servers and browsers take theirs from that range, so none
    of them can take this one before nginx binds it."""
    first_automatic = int(AUTOMATIC_PORTS.read_text().split()[0]) if AUTOMATIC_PORTS.exists() else 32768
    for port in random.sample(range(10_000, first_automatic), 100):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise AssertionError(f"no free port between 10000 and {first_automatic} on 127.0.0.1")


class Proxy:
    """One nginx with ``http`` (http-context lines) and ``location`` (the recipe) in front of
    ``upstream`` (host:port); ``files`` (name -> text) are written into the prefix's etc/ folder.
    Use ``with Proxy(...) as proxy:``; ``proxy.url`` is http://127.0.0.1:PORT."""

    def __init__(self, http, location, upstream, files=None):
        require_nginx()
        self.prefix = Path(tempfile.mkdtemp(prefix="placetel-nginx-"))
        self.http, self.location, self.upstream = http, location, upstream
        self.files = files or {}
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.user = "nobody" if os.geteuid() == 0 else None
        self._lay_out()

    @property
    def etc(self):
        return self.prefix / "etc"

    @property
    def logs(self):
        return self.prefix / "logs"

    def _lay_out(self):
        for folder in ("etc", "logs", "temp", "public"):
            (self.prefix / folder).mkdir()
        for name, text in self.files.items():
            (self.etc / name).write_text(text.replace(PREFIX, str(self.prefix)), encoding="utf-8")
        self.config = self.prefix / "nginx.conf"
        self.config.write_text(
            CONFIGURATION.format(
                prefix=self.prefix,
                js_module=JS_MODULE,
                upstream=self.upstream,
                listen=f"127.0.0.1:{self.port}",
                http=indent(self.http.replace(PREFIX, str(self.prefix)), 4),
                recipe=indent(self.location.replace(PREFIX, str(self.prefix)), 8),
            ),
            encoding="utf-8",
        )
        if self.user:  # nginx runs as nobody: it reads etc/, writes logs/ and temp/
            account = pwd.getpwnam(self.user)
            for path in [self.prefix, *self.prefix.rglob("*")]:
                path.chmod(0o755 if path.is_dir() else 0o644)
                if path.is_dir() and path.name in ("logs", "temp"):
                    os.chown(path, account.pw_uid, account.pw_gid)

    def command(self, *extra):
        return [str(NGINX), "-p", str(self.prefix), "-c", str(self.config), "-e", "stderr", *extra]

    def run(self, *extra):
        """nginx with ``extra`` options in the foreground (for example -t): (exit status, output)."""
        proc = subprocess.run(
            self.command(*extra), capture_output=True, text=True, timeout=60, user=self.user
        )
        return proc.returncode, proc.stdout + proc.stderr

    def test(self):
        """``nginx -t`` on this configuration: (exit status, output)."""
        return self.run("-t")

    def start(self):
        code, output = self.test()
        assert code == 0, f"{self.config}: nginx -t fails — fix the recipe:\n{output}"
        self.process = subprocess.Popen(
            self.command("-g", "daemon off;"),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            user=self.user,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"{self.config}: nginx stopped at start — {self.process.stdout.read()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise AssertionError(f"{self.config}: nginx does not listen on port {self.port} after 20 s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()  # nginx's fast shutdown
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process and self.process.stdout:
            self.process.stdout.close()
        self.process = None

    def access_logs(self, lines=0):
        """Everything every access log of this nginx holds (default, Zammad's, the recipe's), once
        they hold at least ``lines`` lines (nginx writes a line after it has answered; 5 s at most)."""
        deadline = time.monotonic() + 5
        text = self._access_logs()
        while text.count("\n") < lines and time.monotonic() < deadline:
            time.sleep(0.02)
            text = self._access_logs()
        return text

    def _access_logs(self):
        return "".join(
            path.read_text(encoding="utf-8", errors="replace")
            for path in sorted(self.logs.glob("*access.log"))
        )

    def log(self, name):
        path = self.logs / name
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        shutil.rmtree(self.prefix, ignore_errors=True)
