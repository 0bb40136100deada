"""The one way stationwatch fetches a URL: hardened against SSRF, bombs and slow servers.

requests-hardened resolves each host once, refuses private, loopback, link-local, CGNAT,
NAT64, 6to4 and multicast addresses (IPv4-mapped forms unwrapped) and connects to the very
address it checked, on every redirect hop. Around it we add what it leaves to callers: the
scheme, user-info, port and control-character checks of the URL, redirect validation, a
content-type allow-list, a cap on *decoded* bytes, and a total deadline enforced by running
the fetch in a child process that is killed when time is up (a per-read timeout alone lets a
server drip one byte at a time forever).
"""

from __future__ import annotations

import ipaddress
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import idna
import requests
from requests_hardened import Config, Manager, ip_filter
from requests_hardened.ip_filter import InvalidIPAddress
from urllib3.exceptions import LocationParseError
from urllib3.util import parse_url

from ..children import CONTEXT
from ..errors import StationwatchError

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/pdf")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml", "application/feed+json")
USER_AGENT = "stationwatch-capture/1 (evidence preservation; +https://github.com/stationwatch)"


class CaptureError(StationwatchError):
    """A URL that was refused or could not be captured; the message names the reason."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url, self.reason = url, reason

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:
        return (CaptureError, (self.url, self.reason))


@dataclass(frozen=True)
class FetchPolicy:
    """What a fetch may do. The defaults are for production; tests widen ports and loopback."""

    ports: frozenset[int] = frozenset({80, 443, 8080, 8443})
    allow_loopback: bool = False
    max_bytes: int = 50 * 1024 * 1024
    deadline: float = 60.0
    max_redirects: int = 10
    content_types: tuple[str, ...] = PAGE_TYPES
    allow_downgrade: bool = False
    user_agent: str = USER_AGENT
    #: Extra CA certificates to trust (a test's own CA); the system's are always trusted.
    ca_bundle: str | None = None

    @classmethod
    def from_settings(cls, sw: Any, **overrides: Any) -> FetchPolicy:
        policy = cls(ports=frozenset(sw.capture_ports), allow_loopback=sw.capture_allow_loopback,
                     max_bytes=sw.capture_max_bytes, deadline=float(sw.capture_deadline),
                     max_redirects=sw.capture_max_redirects)
        return replace(policy, **overrides)


@dataclass
class Fetched:
    """One completed HTTP exchange: the final response and how we got there."""

    url: str
    final_url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    address: str
    retrieved_at: datetime
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    redirects: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return self.header("content-type")

    def header(self, name: str) -> str:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), "")


def display_host(url: str) -> str:
    """The host as a reader sees it: punycode labels decoded, so look-alikes are visible
    next to the stored ASCII form."""
    host = parse_url(url).host or ""
    try:
        return idna.decode(host)
    except (idna.IDNAError, UnicodeError, ValueError):
        return host


def validate_url(url: str, policy: FetchPolicy) -> str:
    """The URL in the normalized form requests will send, or CaptureError.

    One parser (urllib3's, which requests uses) decides the host that is checked and the host
    that is connected to; hosts are IDNA-encoded (punycode) here.
    """
    raw = url.strip()
    if any(ch in raw for ch in "\\\t\r\n ") or any(ord(ch) < 0x20 or ord(ch) == 0x7F
                                                   for ch in raw):
        raise CaptureError(url, "URL contains spaces, control characters or backslashes")
    try:
        scheme = (parse_url(raw).scheme or "").lower()
    except LocationParseError as exc:
        raise CaptureError(url, f"not a valid URL ({exc})") from None
    if scheme not in {"http", "https"}:
        raise CaptureError(url, f"only http and https URLs can be captured, not "
                                f"{scheme + ':' if scheme else 'a URL without a scheme'}")
    prepared = requests.PreparedRequest()
    try:
        prepared.prepare_url(raw, None)
    except (requests.RequestException, UnicodeError, ValueError) as exc:
        raise CaptureError(url, f"not a valid URL ({exc})") from None
    normal = str(prepared.url)
    parsed = parse_url(normal)
    if parsed.auth:
        raise CaptureError(url, "URLs with a user name or password are refused")
    if not parsed.host:
        raise CaptureError(url, "URL has no host")
    port = parsed.port or (443 if scheme == "https" else 80)
    if port not in policy.ports:
        raise CaptureError(url, f"port {port} is not allowed (allowed: "
                                f"{', '.join(str(p) for p in sorted(policy.ports))})")
    return normal


_CGNAT = ipaddress.ip_network("100.64.0.0/10")
#: IPv6 forms that carry an IPv4 address but that neither Python nor requests-hardened unwraps:
#: IPv4-compatible (``::a.b.c.d``, deprecated) and IPv4-translated (``::ffff:0:a.b.c.d``,
#: SIIT). ``[::127.0.0.1]`` passed the check and only the kernel's routing stopped it.
_WRAPPED_V4 = (ipaddress.IPv6Network("::/96"), ipaddress.IPv6Network("::ffff:0:0:0/96"))
# requests-hardened checks its module's tuple at connect time: the wrappers join it there.
ip_filter.EXTRA_BLOCKED_NET_RANGES = (*ip_filter.EXTRA_BLOCKED_NET_RANGES,
                                      *(n for n in _WRAPPED_V4
                                        if n not in ip_filter.EXTRA_BLOCKED_NET_RANGES))
EXTRA_BLOCKED_NET_RANGES = ip_filter.EXTRA_BLOCKED_NET_RANGES


def refused_kind(address: str) -> str:
    """Why an address is refused, in words for the error message."""
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address.strip("[]"))
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if isinstance(ip, ipaddress.IPv6Address) and not (ip.is_loopback or ip.is_unspecified) \
            and any(ip in net for net in _WRAPPED_V4):
        inner = ipaddress.IPv4Address(int(ip) & 0xFFFF_FFFF)
        return f"IPv4 address wrapped in IPv6: {inner}, {refused_kind(str(inner))}"
    for test, word in ((ip.is_loopback, "loopback"), (ip.is_unspecified, "unspecified"),
                       (ip.is_link_local, "link-local"), (ip.is_multicast, "multicast")):
        if test:
            return word
    if ip in _CGNAT:
        return "CGNAT shared address space"
    if any(ip in net for net in EXTRA_BLOCKED_NET_RANGES):
        return "translation or relay address"
    return "private" if ip.is_private else "not public"


def _session(policy: FetchPolicy) -> requests.Session:
    config = Config(ip_filter_enable=True, ip_filter_allow_loopback_ips=policy.allow_loopback,
                    never_redirect=True, default_timeout=(10, 20),
                    user_agent_override=policy.user_agent)
    session: requests.Session = Manager(config).get_session()
    session.trust_env = False  # no proxies or .netrc from the environment
    if policy.ca_bundle:
        session.verify = policy.ca_bundle
    return session


def _media_type(value: str) -> str:
    return value.split(";", 1)[0].strip().lower()


def fetch_inline(url: str, policy: FetchPolicy, *, headers: dict[str, str] | None = None
                 ) -> Fetched:
    """Fetch in this process (no hard deadline: use ``fetch``). Raises CaptureError."""
    start = time.monotonic()
    first = current = validate_url(url, policy)
    redirects: list[str] = []
    with _session(policy) as session:
        for _hop in range(policy.max_redirects + 1):
            host = parse_url(current).host or ""
            try:
                resp = session.get(current, stream=True, headers=headers or {})
            except InvalidIPAddress as exc:
                address = str(exc.args[0]) if exc.args else "?"
                raise CaptureError(current, f"destination not allowed "
                                            f"({refused_kind(address)}): {host} resolves to "
                                            f"{address}") from None
            except requests.exceptions.SSLError as exc:
                raise CaptureError(current, f"TLS failed (certificate not trusted or not for "
                                            f"this host): {_short(exc)}") from None
            except requests.RequestException as exc:
                raise CaptureError(current, f"could not connect: {_short(exc)}") from None
            try:
                if resp.is_redirect:
                    target = urljoin(current, resp.headers.get("location", ""))
                    nxt = validate_url(target, policy)
                    if current.startswith("https:") and nxt.startswith("http:") \
                            and not policy.allow_downgrade:
                        raise CaptureError(current, f"redirect from https to http refused "
                                                    f"({nxt})")
                    redirects.append(nxt)
                    current = nxt
                    continue
                return _read(resp, first, current, redirects, policy, start)
            finally:
                resp.close()
    raise CaptureError(first, f"too many redirects (more than {policy.max_redirects})")


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) < 300 else text[:300] + "…"


def _read(resp: requests.Response, first: str, final: str, redirects: list[str],
          policy: FetchPolicy, start: float) -> Fetched:
    address = _peer(resp)
    # Headers are stored with the capture too: they count toward the same cap (a server can
    # send a hundred 64 KB header lines, 6 MB, with an empty body).
    header_bytes = sum(len(k) + len(v) + 4 for k, v in resp.headers.items())
    if header_bytes > policy.max_bytes:
        raise CaptureError(final, f"too large: {header_bytes:,} bytes of response headers "
                                  f"(limit {policy.max_bytes:,} in all)")
    if resp.status_code == 304:
        body = b""
    elif not 200 <= resp.status_code < 300:
        raise CaptureError(final, f"HTTP {resp.status_code} {resp.reason or ''}".rstrip())
    else:
        media = _media_type(resp.headers.get("content-type", ""))
        if media and media not in policy.content_types:
            raise CaptureError(final, f"content type {media!r} is not accepted "
                                      f"(accepted: {', '.join(policy.content_types)})")
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > policy.max_bytes:
            raise CaptureError(final, f"too large: {int(declared):,} bytes declared "
                                      f"(limit {policy.max_bytes:,})")
        chunks: list[bytes] = []
        total = header_bytes
        try:
            for chunk in resp.iter_content(chunk_size=65536):
                total += len(chunk)
                if total > policy.max_bytes:
                    raise CaptureError(final, f"too large: more than {policy.max_bytes:,} "
                                              f"bytes after decoding")
                if time.monotonic() - start > policy.deadline:
                    raise CaptureError(final, f"deadline of {policy.deadline:g} s exceeded")
                chunks.append(chunk)
        except requests.RequestException as exc:
            raise CaptureError(final, f"download failed: {_short(exc)}") from None
        body = b"".join(chunks)
    request_headers = list(resp.request.headers.items()) if resp.request else []
    return Fetched(url=first, final_url=final, status=resp.status_code,
                   reason=resp.reason or "", headers=list(resp.headers.items()), body=body,
                   address=address, retrieved_at=datetime.now(UTC),
                   request_headers=[(k, str(v)) for k, v in request_headers],
                   redirects=redirects)


def _peer(resp: requests.Response) -> str:
    """The address actually connected to (kept in the WARC record as WARC-IP-Address)."""
    candidates = (getattr(getattr(resp.raw, "_connection", None), "sock", None),
                  getattr(getattr(getattr(getattr(resp.raw, "_fp", None), "fp", None), "raw",
                                  None), "_sock", None))
    for sock in candidates:
        try:
            if sock is not None:
                return str(sock.getpeername()[0])
        except OSError:
            continue
    return ""


def _child(conn: Any, url: str, policy: FetchPolicy, headers: dict[str, str] | None) -> None:
    try:
        result: Fetched | CaptureError = fetch_inline(url, policy, headers=headers)
    except CaptureError as exc:
        result = exc
    except Exception as exc:  # anything else must still reach the parent as a reason
        result = CaptureError(url, f"capture failed: {type(exc).__name__}: {_short(exc)}")
    try:
        conn.send(result)
    finally:
        conn.close()


def fetch(url: str, policy: FetchPolicy, *, headers: dict[str, str] | None = None) -> Fetched:
    """Fetch ``url`` under ``policy`` in a child process killed at the deadline.

    The child does the whole exchange (DNS, TLS, redirects, body), so a stalled handshake or
    a slow drip ends at ``policy.deadline`` and the caller's slot is freed.
    """
    validate_url(url, policy)  # cheap refusals need no process
    parent, child = CONTEXT.Pipe(duplex=False)
    proc = CONTEXT.Process(target=_child, args=(child, url, policy, headers), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(policy.deadline):
            raise CaptureError(url, f"deadline of {policy.deadline:g} s exceeded")
        try:
            result = parent.recv()
        except EOFError:
            raise CaptureError(url, "capture process ended without an answer") from None
    finally:
        parent.close()
        proc.kill()
        proc.join(5)
    if isinstance(result, CaptureError):
        raise result
    if not isinstance(result, Fetched):
        raise CaptureError(url, "capture process sent an unexpected answer")
    return result
