"""`marsad serve`: refuses a missing store, serves a real one on 127.0.0.1."""

import subprocess
import sys
import time

import httpx

from conftest import ROOT
from serve_fixtures import free_port, synthetic_store


def test_serve_needs_a_store():
    r = subprocess.run([sys.executable, "-m", "marsad", "serve", "--db", "/nonexistent/m.db"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 2 and "marsad ingest" in r.stderr


def test_serve_answers_on_loopback_read_only(tmp_path):
    db = tmp_path / "s.db"
    synthetic_store(db).close()
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", str(port)],
                            cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                stats = httpx.get(f"{url}/api/stats").json()
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert stats["documents"] == 3
        page = httpx.get(url + "/")
        assert 'dir="rtl"' in page.text and 'lang="ar"' in page.text
        assert httpx.post(f"{url}/api/documents", json={"reports": [{"text": "هدنة"}]}).status_code == 403
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert "read-only" in proc.stderr.read()


def test_serve_takes_the_write_token_from_the_environment(tmp_path):
    import os

    db = tmp_path / "s.db"
    synthetic_store(db).close()
    port = free_port()
    env = {**os.environ, "MARSAD_TOKEN": "from-env"}
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", str(port)],
                            cwd=ROOT, stderr=subprocess.PIPE, text=True, env=env)
    try:
        url = f"http://127.0.0.1:{port}/api/documents"
        for _ in range(200):
            try:
                r = httpx.post(url, json={"reports": [{"text": "هدنة"}]}, headers={"Authorization": "Bearer nope"})
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert r.status_code == 401
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert "writing allowed with the token" in proc.stderr.read()
