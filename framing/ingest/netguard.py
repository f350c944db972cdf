"""Where a fetch may connect: the address policy behind :func:`framing.ingest.fetch.fetch_article`.

Pure policy, no network: it classifies IP addresses and decides, for each
redirect hop, whether connecting there is allowed. The fetcher resolves every
hop's host once, asks :func:`check_hop` about each address and connects only to
an address that passed (so a DNS answer cannot change between check and connect).

Address classes (:class:`AddressClass`):

* ``forbidden`` — link-local (169.254.0.0/16, fe80::/10), known cloud-metadata
  endpoints (169.254.169.254, 169.254.170.2, 100.100.100.200, 192.0.0.192,
  fd00:ec2::254) and addresses that are not unicast (multicast, broadcast,
  reserved 240.0.0.0/4). Refused always, even as the URL the user gave.
* ``loopback`` — 127.0.0.0/8, ::1, 0.0.0.0/8 and :: (which reach the local host).
* ``private`` — RFC 1918 (10/8, 172.16/12, 192.168/16) and unique-local fc00::/7.
* ``cgnat`` — carrier-grade NAT space 100.64.0.0/10 (RFC 6598).
* ``public`` — everything else.

Rule ("no inward redirects"): a hop to a ``loopback``, ``private`` or ``cgnat``
address is refused when its class differs from the class of the address the
user's own URL connected to. A public page may not redirect to 127.0.0.1 or
10.0.0.5; a page the user gave on 127.0.0.1 may redirect to 127.0.0.1; any
page may redirect to a public address. ``allow_private`` lifts this rule (for
local testing) but never the ``forbidden`` class.

IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) IPv6 addresses are
judged by the IPv4 address they carry.
"""

from __future__ import annotations

import ipaddress
from enum import StrEnum

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressClass(StrEnum):
    """The class of an IP address, for the redirect rule (see the module docstring)."""

    FORBIDDEN = "forbidden"
    LOOPBACK = "loopback"
    PRIVATE = "private"
    CGNAT = "cgnat"
    PUBLIC = "public"


INWARD = frozenset({AddressClass.LOOPBACK, AddressClass.PRIVATE, AddressClass.CGNAT})

METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "192.0.0.192", "fd00:ec2::254")
)

_NETS = {
    AddressClass.FORBIDDEN: ("169.254.0.0/16", "fe80::/10", "224.0.0.0/4", "240.0.0.0/4", "ff00::/8"),
    AddressClass.LOOPBACK: ("127.0.0.0/8", "0.0.0.0/8", "::1/128", "::/128"),
    AddressClass.PRIVATE: ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"),
    AddressClass.CGNAT: ("100.64.0.0/10",),
}
_NETWORKS = tuple((cls, ipaddress.ip_network(net)) for cls, nets in _NETS.items() for net in nets)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

_DESCRIBE = {
    AddressClass.FORBIDDEN: "a link-local, cloud-metadata or non-unicast address",
    AddressClass.LOOPBACK: "a loopback address (this computer)",
    AddressClass.PRIVATE: "a private-network address",
    AddressClass.CGNAT: "a carrier-grade NAT address",
    AddressClass.PUBLIC: "a public address",
}


class AddressRefused(Exception):
    """A hop's address is not allowed; ``str()`` is one line saying why (the fetcher wraps it in a FetchError)."""


def parse_address(address: str) -> IPAddress:
    """The IP address ``address`` (a zone id such as ``%eth0`` is dropped); ValueError if it is not one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0].strip("[]"))
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip in _NAT64:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip


def classify(address: str) -> AddressClass:
    """The :class:`AddressClass` of the IP address ``address`` (a string such as ``"10.0.0.5"`` or ``"::1"``)."""
    ip = parse_address(address)
    if ip in METADATA_ADDRESSES:
        return AddressClass.FORBIDDEN
    if isinstance(ip, ipaddress.IPv4Address) and ip == ipaddress.IPv4Address("255.255.255.255"):
        return AddressClass.FORBIDDEN
    for cls, net in _NETWORKS:
        if ip.version == net.version and ip in net:
            return cls
    return AddressClass.PUBLIC


def check_hop(
    host: str, address: str, kind: AddressClass, origin: frozenset[AddressClass] | None, *, allow_private: bool = False
) -> None:
    """Refuse connecting to ``address`` (of class ``kind``) for ``host``; ``origin`` holds the classes of the user's URL.

    ``origin`` is None for the user's own URL (only the forbidden class is
    refused there); otherwise the classes of the addresses the user's URL
    resolved to. Raises :class:`AddressRefused`.
    """
    if kind is AddressClass.FORBIDDEN:
        raise AddressRefused(f"{host} resolves to {address}, {_DESCRIBE[kind]}; framing never connects there")
    if origin is None or allow_private or kind not in INWARD or kind in origin:
        return
    given = " or ".join(_DESCRIBE[c] for c in sorted(origin))
    raise AddressRefused(
        f"{host} resolves to {address}, {_DESCRIBE[kind]}, but the page you gave is on {given}; "
        "framing does not follow redirects into a local network"
    )
