"""ADR 0031: the client address is read from X-Forwarded-For only when the peer is one of
our proxies, one entry per trusted hop from the right — never as the client wrote it.
The end-to-end proof through a real nginx is deploy/drills/proxy.py."""

import pytest
from django.test import RequestFactory

from jobboard.client_address import client_ip

INGRESS = "10.40.3.7"  # a pod of the ingress controller, inside the trusted network


@pytest.fixture
def behind_ingress(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    settings.TRUSTED_PROXY_NETWORKS = ["10.40.0.0/16"]
    return settings


def _ip(remote_addr: str, forwarded: str | None = None) -> str | None:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote_addr, **extra))


def test_without_proxies_the_peer_is_the_client_whatever_the_header_says(settings):
    settings.TRUSTED_PROXY_HOPS = 0
    assert _ip("203.0.113.5", "198.51.100.1") == "203.0.113.5"


def test_behind_the_ingress_the_address_it_appended_is_the_client(behind_ingress):
    assert _ip(INGRESS, "203.0.113.5") == "203.0.113.5"
    # What the client wrote itself sits to the left of what the ingress appended.
    assert _ip(INGRESS, "198.51.100.1, 10.0.0.1, 203.0.113.5") == "203.0.113.5"


def test_a_client_reaching_the_app_directly_cannot_choose_its_address(behind_ingress):
    assert _ip("203.0.113.5", "198.51.100.1") == "203.0.113.5"
    assert _ip("203.0.113.5", f"198.51.100.1, {INGRESS}") == "203.0.113.5"


def test_two_hops_walk_through_trusted_proxies_only(behind_ingress):
    behind_ingress.TRUSTED_PROXY_HOPS = 2
    # load balancer (trusted) -> ingress (trusted) -> app
    assert _ip(INGRESS, "203.0.113.5, 10.40.0.9") == "203.0.113.5"
    # Someone reached the ingress directly and wrote the first entry: stop at them.
    assert _ip(INGRESS, "198.51.100.1, 203.0.113.5") == "203.0.113.5"


def test_a_trusted_peer_without_the_header_is_itself_the_client(behind_ingress):
    assert _ip(INGRESS) == INGRESS  # e.g. Prometheus scraping the pod


def test_unreadable_entries_and_mapped_addresses(behind_ingress):
    assert _ip(INGRESS, "unknown") == INGRESS
    assert _ip("::ffff:10.40.3.7", "::ffff:203.0.113.5") == "203.0.113.5"
    assert _ip(INGRESS, " 2001:db8::1 ") == "2001:db8::1"
    assert _ip("not-an-address") is None


def test_no_trusted_network_means_no_header_is_trusted(behind_ingress):
    behind_ingress.TRUSTED_PROXY_NETWORKS = []
    assert _ip(INGRESS, "203.0.113.5") == INGRESS
