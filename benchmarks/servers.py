"""Real app servers for the two-server test and the load run: gunicorn with
the production settings (DEBUG off, behind a "TLS proxy" that the client
plays by sending X-Forwarded-Proto), on random loopback ports."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
# Variables of the test or benchmark process that must not leak into a server.
NOT_INHERITED = {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "DATABASE_URL", "TASKS_BACKEND"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(database_url: str, redis_url: str, static_root: Path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    return env | {
        "DJANGO_SETTINGS_MODULE": "fardplan.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "BEHIND_TLS_PROXY": "1",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": f"fardplan-test-{secrets.token_hex(4)}",
        "STATIC_ROOT": str(static_root),
        "TASKS_BACKEND": "database",
        **extra,
    }


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], env=env, cwd=ROOT, check=True, capture_output=True
    )


class Hosts(list):
    """The servers' host:port strings, with their master processes beside them."""

    processes: list[subprocess.Popen]


def worker_pids(master: int) -> set[int]:
    """The processes whose parent is `master` (Linux /proc)."""
    pids = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                pids.add(int(stat.parent.name))
    return pids


@contextlib.contextmanager
def gunicorns(
    env: dict, count: int, log_dir: Path, workers: int = 2, each: list[dict] | None = None
) -> Iterator[Hosts]:
    """`count` gunicorn instances from gunicorn.conf.py; yields their host:port strings.
    `each` gives every instance variables of its own (a MEDIA_ROOT, say)."""
    processes, urls = [], Hosts()
    urls.processes = processes
    try:
        for i in range(count):
            port = free_port()
            log = (log_dir / f"gunicorn-{i}.log").open("wb")
            server_env = env | (each[i] if each else {})
            server_env |= {"BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
                    env=server_env,
                    cwd=ROOT,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
            urls.append(f"127.0.0.1:{port}")
        for url, process in zip(urls, processes, strict=True):
            wait_healthy(url, process)
        yield urls
    finally:
        for process in processes:
            # INT is gunicorn's quick shutdown; HUP/TERM are the graceful ones.
            process.send_signal(signal.SIGINT)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def wait_healthy(host: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn on {host} exited with {process.returncode}")
        with contextlib.suppress(OSError):
            if Browser(host).get("/healthz").status == 200:
                return
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn on {host} did not become healthy in {seconds:.0f} s")


class Response:
    def __init__(self, status: int, headers: dict, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Browser:
    """A cookie-keeping client that talks to one server as a TLS proxy would."""

    def __init__(self, host: str, cookies: dict | None = None):
        self.host = host
        self.cookies = cookies if cookies is not None else {}
        self.connection = http.client.HTTPConnection(host, timeout=30)

    def on(self, host: str) -> Browser:
        """The same person (same cookies) talking to another server."""
        return Browser(host, self.cookies)

    def request(
        self,
        method: str,
        path: str,
        data: dict | list | None = None,
        files: dict[str, tuple[str, bytes]] | None = None,
        **headers,
    ):
        body = urlencode(data, doseq=True) if data is not None and files is None else None
        sent = {
            "X-Forwarded-Proto": "https",
            "Host": self.host,
            "Origin": f"https://{self.host}",
            "Referer": f"https://{self.host}{path}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **headers,
        }
        if files is not None:
            body, sent["Content-Type"] = multipart(data or {}, files)
        elif body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if body is not None and "csrftoken" in self.cookies:
            sent["X-CSRFToken"] = self.cookies["csrftoken"]
        try:
            self.connection.request(method, path, body=body, headers=sent)
            raw = self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            # A keep-alive connection the server closed: one fresh try.
            self.connection.close()
            self.connection = http.client.HTTPConnection(self.host, timeout=30)
            self.connection.request(method, path, body=body, headers=sent)
            raw = self.connection.getresponse()
        payload = raw.read()
        for header in raw.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Response(raw.status, dict(raw.headers), payload)

    def get(self, path: str, **headers) -> Response:
        return self.request("GET", path, **headers)

    def post(self, path: str, data: dict | list, **headers) -> Response:
        return self.request("POST", path, data, **headers)

    def upload(self, path: str, data: dict, files: dict[str, tuple[str, bytes]]) -> Response:
        """A multipart POST: `files` maps a field to (file name, bytes)."""
        return self.request("POST", path, data, files=files)

    def login(self, username: str, password: str) -> Response:
        self.get("/konto/login/")
        return self.post("/konto/login/", {"username": username, "password": password})


def multipart(fields: dict, files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body and its Content-Type."""
    boundary = secrets.token_hex(16)
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + str(value).encode()
            + b"\r\n"
        )
    for name, (filename, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        parts.append(head.encode() + content + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


class FormFields(HTMLParser):
    """The values a browser would submit for the first <form> in a page."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.action: str | None = None
        self._select: str | None = None
        self._textarea: str | None = None
        self._done = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self._done:
            return
        if tag == "form" and self.action is None:
            self.action = a.get("action") or ""
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            if kind not in {"submit", "button", "file"}:
                self.fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea = a.get("name")
            self.fields.append((self._textarea, ""))

    def handle_data(self, data):
        if self._textarea:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self.action is not None:
            self._done = True


def form_fields(html: str) -> list[tuple[str, str]]:
    parser = FormFields()
    parser.feed(html)
    return parser.fields


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
