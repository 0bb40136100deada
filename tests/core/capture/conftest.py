"""Local servers for the capture tests: plain HTTP (pytest-httpserver) and HTTPS with a CA
made for the test run by the openssl command."""

from __future__ import annotations

import ssl
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from stationwatch.capture import FetchPolicy


def policy_for(server: HTTPServer, **changes: object) -> FetchPolicy:
    """The production policy, widened only to reach this test's own loopback server."""
    base = FetchPolicy(allow_loopback=True, deadline=10.0)
    return replace(base, ports=base.ports | {server.port}, **changes)


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A throwaway CA, a certificate for 127.0.0.1/localhost it signed, and a self-signed one."""
    d = tmp_path_factory.mktemp("tls")

    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=d)

    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=test CA",
        "-keyout", "ca.key", "-out", "ca.pem")
    run("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
        "-keyout", "server.key", "-out", "server.csr")
    (d / "san.ext").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-days", "2", "-extfile", "san.ext", "-out", "server.pem")
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout", "self.key", "-out", "self.pem")
    return {name: d / name for name in ("ca.pem", "server.pem", "server.key", "self.pem",
                                        "self.key")}


def _tls_server(cert: Path, key: Path):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = HTTPServer(host="127.0.0.1", ssl_context=context)
    server.start()
    return server


@pytest.fixture
def https_server(tls_files):
    server = _tls_server(tls_files["server.pem"], tls_files["server.key"])
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def self_signed_server(tls_files):
    server = _tls_server(tls_files["self.pem"], tls_files["self.key"])
    yield server
    server.clear()
    server.stop()
