"""ADR 0033: a hung Redis costs one timeout, then nothing, until a probe finds it back —
for the `default` alias (a miss) and the `guard` alias (an error: sign-in fails closed)
alike, and device revocation stays correct meanwhile. A "hung" Redis here is a server that
accepts connections and never answers, as a SIGSTOPped one does; what is counted is how
many calls reach it, not how long they take (bench/load_faults.py measures that)."""

import socket
import threading

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from prometheus_client import REGISTRY

from accounts.services import device_session_revoke
from accounts.tests.factories import PASSWORD, JobseekerFactory
from conftest import sign_in
from jobboard import cache as breaker_cache
from jobboard.cache import BreakerRedisCache, CacheCircuitOpen, CircuitBreaker


class HungRedis:
    """Listens, accepts, and never replies; counts the connections it took."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.connections = 0
        self.peers: list[socket.socket] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.listener.getsockname()[1]}/0"

    def _accept(self):
        while not self.stopped.is_set():
            try:
                peer, _ = self.listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            self.peers.append(peer)

    def close(self):
        self.stopped.set()
        self.thread.join()
        self.listener.close()
        for peer in self.peers:
            peer.close()


@pytest.fixture
def hung():
    server = HungRedis()
    yield server
    server.close()


def _options(ignore_exceptions: bool) -> dict:
    return {
        "SOCKET_CONNECT_TIMEOUT": 0.2,
        "SOCKET_TIMEOUT": 0.2,
        "IGNORE_EXCEPTIONS": ignore_exceptions,
    }


def _redis_cache(url: str, *, ignore_exceptions: bool) -> BreakerRedisCache:
    return BreakerRedisCache(url, {"OPTIONS": _options(ignore_exceptions)})


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def _opened() -> float:
    return REGISTRY.get_sample_value("jobboard_cache_circuit_opened_total") or 0.0


def test_one_timeout_opens_the_circuit_for_both_aliases(hung):
    default = _redis_cache(hung.url, ignore_exceptions=True)
    guard = _redis_cache(hung.url, ignore_exceptions=False)
    opened_before = _opened()
    assert default.get("device:1") is None  # waited once, treated as a miss
    assert hung.connections == 1
    assert _opened() == opened_before + 1
    for _ in range(50):
        assert default.get("device:1") is None
        assert default.add("device:2", "1") is None
    with pytest.raises(CacheCircuitOpen):
        guard.get_many(["signin:email:x"])  # fails closed, without asking the server
    assert hung.connections == 1


def test_after_the_open_period_one_call_probes_and_a_failure_reopens(hung, monkeypatch):
    clock = Clock()
    monkeypatch.setattr(breaker_cache, "breaker_for", _breaker_factory(clock, open_seconds=5.0))
    default = _redis_cache(hung.url, ignore_exceptions=True)
    default.get("k")
    clock.now += 4.9
    default.get("k")
    assert hung.connections == 1  # still open
    clock.now += 0.2
    default.get("k")  # the probe: reaches the server, times out
    assert hung.connections == 2
    default.get("k")
    assert hung.connections == 2  # open again


def test_a_successful_probe_closes_the_circuit(settings, monkeypatch):
    if not settings.CACHES["default"]["BACKEND"].endswith("BreakerRedisCache"):
        pytest.skip("needs REDIS_URL: the breaker wraps Redis only (CI sets it)")
    clock = Clock()
    breaker = CircuitBreaker("test", 5.0, clock)
    monkeypatch.setattr(breaker_cache, "breaker_for", lambda location: breaker)
    cache = _redis_cache(settings.CACHES["default"]["LOCATION"], ignore_exceptions=True)
    cache.set("probe", "1")
    breaker.failed()
    assert cache.get("probe") is None  # open: not asked
    clock.now += 5.1
    assert cache.get("probe") == "1"  # the probe answered
    assert not breaker.is_open


def test_breaker_is_shared_per_server_not_per_alias(hung):
    first = _redis_cache(hung.url, ignore_exceptions=True)
    second = _redis_cache(hung.url, ignore_exceptions=True)
    first.get("k")
    second.get("k")
    assert hung.connections == 1


def _breaker_factory(clock, open_seconds):
    made = {}

    def breaker_for(location):
        return made.setdefault(location, CircuitBreaker(location, open_seconds, clock))

    return breaker_for


@pytest.fixture
def hung_caches(settings, hung):
    """The app's two aliases pointed at the hung server, as in production with Redis."""
    settings.CACHES = {
        alias: {
            "BACKEND": "jobboard.cache.BreakerRedisCache",
            "LOCATION": hung.url,
            "KEY_PREFIX": "hung",
            "OPTIONS": _options(ignore_exceptions=alias == "default"),
        }
        for alias in ("default", "guard")
    }
    return hung


@pytest.mark.django_db
def test_sign_in_fails_closed_while_the_guard_is_hung__POL_A_005(api_client, hung_caches):
    user = JobseekerFactory()
    for _ in range(3):
        response = api_client.post(
            "/api/v1/auth/login", {"email": user.email, "password": PASSWORD}
        )
        assert response.status_code == 503
        assert response["Retry-After"] == "5"
    assert hung_caches.connections == 1  # only the first attempt waited on Redis


@pytest.mark.django_db
def test_device_revocation_holds_while_the_cache_is_hung__POL_A_002(api_client, hung_caches):
    user = JobseekerFactory()
    kept, revoked = sign_in(user), sign_in(user, name="lost phone")
    device_session_revoke(user=user, device_id=revoked.device.pk)  # its cache write is lost
    for _ in range(2):  # the first call times out, the second is refused at once
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {revoked.tokens.access}")
        assert api_client.get("/api/v1/auth/me").status_code == 401
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {kept.tokens.access}")
        assert api_client.get("/api/v1/auth/me").status_code == 200
    assert isinstance(caches["default"], BreakerRedisCache)
    assert not isinstance(caches["default"], LocMemCache)


@pytest.mark.django_db
def test_health_reports_a_hung_cache_as_down(api_client, hung_caches):
    body = api_client.get("/api/v1/health").json()
    assert body == {"status": "degraded", "database": "ok", "cache": "down"}


def test_read_caches_answer_from_process_memory_while_the_circuit_refuses(hung, monkeypatch):
    """Job list pages (LOCAL_WHILE_OPEN, registered by the jobs app) are built once per
    process during an outage instead of on every request; device state never is."""
    assert "jobs:" in breaker_cache.LOCAL_WHILE_OPEN
    clock = Clock()
    monkeypatch.setattr(breaker_cache, "breaker_for", _breaker_factory(clock, open_seconds=5.0))
    default = _redis_cache(hung.url, ignore_exceptions=True)
    guard = _redis_cache(hung.url, ignore_exceptions=False)
    assert default.get("jobs:page:1") is None  # the timeout that opens the circuit
    default.set("jobs:page:1", {"results": [1, 2]}, 30)
    assert default.get("jobs:page:1") == {"results": [1, 2]}
    assert default.add("jobs:list-version", 1, None) is True
    assert default.incr("jobs:list-version") == 2
    assert default.get_many(["jobs:page:1", "jobs:list-version"]) == {
        "jobs:page:1": {"results": [1, 2]},
        "jobs:list-version": 2,
    }
    default.set("device:abc", "1", 60)
    assert default.get("device:abc") is None  # revocation checks ask the database instead
    with pytest.raises(CacheCircuitOpen):
        guard.get("jobs:page:1")  # the guard alias fails closed, never from memory
    assert hung.connections == 1

    breaker_cache.breaker_for(hung.url).succeeded()  # Redis is back
    assert default.get("jobs:page:1") is None  # asks Redis again; the outage copy is gone
    assert hung.connections == 2
