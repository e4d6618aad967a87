"""`annexsite serve` regenerates the page when an annex changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from helpers import copy_scenario


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as resp:
        return resp.read().decode("utf-8")


def _wait_for(url: str, needle: str, proc, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        assert proc.poll() is None, "serve exited"
        try:
            last = _get(url)
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{needle!r} never appeared at {url}; last page had {len(last)} chars")


def test_serve_regenerates_on_annex_edit(tmp_path):
    project = copy_scenario(tmp_path / "minimal")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "annexsite", "-C", str(project), "serve", "-a", f"127.0.0.1:{port}"],
        stdout=log, stderr=subprocess.STDOUT, text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/alpha/4a906/"
        _wait_for(url, "Gate-based quantum computers above the qubit bands.", proc)
        cat = project / "annexes/alpha/category-4.yaml"
        cat.write_text(cat.read_text().replace("Gate-based quantum computers above", "Edited guidance, machines above"))
        _wait_for(url, "Edited guidance, machines above", proc)
        # a broken edit shows its file:line in the log (MkDocs then holds requests until it is fixed)
        cat.write_text(cat.read_text().replace("kind: software", "kind: gadget"))
        deadline = time.monotonic() + 60
        while "'gadget' is not allowed" not in (tmp_path / "serve.log").read_text() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert "annexes/alpha/category-4.yaml:" in (tmp_path / "serve.log").read_text()
    except AssertionError:
        print((tmp_path / "serve.log").read_text())
        raise
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_serve_on_a_busy_port_fails_cleanly(tmp_path):
    project = copy_scenario(tmp_path / "minimal")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "annexsite", "-C", str(project), "serve", "-a", f"127.0.0.1:{port}"],
            capture_output=True, text=True, timeout=120,
        )
    assert result.returncode == 1
    assert f"annexsite: error: cannot serve on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr
