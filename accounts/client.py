"""Facts about the caller that sign-in records besides its address
(jobboard.client_address.client_ip, ADR 0031)."""


def client_user_agent(request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:400]
