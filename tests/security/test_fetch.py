"""The fetcher under attack (issue 22, items 1 and 2): each attack reproduced against tests/security/evil_server.py.

* Slow-loris: headers or a body dripped a byte at a time end at the one deadline (``timeout`` for the whole fetch).
* Bad timeouts (NaN, infinite, negative, huge, not a number) are a one-line InputError.
* Truncated gzip/deflate bodies and bodies shorter than their Content-Length are a FetchError, not a page.
* SSRF: a "public" page (a name the resolver override maps to 127.0.0.1 and calls public) may not redirect to
  127.0.0.1, a private or the metadata address; link-local/metadata are refused always; a page the user gave on
  127.0.0.1 may redirect to 127.0.0.1; ``allow_private_redirects=True`` lifts the inward rule, never the metadata one.
* DNS rebinding: each hop's host is resolved once and the connection goes to the checked address.
* Terminal escapes in an HTTP reason phrase never reach the error message.

Nothing here touches the internet: every connection goes to servers on 127.0.0.1.
"""

from __future__ import annotations

import math
import shutil
import socket
import time

import pytest

import framing.cli
from framing.errors import FetchError, InputError
from framing.ingest import fetch as fetch_mod
from framing.ingest import fetch_article, netguard
from framing.ingest.netguard import AddressClass
from security.evil_server import SECRET, EvilServer, make_certificate, tls_server_context

TITLE = "Harbor City council approves new footbridge after long debate"
PUBLIC = AddressClass.PUBLIC


@pytest.fixture(scope="module")
def evil():
    srv = EvilServer().start()
    inner = EvilServer().start()  # "internal" service on another port of 127.0.0.1
    srv.other_port_url = inner.url("/secret")
    srv.inner = inner
    yield srv
    inner.stop()
    srv.stop()


@pytest.fixture
def names(monkeypatch):
    """A resolver override: ``names[host] = [(address, AddressClass)]``; other hosts go to the real resolver."""
    table: dict[str, list[tuple[str, AddressClass]]] = {}
    calls: list[str] = []
    real = fetch_mod.resolve_host

    def resolve(host, port, timeout):
        calls.append(host)
        if host in table:
            return table[host]
        return real(host, port, timeout)

    monkeypatch.setattr(fetch_mod, "resolve_host", resolve)
    table["news.example"] = [("127.0.0.1", PUBLIC)]  # a "public" news site, served on 127.0.0.1
    resolve.table = table  # type: ignore[attr-defined]
    resolve.calls = calls  # type: ignore[attr-defined]
    return resolve


def one_line(exc: BaseException) -> str:
    text = str(exc)
    assert "\n" not in text and "\x1b" not in text
    return text


# --------------------------------------------------------------------------- slow-loris: one deadline


@pytest.mark.parametrize("path", ["/drip-headers", "/drip-body"])
def test_dripping_server_is_cut_off_at_the_deadline(evil, path):
    t0 = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 1 s") as info:
        fetch_article(evil.url(path), timeout=1, check_language=False)
    elapsed = time.monotonic() - t0
    assert 0.9 <= elapsed < 2.0, elapsed
    one_line(info.value)


def test_deadline_covers_every_redirect_hop(evil, names):
    # a public page redirecting to a dripping page on the same "public" host: the deadline runs across hops
    names.table["slow.example"] = [("127.0.0.1", PUBLIC)]
    evil.routes["/hop-to-drip"] = (302, {"Location": evil.url("/drip-body", host="slow.example")}, b"")
    t0 = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 1 s"):
        fetch_article(evil.url("/hop-to-drip", host="news.example"), timeout=1, check_language=False)
    assert time.monotonic() - t0 < 2.0


@pytest.mark.parametrize("path", ["/drip-headers", "/drip-body"])
def test_cli_read_with_timeout_2_ends_within_4_seconds(evil, path, capsys):
    """The issue's must-show: `framing read URL --timeout 2` ends within 4 s, exit 2, one line."""
    t0 = time.monotonic()
    with pytest.raises(SystemExit) as info:
        framing.cli.main(["read", evil.url(path), "--timeout", "2"])
    elapsed = time.monotonic() - t0
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert elapsed < 4.0, elapsed
    assert err.count("\n") == 1 and err.startswith("framing: error: ") and "timed out after 2 s" in err, err


@pytest.mark.parametrize("bad", [0, -1, math.nan, math.inf, -math.inf, 301, 1e9, "5", None, True])
def test_bad_timeouts_are_one_line_input_errors(bad):
    with pytest.raises(InputError, match=r"timeout must be a positive number of seconds up to 300") as info:
        fetch_article("http://127.0.0.1:9/story.html", timeout=bad)
    one_line(info.value)


def test_timeout_bounds_are_inclusive():
    assert fetch_mod._check_timeout(300) == 300.0
    assert fetch_mod._check_timeout(0.05) == 0.05


# --------------------------------------------------------------------------- incomplete bodies


@pytest.mark.parametrize("path", ["/truncated-gzip", "/truncated-deflate"])
def test_truncated_compressed_body_is_an_error(evil, path):
    with pytest.raises(FetchError, match=r"compressed body that was cut short") as info:
        fetch_article(evil.url(path), check_language=False)
    one_line(info.value)


def test_body_shorter_than_its_content_length_is_an_error(evil):
    with pytest.raises(FetchError, match=r"ended after 1,000 of the 5,000 bytes it announced \(Content-Length\)"):
        fetch_article(evil.url("/short-body"), check_language=False)


# --------------------------------------------------------------------------- no inward redirects


def test_public_page_may_not_redirect_to_another_port_on_loopback(evil, names):
    before = list(evil.inner.requests)
    with pytest.raises(FetchError, match=r"redirects to http://127\.0\.0\.1:\d+/secret: .*loopback address.*public address") as info:
        fetch_article(evil.url("/to-other-port", host="news.example"), check_language=False)
    one_line(info.value)
    assert evil.inner.requests == before  # the internal page was never requested


def test_public_page_may_not_redirect_to_a_name_that_resolves_inward(evil, names):
    names.table["internal.test"] = [("10.0.0.5", AddressClass.PRIVATE), ("127.0.0.1", AddressClass.LOOPBACK)]
    with pytest.raises(FetchError, match=r"internal.test resolves to 10\.0\.0\.5, a private-network address"):
        fetch_article(evil.url("/to-name?host=internal.test", host="news.example"), check_language=False)
    names.table["cgnat.test"] = [("100.64.1.2", AddressClass.CGNAT)]
    with pytest.raises(FetchError, match=r"carrier-grade NAT"):
        fetch_article(evil.url("/to-name?host=cgnat.test", host="news.example"), check_language=False)


@pytest.mark.parametrize("host", ["2130706433", "0x7f000001", "localhost", "127.1", "[::1]", "[::ffff:127.0.0.1]", "0.0.0.0"])
def test_disguised_loopback_addresses_are_judged_by_what_they_resolve_to(evil, names, host):
    before = evil.requests.count("/secret")
    with pytest.raises(FetchError, match=r"a loopback address \(this computer\), but the page you gave is on a public address"):
        fetch_article(evil.url(f"/to-name?host={host}", host="news.example"), check_language=False)
    assert evil.requests.count("/secret") == before  # /to-name points at this server's /secret: never requested


def test_a_name_with_public_and_inward_addresses_connects_only_to_a_checked_one(evil, names):
    # mixed answer: the inward address is skipped, the connection goes to the (simulated) public one
    names.table["mixed.test"] = [("10.0.0.5", AddressClass.PRIVATE), ("127.0.0.1", PUBLIC)]
    art = fetch_article(evil.url("/to-name?host=mixed.test", host="news.example"), check_language=False)
    assert art.url.startswith("http://mixed.test:")


def test_public_page_may_redirect_within_its_host(evil, names):
    art = fetch_article(evil.url("/to-self", host="news.example"))
    assert art.title == TITLE and art.url == evil.url("/article.html", host="news.example")


def test_page_given_on_loopback_may_redirect_to_loopback(evil):
    before = len(evil.inner.requests)
    art = fetch_article(evil.url("/to-other-port"), check_language=False)
    assert "internal secret token" in art.text
    assert len(evil.inner.requests) == before + 1


def test_allow_private_redirects_lifts_the_inward_rule(evil, names):
    art = fetch_article(evil.url("/to-other-port", host="news.example"), check_language=False, allow_private_redirects=True)
    assert "internal secret token" in art.text


@pytest.mark.parametrize("path", ["/to-metadata", "/to-metadata-mapped"])
@pytest.mark.parametrize("allow", [False, True])
def test_metadata_address_is_refused_always(evil, names, monkeypatch, path, allow):
    def refuse(*a, **k):
        raise AssertionError("connected towards the metadata address")

    real_connect = socket.socket.connect

    def guarded(self, address):
        if "169.254" in str(address[0]):
            refuse()
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    for start in (evil.url(path), evil.url(path, host="news.example")):
        with pytest.raises(FetchError, match=r"resolves to .*169\.254\.169\.254, a link-local, cloud-metadata or non-unicast address") as info:
            fetch_article(start, check_language=False, allow_private_redirects=allow)
        one_line(info.value)


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://[fd00:ec2::254]/"])
def test_link_local_and_metadata_urls_are_refused_even_when_given(url):
    with pytest.raises(FetchError, match=r"framing never connects there"):
        fetch_article(url, allow_private_redirects=True)


def test_each_hop_is_resolved_once_and_the_checked_address_is_used(evil, names, monkeypatch):
    """DNS rebinding: no second lookup between the check and the connect (urllib3 never resolves the name itself)."""
    real = socket.getaddrinfo

    def no_lookup_of_test_names(host, *a, **k):
        if str(host).endswith((".example", ".test")):
            raise AssertionError(f"a second DNS lookup of {host}")
        return real(host, *a, **k)

    monkeypatch.setattr(socket, "getaddrinfo", no_lookup_of_test_names)
    names.calls.clear()
    art = fetch_article(evil.url("/to-self", host="news.example"))
    assert art.title == TITLE
    assert names.calls == ["news.example", "news.example"]  # one lookup per hop: the first URL and the redirect


def test_reason_phrase_escapes_never_reach_the_message(evil):
    with pytest.raises(FetchError, match=r"HTTP 404 Not Found") as info:
        fetch_article(evil.url("/reason-escape"))
    text = one_line(info.value)
    assert "\x07" not in text and "\x9b" not in text


# --------------------------------------------------------------------------- the address policy itself


@pytest.mark.parametrize(
    "address,kind",
    [
        ("169.254.169.254", "forbidden"),
        ("169.254.1.1", "forbidden"),
        ("fe80::1", "forbidden"),
        ("fd00:ec2::254", "forbidden"),
        ("100.100.100.200", "forbidden"),
        ("::ffff:169.254.169.254", "forbidden"),
        ("64:ff9b::a9fe:a9fe", "forbidden"),
        ("224.0.0.1", "forbidden"),
        ("255.255.255.255", "forbidden"),
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("0.0.0.0", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("100.64.0.1", "cgnat"),
        ("100.127.255.254", "cgnat"),
        ("93.184.216.34", "public"),
        ("172.32.0.1", "public"),
        ("2606:4700::1111", "public"),
    ],
)
def test_classify(address, kind):
    assert netguard.classify(address) == kind


def test_check_hop_rule():
    check = netguard.check_hop
    pub, loop = frozenset({AddressClass.PUBLIC}), frozenset({AddressClass.LOOPBACK})
    check("a", "127.0.0.1", AddressClass.LOOPBACK, None)  # the user's own URL
    check("a", "127.0.0.1", AddressClass.LOOPBACK, loop)  # loopback -> loopback
    check("a", "93.184.216.34", PUBLIC, loop)  # outward is fine
    check("a", "10.0.0.1", AddressClass.PRIVATE, pub, allow_private=True)
    for kind in (AddressClass.LOOPBACK, AddressClass.PRIVATE, AddressClass.CGNAT):
        with pytest.raises(netguard.AddressRefused):
            check("a", "x", kind, pub)
    with pytest.raises(netguard.AddressRefused):
        check("a", "10.0.0.1", AddressClass.PRIVATE, loop)
    with pytest.raises(netguard.AddressRefused):
        check("a", "169.254.169.254", AddressClass.FORBIDDEN, None, allow_private=True)


def test_secret_fixture_is_what_the_inner_server_serves(evil):
    # guards the SSRF tests above against passing for the wrong reason (a broken inner server)
    art = fetch_article(evil.inner.url("/secret"), check_language=False)
    assert art.title == "Internal admin page" and SECRET.count(b"4242") == 1


# --------------------------------------------------------------------------- the same over TLS


@pytest.fixture(scope="module")
def tls_evil(tmp_path_factory):
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    cert, key = make_certificate(tmp_path_factory.mktemp("tls"))
    srv = EvilServer(tls=tls_server_context(cert, key)).start()
    srv.cert = cert
    yield srv
    srv.stop()


@pytest.fixture
def trust_test_cert(tls_evil, monkeypatch):
    """Make the fetcher trust the test certificate (its context otherwise unchanged: deadline-checked TLS sockets)."""
    real = fetch_mod._ssl_context

    def context():
        ctx = real()
        ctx.load_verify_locations(cafile=str(tls_evil.cert))
        return ctx

    monkeypatch.setattr(fetch_mod, "_ssl_context", context)


def test_https_connects_to_the_checked_address_and_verifies_the_name(tls_evil, names, trust_test_cert):
    art = fetch_article(tls_evil.url("/article.html", host="news.example"))
    assert art.title == TITLE and art.url.startswith("https://news.example:")


def test_https_certificate_for_another_name_is_refused(tls_evil, names, trust_test_cert):
    names.table["other.example"] = [("127.0.0.1", PUBLIC)]
    with pytest.raises(FetchError, match=r"secure connection to other.example failed"):
        fetch_article(tls_evil.url("/article.html", host="other.example"))


def test_https_untrusted_certificate_is_refused(tls_evil, names):
    with pytest.raises(FetchError, match=r"certificate could not be verified"):
        fetch_article(tls_evil.url("/article.html", host="news.example"))


@pytest.mark.parametrize("path", ["/drip-headers", "/drip-body"])
def test_https_dripping_server_is_cut_off_at_the_deadline(tls_evil, names, trust_test_cert, path):
    t0 = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 1 s"):
        fetch_article(tls_evil.url(path, host="news.example"), timeout=1, check_language=False)
    assert time.monotonic() - t0 < 2.0


def test_https_inward_redirect_is_refused(tls_evil, names, trust_test_cert):
    with pytest.raises(FetchError, match=r"loopback address.*public address"):
        fetch_article(tls_evil.url("/to-name?host=127.0.0.1", host="news.example"))
