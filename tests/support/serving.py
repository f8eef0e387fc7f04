"""Serving what a test built: a folder over HTTP in this process, nginx with the project's
configuration, `make serve` on its port 8000, and a free port for each. One implementation
of each, for every test that serves something."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.project import person

# Waiting for a server to answer: long enough for a busy machine, so only a hang fails.
PATIENCE_S = 300


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder without writing a line per request into the test's output."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """`folder` served on 127.0.0.1 at a free port, by a thread of this process, while the
    block runs; yields the base URL (no slash at its end)."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def run_nginx(tmp: Path, server: str, port: int) -> subprocess.Popen:
    """nginx serving `server` (a server block, as deploy/ writes it) on `port`, its files
    under `tmp`; returns once it answers."""
    temp = {name: tmp / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    (tmp / "nginx.conf").write_text(
        f"""daemon off;
user root;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
{server}
}}
""",
        encoding="utf-8",
    )
    process = subprocess.Popen(["nginx", "-c", str(tmp / "nginx.conf"), "-p", str(tmp)])
    deadline = time.monotonic() + PATIENCE_S
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail((tmp / "error.log").read_text())
            time.sleep(0.05)  # polling: the next try, not a wait for something to happen
    return process


@contextlib.contextmanager
def port_8000() -> Iterator[None]:
    """Hold 127.0.0.1:8000 (where `make serve` listens) for the time of a test: `make test`
    runs the test files in two processes (pytest-xdist, --dist loadfile), and several files
    preview a notice as the README writes it. A lock file, released when the process ends."""
    with open(Path(tempfile.gettempdir()) / "notice-site-tests-port-8000.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def serve_once(line: str, project: Path, env: dict[str, str]) -> str:
    """Start `make serve …` as written, read its home page once, stop it (holding port 8000
    meanwhile: port_8000)."""
    with port_8000():
        return _serve_once(line, project, env)


def _serve_once(line: str, project: Path, env: dict[str, str]) -> str:
    server = subprocess.Popen(
        ["bash", "-c", line],
        cwd=project,
        env=person(project, **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen("http://127.0.0.1:8000/", timeout=60) as response:
                    return response.read().decode("utf-8")
            except OSError:
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                time.sleep(0.5)  # polling until it answers
        pytest.fail("make serve did not answer on http://127.0.0.1:8000/")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=300)
    return ""
