"""Drill (issue 11 item 3, ADR 0031): the client address through a real reverse proxy.

    .venv/bin/python deploy/drills/proxy.py [--report]

nginx (as an ingress does) appends the peer's address to X-Forwarded-For and passes the
request to gunicorn running the shipped config with production settings,
TRUSTED_PROXY_HOPS=1 and nginx's address as the trusted network. Every client binds its
own loopback address (127.0.0.0/8 is all local), so each is a different client to nginx:
  - 31 clients fail to sign in once each; a 32nd signs in correctly (no 429), and its
    device records its own address;
  - one client's 6th failure for one email is a 429; one client's 31st failure across
    emails is a 429, and the next client is unaffected;
  - a client that writes its own X-Forwarded-For, through nginx or straight to gunicorn,
    is still counted and recorded under its real address.
Ports, database and Redis key prefix are unique to the run. --report writes
docs/benchmarks.md."""

import argparse
import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from deploy.drills.common import (  # noqa: E402 - after the path is set
    PYTHON,
    ROOT,
    check,
    free_port,
    manage,
    production_env,
    scratch_database,
    scratch_folder,
)

PASSWORD = "drill-Password-2026"  # noqa: S105 - a throwaway account in a throwaway database
WRONG = "wrong-password"  # noqa: S105
EMAIL = "drill-user@example.kr"
DIRECT_EMAIL = "drill-direct@example.kr"  # the 6th-failure check throttles EMAIL
NGINX_CONF = """
{user}
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {folder}/nginx-body;
    proxy_temp_path {folder}/nginx-proxy;
    fastcgi_temp_path {folder}/nginx-fastcgi;
    uwsgi_temp_path {folder}/nginx-uwsgi;
    scgi_temp_path {folder}/nginx-scgi;
    server {{
        listen 127.0.0.1:{listen};
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    check(f"{url} answers", False)


def start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - nginx and our gunicorn
        args, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
    )


class Client:
    """A client on its own loopback address, talking to one port (nginx or gunicorn)."""

    def __init__(self, address: str, port: int):
        self.address = address
        self.http = httpx.Client(
            base_url=f"http://127.0.0.1:{port}",
            transport=httpx.HTTPTransport(local_address=address),
            timeout=30,
        )

    def sign_in(self, email: str, password: str = WRONG, forged: str | None = None):
        headers = {"X-Forwarded-For": forged} if forged else {}
        return self.http.post(
            "/api/v1/auth/login", json={"email": email, "password": password}, headers=headers
        )

    def fail(self, count: int, *, forged: bool = False) -> list[int]:
        """`count` failed sign-ins, each for a different unknown email."""
        return [
            self.sign_in(
                f"nobody-{secrets.token_hex(4)}@example.kr",
                forged=f"203.0.113.{n % 250 + 1}" if forged else None,
            ).status_code
            for n in range(count)
        ]

    def device_address(self, access: str) -> str:
        response = self.http.get(
            "/api/v1/auth/devices", headers={"Authorization": f"Bearer {access}"}
        )
        if response.status_code != 200:
            check("the device list answers", False, response.text[:300])
        return next(d["ip_address"] for d in response.json()["results"] if d["current"])


def drill(proxy_port: int, app_port: int) -> dict:
    via_proxy = [Client(f"127.0.0.{n}", proxy_port) for n in range(11, 42)]
    statuses = [client.fail(1)[0] for client in via_proxy]
    check("31 clients through nginx, one failed sign-in each: all 401", set(statuses) == {401})

    user = Client("127.0.0.50", proxy_port)
    response = user.sign_in(EMAIL, PASSWORD)
    check("a 32nd client's correct sign-in is not throttled", response.status_code == 200)
    recorded = user.device_address(response.json()["access"])
    check("its device records its own address", recorded == "127.0.0.50", recorded)

    one = Client("127.0.0.60", proxy_port)
    codes = [one.sign_in(EMAIL).status_code for _ in range(6)]
    check("one client's 6th failure for one email is a 429", codes == [401] * 5 + [429], codes)

    guesser, neighbour = Client("127.0.0.61", proxy_port), Client("127.0.0.62", proxy_port)
    codes = guesser.fail(31)
    check(
        "one client's 31st failure across emails is a 429 (per-IP limit)",
        codes[-1] == 429,
        codes,
    )
    check("the 30 before it were 401", set(codes[:-1]) == {401})
    check("the next client is not throttled", neighbour.fail(1) == [401])

    forger = Client("127.0.0.70", proxy_port)
    codes = forger.fail(31, forged=True)
    check("a forged X-Forwarded-For through nginx does not reset the count", codes[-1] == 429)

    direct = Client("127.0.0.80", app_port)
    codes = direct.fail(31, forged=True)
    check("a forged X-Forwarded-For straight to gunicorn is ignored", codes[-1] == 429)
    impostor = Client("127.0.0.81", app_port)
    response = impostor.sign_in(DIRECT_EMAIL, PASSWORD, forged="127.0.0.50")
    recorded = impostor.device_address(response.json()["access"])
    check("a direct client's device records its real address", recorded == "127.0.0.81", recorded)
    return {
        "clients_through_nginx": len(via_proxy) + 1,
        "32nd_sign_in": 200,
        "sixth_failure_one_email": 429,
        "31st_failure_one_client": 429,
        "forged_header_through_nginx": 429,
        "forged_header_direct": 429,
    }


def check_access_log(log: Path) -> int:
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    seen = {line.get("client_ip") for line in lines if line.get("logger") == "jobboard.access"}
    check("the access log names each client", {f"127.0.0.{n}" for n in range(11, 42)} <= seen)
    check(
        "no forged address reaches the log",
        not any(str(ip).startswith("203.0.113.") for ip in seen),
    )
    return len(seen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args()
    proxy_port, app_port = free_port(), free_port()
    with scratch_database("jb_drill_proxy") as database, scratch_folder("proxy-drill") as tmp:
        env = production_env(
            database,
            tmp,
            REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
            CACHE_KEY_PREFIX=f"drill-proxy-{os.getpid()}",
            TRUSTED_PROXY_HOPS="1",
            TRUSTED_PROXY_NETWORKS="127.0.0.1/32",  # nginx connects from here
            # This drill is about addresses, not a slow Redis: on a loaded CI machine the
            # production timeouts could trip the circuit breaker and answer 503 (ADR 0033).
            REDIS_CONNECT_TIMEOUT="5",
            REDIS_SOCKET_TIMEOUT="5",
            GUNICORN_BIND=f"127.0.0.1:{app_port}",
            GUNICORN_WORKERS="2",
            LOG_LEVEL="INFO",
        )
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(
            env,
            "shell",
            "-c",
            "from accounts.models import Role, User\n"
            f"for email in ({EMAIL!r}, {DIRECT_EMAIL!r}):\n"
            f"    User.objects.create_user(email, {PASSWORD!r}, role=Role.JOBSEEKER)",
        )
        conf = tmp / "nginx.conf"
        user = "user root;" if os.geteuid() == 0 else ""
        conf.write_text(
            NGINX_CONF.format(user=user, folder=tmp, listen=proxy_port, upstream=app_port)
        )
        app_log = tmp / "gunicorn.log"
        gunicorn = start(
            [PYTHON, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py"],
            {**env, "PROMETHEUS_MULTIPROC_DIR": str(tmp / "prometheus")},  # gunicorn's only
            app_log,
        )
        nginx = start(["nginx", "-p", str(tmp), "-c", str(conf)], env, tmp / "nginx.log")
        try:
            wait_for(f"http://127.0.0.1:{app_port}/api/v1/health")
            wait_for(f"http://127.0.0.1:{proxy_port}/api/v1/health")
            figures = drill(proxy_port, app_port)
            figures["clients_in_access_log"] = check_access_log(app_log)
        finally:
            for process in (nginx, gunicorn):
                process.terminate()
                process.wait(30)
    if args.report:
        from bench.report import write_section

        write_section(
            "Client address through a reverse proxy (drill)",
            "Command: `.venv/bin/python deploy/drills/proxy.py --report` (CI runs it without "
            "`--report`): nginx appending X-Forwarded-For in front of gunicorn (shipped config, "
            "production settings, `TRUSTED_PROXY_HOPS=1`), each client on its own 127.0.0.x "
            "address, default limits (5 failures per email, 30 per address).\n\n"
            + "\n".join(f"- {k}: {v}" for k, v in figures.items()),
        )
    print("proxy drill passed")


if __name__ == "__main__":
    main()
