"""The hardened client against SECURITY.md section A, with real local servers.

"Refused before any connection" is checked on the server itself: its log stays empty.
"""

from __future__ import annotations

import gzip
import socket
import time
from dataclasses import replace

import pytest
from werkzeug import Response

from stationwatch.capture import (
    CaptureError,
    FetchPolicy,
    display_host,
    fetch,
    fetch_inline,
    validate_url,
)

from .conftest import policy_for

PAGE = (b"<html><head><title>Report</title></head>"
        b"<body><p>Overseas police station.</p></body></html>")


@pytest.fixture
def server(httpserver_ipv4):
    httpserver_ipv4.clear()
    return httpserver_ipv4


def refused(url: str, policy: FetchPolicy) -> str:
    with pytest.raises(CaptureError) as info:
        fetch_inline(url, policy)
    return info.value.reason


# --- A1/A2: loopback in every spelling, with a real server listening there -------------------

@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "2130706433", "0x7f000001",
                                  "0177.0.0.1", "127.1", "0.0.0.0", "[::ffff:127.0.0.1]"])
def test_loopback_in_any_spelling_is_refused_and_the_server_never_sees_a_request(server, host):
    server.expect_request("/admin/").respond_with_data("secret")
    policy = policy_for(server, allow_loopback=False)
    reason = refused(f"http://{host}:{server.port}/admin/", policy)
    assert reason.startswith("destination not allowed (")
    assert "loopback" in reason or "unspecified" in reason
    assert server.log == []


def test_the_isolated_fetch_refuses_loopback_too(server):
    server.expect_request("/").respond_with_data("secret")
    with pytest.raises(CaptureError, match=r"destination not allowed \(loopback\)"):
        fetch(f"http://127.0.0.1:{server.port}/", policy_for(server, allow_loopback=False))
    assert server.log == []


# --- A3/A4: metadata, CGNAT, IPv6 wrappers, multicast -----------------------------------------

@pytest.mark.parametrize("url, kind", [
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[fd00:ec2::254]/", "private"),
    ("http://100.100.100.200/", "CGNAT"),
    ("http://[::ffff:169.254.169.254]/", "link-local"),
    ("http://[64:ff9b::a9fe:a9fe]/", "translation"),
    ("http://[2002:7f00:1::]/", "translation"),
    ("http://224.0.0.1/", "multicast"),
    ("http://10.0.0.5/", "private"),
    ("http://[::1]/", "loopback"),
])
def test_metadata_private_and_wrapped_addresses_are_refused(url, kind):
    # allow_loopback stays off except to show it only ever admits loopback itself.
    for policy in (FetchPolicy(), FetchPolicy(allow_loopback=True)):
        if kind == "loopback" and policy.allow_loopback:
            continue
        reason = refused(url, policy)
        assert reason.startswith("destination not allowed") and kind in reason


# --- A5/A6: names that resolve to private addresses; DNS rebinding -----------------------------

class StubResolver:
    """Answers chosen addresses for one name, in turn; other names resolve normally."""

    def __init__(self, name: str, answers: list[str]) -> None:
        self.name, self.answers, self.calls = name, answers, 0
        self.real = socket.getaddrinfo

    def __call__(self, host, port, *args, **kwargs):
        if host != self.name:
            return self.real(host, port, *args, **kwargs)
        address = self.answers[min(self.calls, len(self.answers) - 1)]
        self.calls += 1
        return self.real(address, port, *args, **kwargs)


def test_a_public_looking_name_resolving_to_a_private_address_is_refused(monkeypatch):
    stub = StubResolver("news.example", ["10.0.0.5"])
    monkeypatch.setattr(socket, "getaddrinfo", stub)
    reason = refused("http://news.example/story", FetchPolicy())
    assert reason == "destination not allowed (private): news.example resolves to 10.0.0.5"


def test_rebinding_the_connection_goes_to_the_address_that_was_checked(monkeypatch, server):
    server.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    stub = StubResolver("news.example", ["127.0.0.1", "10.0.0.5"])
    monkeypatch.setattr(socket, "getaddrinfo", stub)
    got = fetch_inline(f"http://news.example:{server.port}/story", policy_for(server))
    assert got.body == PAGE and got.address == "127.0.0.1"
    assert stub.calls == 1  # the second (private) answer was never asked for, never used
    assert server.log[0][0].headers["Host"] == f"news.example:{server.port}"


# --- A7: redirects -------------------------------------------------------------------------

def test_redirects_are_followed_and_recorded(server):
    server.expect_request("/old").respond_with_data("", status=301,
                                                    headers={"Location": "/new"})
    server.expect_request("/new").respond_with_data(PAGE, content_type="text/html")
    got = fetch_inline(server.url_for("/old"), policy_for(server))
    assert got.final_url.endswith("/new") and got.redirects == [got.final_url]
    assert got.url.endswith("/old") and got.status == 200


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/", "http://10.1.2.3/",
                                    "http://[::ffff:10.0.0.1]/"])
def test_a_redirect_hop_to_a_private_address_is_refused(server, target):
    server.expect_request("/go").respond_with_data("", status=302, headers={"Location": target})
    reason = refused(server.url_for("/go"), policy_for(server))
    assert reason.startswith("destination not allowed")


def test_a_redirect_to_another_scheme_or_port_is_refused(server):
    server.expect_request("/a").respond_with_data("", status=302,
                                                  headers={"Location": "file:///etc/passwd"})
    server.expect_request("/b").respond_with_data("", status=302,
                                                  headers={"Location": "http://127.0.0.1:22/"})
    assert "only http and https" in refused(server.url_for("/a"), policy_for(server))
    assert "port 22 is not allowed" in refused(server.url_for("/b"), policy_for(server))


def test_an_endless_redirect_chain_stops_at_the_limit(server):
    server.expect_request("/loop").respond_with_data("", status=302,
                                                     headers={"Location": "/loop"})
    reason = refused(server.url_for("/loop"), policy_for(server, max_redirects=30))
    assert reason == "too many redirects (more than 30)"
    assert len(server.log) == 31


def test_https_to_http_downgrade_is_refused(https_server, tls_files, server):
    https_server.expect_request("/").respond_with_data(
        "", status=302, headers={"Location": server.url_for("/plain")})
    policy = replace(policy_for(server), ca_bundle=str(tls_files["ca.pem"]),
                     ports=policy_for(server).ports | {https_server.port})
    reason = refused(https_server.url_for("/"), policy)
    assert reason.startswith("redirect from https to http refused")
    assert server.log == []


def test_https_with_a_trusted_certificate_works(https_server, tls_files):
    https_server.expect_request("/").respond_with_data(PAGE, content_type="text/html")
    policy = policy_for(https_server, ca_bundle=str(tls_files["ca.pem"]))
    assert fetch_inline(https_server.url_for("/"), policy).body == PAGE


# --- A8/A9/A10/A15: the URL itself -----------------------------------------------------------

@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://example.org/", "ftp://x.org/f",
                                 "data:text/html,<b>x</b>", "javascript:alert(1)",
                                 "jar:http://x.org/a.jar!/", "example.org/page"])
def test_only_http_and_https_are_accepted(url):
    with pytest.raises(CaptureError, match="only http and https"):
        validate_url(url, FetchPolicy())


@pytest.mark.parametrize("url", ["http://user:pw@example.org/", "http://good.example@evil.example/",
                                 "http://user@example.org/"])
def test_user_info_is_refused(url):
    with pytest.raises(CaptureError, match="user name or password"):
        validate_url(url, FetchPolicy())


@pytest.mark.parametrize("url", ["http://example.org\\@evil.example/", "http://exa\tmple.org/",
                                 "http://example.org/\npath", "http://example.org/a b",
                                 "http://example.org/\x00"])
def test_backslashes_and_control_characters_are_refused(url):
    with pytest.raises(CaptureError, match="control characters or backslashes"):
        validate_url(url, FetchPolicy())


def test_the_host_checked_is_the_host_connected_to():
    # The fragment trick: one parser says the host is evil.example, and that is what is used.
    url = validate_url("http://evil.example#@good.example/", FetchPolicy())
    assert url.startswith("http://evil.example/")


@pytest.mark.parametrize("port", [22, 25, 6379, 5432, 9200])
def test_ports_outside_the_allow_list_are_refused(server, port):
    with pytest.raises(CaptureError, match=f"port {port} is not allowed"):
        validate_url(f"http://example.org:{port}/", FetchPolicy())


def test_idn_hosts_are_stored_as_punycode_and_shown_decoded():
    url = validate_url("http://аррӏе.com/news", FetchPolicy())
    assert url == "http://xn--80ak6aa92e.com/news"
    assert display_host(url) == "аррӏе.com"


# --- A11-A14: bodies, time and TLS -----------------------------------------------------------

def test_an_endless_body_is_cut_at_the_cap(server):
    def endless(_request):
        def chunks():
            for _ in range(10_000):
                yield b"x" * 65536
        return Response(chunks(), content_type="text/plain")

    server.expect_request("/endless").respond_with_handler(endless)
    reason = refused(server.url_for("/endless"), policy_for(server, max_bytes=1_000_000))
    assert reason == "too large: more than 1,000,000 bytes after decoding"


def test_a_declared_length_over_the_cap_is_refused_before_reading(server):
    server.expect_request("/big").respond_with_data(b"x" * 2_000_000, content_type="text/plain")
    reason = refused(server.url_for("/big"), policy_for(server, max_bytes=1_000_000))
    assert reason.startswith("too large: 2,000,000 bytes declared")


def test_a_gzip_bomb_is_cut_when_the_decoded_size_passes_the_cap(server):
    bomb = gzip.compress(b"\0" * 50_000_000, compresslevel=9)
    assert len(bomb) < 100_000
    server.expect_request("/bomb").respond_with_data(
        bomb, content_type="text/html", headers={"Content-Encoding": "gzip"})
    reason = refused(server.url_for("/bomb"), policy_for(server, max_bytes=1_000_000))
    assert reason == "too large: more than 1,000,000 bytes after decoding"


def test_a_slow_drip_ends_at_the_total_deadline(server):
    def drip(_request):
        def chunks():
            for _ in range(40):
                time.sleep(0.25)
                yield b"x"
        return Response(chunks(), content_type="text/plain")

    server.expect_request("/drip").respond_with_handler(drip)
    start = time.monotonic()
    with pytest.raises(CaptureError, match=r"deadline of 2 s exceeded"):
        fetch(server.url_for("/drip"), policy_for(server, deadline=2.0))
    assert time.monotonic() - start < 6


def test_a_server_that_never_answers_ends_at_the_deadline():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts the TCP handshake, never says a word
    port = listener.getsockname()[1]
    try:
        policy = FetchPolicy(allow_loopback=True, deadline=2.0, ports=frozenset({port}))
        start = time.monotonic()
        with pytest.raises(CaptureError, match="deadline"):
            fetch(f"https://127.0.0.1:{port}/", policy)
        assert time.monotonic() - start < 6
    finally:
        listener.close()


def test_an_untrusted_certificate_is_an_error_never_retried_insecurely(self_signed_server):
    self_signed_server.expect_request("/").respond_with_data(PAGE, content_type="text/html")
    reason = refused(self_signed_server.url_for("/"), policy_for(self_signed_server))
    assert reason.startswith("TLS failed")
    assert self_signed_server.log == []  # no plain or unverified second attempt got through


# --- what is kept --------------------------------------------------------------------------

def test_content_types_outside_the_allow_list_are_refused(server):
    server.expect_request("/img").respond_with_data(b"\x89PNG", content_type="image/png")
    assert "content type 'image/png' is not accepted" in refused(server.url_for("/img"),
                                                                 policy_for(server))


def test_http_errors_are_errors(server):
    server.expect_request("/gone").respond_with_data("no", status=404)
    assert refused(server.url_for("/gone"), policy_for(server)) == "HTTP 404 NOT FOUND"


def test_a_capture_keeps_body_headers_and_address(server):
    server.expect_request("/p").respond_with_data(PAGE, content_type="text/html; charset=utf-8",
                                                  headers={"ETag": '"v1"'})
    got = fetch(server.url_for("/p"), policy_for(server))
    assert got.body == PAGE and got.status == 200 and got.address == "127.0.0.1"
    assert got.header("etag") == '"v1"' and got.content_type.startswith("text/html")
    assert any(k.lower() == "user-agent" and "stationwatch" in v for k, v in got.request_headers)
