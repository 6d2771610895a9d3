"""Issue 13, medium and low: the preview server.

It accepted any ``Host`` header (a DNS-rebinding page could read the unpublished
preview and its event stream), listened with a backlog of 5, kept idle connections
open for ever, said nothing about ``--host 0.0.0.0``, and left its temporary folder
behind when killed."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitegen.serve.devserver import IDLE_SECONDS, DevHandler, DevHTTPServer
from sitegen.serve.preview import DevServer
from sitegen.serve.servehost import TMP_PREFIX, allowed_host, clean_stale, is_loopback
from tests.hostile.crafted import ARTICLE


def _project(root: Path) -> Path:
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    return root


def _get(port: int, path: str, host: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_host=True)
        conn.putheader("Host", host)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_medium_preview_refuses_foreign_host_names(tmp_path: Path) -> None:
    server = DevServer(_project(tmp_path / "p"), port=0, search=False).start()
    try:
        port = server.port
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", f"[::1]:{port}"):
            status, _ = _get(port, "/", host)
            assert status == 200, host
        for host in ("evil.example", f"evil.example:{port}", "127.0.0.1.nip.io", ""):
            status, body = _get(port, "/", host)
            assert status == 403 and b"Host" in body, host
            status, _ = _get(port, "/__sitegen/events?server=x&epoch=0", host)
            assert status == 403, host
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("header", "bound", "ok"),
    [
        ("127.0.0.1:8000", "127.0.0.1", True),
        ("localhost:8000", "127.0.0.1", True),
        ("app.localhost", "127.0.0.1", True),
        ("[::1]:8000", "::1", True),
        ("192.168.1.20:8000", "0.0.0.0", True),  # a machine on the network, by address
        ("192.168.1.20:8000", "127.0.0.1", False),
        ("10.0.0.5", "10.0.0.5", True),
        ("rebind.evil.example:8000", "0.0.0.0", False),
        ("rebind.evil.example", "127.0.0.1", False),
        (None, "127.0.0.1", False),
    ],
)
def test_medium_host_rule(header: str | None, bound: str, ok: bool) -> None:
    assert allowed_host(header, bound) is ok


def test_low_listen_backlog_is_128_and_idle_connections_time_out() -> None:
    assert DevHTTPServer.request_queue_size == 128
    assert DevHandler.timeout == IDLE_SECONDS and 20 < IDLE_SECONDS <= 60


def test_low_an_idle_connection_is_closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DevHandler, "timeout", 0.5)
    server = DevServer(_project(tmp_path / "p"), port=0, search=False).start()
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\n")  # and then nothing more
            start = time.monotonic()
            while sock.recv(4096):
                pass
            assert time.monotonic() - start < 5  # closed by the server, not by us
    finally:
        server.stop()


def test_low_host_0_0_0_0_warns(tmp_path: Path) -> None:
    assert not is_loopback("0.0.0.0") and not is_loopback("::")
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sitegen.cli",
            "serve",
            str(_project(tmp_path / "p")),
            "--host",
            "0.0.0.0",
            "--port",
            "0",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        first = proc.stderr.readline()
        assert first.startswith("warning: --host 0.0.0.0 shows the unpublished preview")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def test_low_preview_temp_folder_removed_on_exit_and_stale_ones_cleaned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / "tmp" / f"{TMP_PREFIX}killed"
    (stale / "site").mkdir(parents=True)
    (stale / "pid").write_text(str(dead.pid))
    alive = tmp_path / "tmp" / f"{TMP_PREFIX}running"
    alive.mkdir()
    (alive / "pid").write_text(str(os.getppid()))  # a process that is still running
    server = DevServer(_project(tmp_path / "p"), port=0, search=False)
    assert not stale.exists() and alive.exists()
    own = server._tmp
    assert own.parent == tmp_path / "tmp" and (own / "pid").read_text() == str(os.getpid())
    server.start()
    server.stop()
    assert not own.exists()
    assert clean_stale(tmp_path / "tmp") == []
