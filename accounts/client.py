"""Facts about the caller that sign-in records: client IP and User-Agent."""

from django.conf import settings


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or — behind TRUSTED_PROXY_HOPS reverse proxies (the ingress) — the
    address the outermost trusted proxy saw. Never trust more X-Forwarded-For entries than
    there are proxies we run: the rest is written by the client."""
    hops = settings.TRUSTED_PROXY_HOPS
    if hops:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR") or None


def client_user_agent(request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:400]
