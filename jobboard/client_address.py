"""Who is calling: the one answer that sign-in throttling (POL-A-005), device records
(POL-A-002) and the access log all use (ADR 0031).

Behind reverse proxies the TCP peer (REMOTE_ADDR) is the proxy, and the client's address is
in X-Forwarded-For, which each proxy appends to — after whatever the client itself wrote
there. So the header is read only when the peer is one of our proxies (a network in
TRUSTED_PROXY_NETWORKS), from the right, one entry per trusted hop (TRUSTED_PROXY_HOPS),
and only through entries that are themselves our proxies. A client that reaches the app
directly, or writes its own X-Forwarded-For, cannot choose the address we see."""

import ipaddress
from functools import lru_cache

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(cidr.strip(), strict=False) for cidr in spec if cidr.strip())


def _parse(value: str) -> Address | None:
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    # "::ffff:192.0.2.1" (a dual-stack socket's view of an IPv4 peer) is that IPv4 address.
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def _trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def client_ip(request) -> str | None:
    """The caller's IP address as text, or None when even the peer's is unknown."""
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return None
    networks = _networks(tuple(settings.TRUSTED_PROXY_NETWORKS))
    forwarded = [p for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
    address = peer
    for _hop in range(settings.TRUSTED_PROXY_HOPS):
        if not forwarded or not _trusted(address, networks):
            break  # the one talking to us is not our proxy: what it forwards is its own claim
        previous = _parse(forwarded.pop())
        if previous is None:
            break  # our proxy wrote something unreadable: keep the last address we trust
        address = previous
    return str(address)
