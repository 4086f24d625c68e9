"""Issue 12's acceptance run: 1,000 mixed payments, then `reconcile_payments` and the ledger.

The app runs as in production (gunicorn, production settings, its own PostgreSQL and Redis:
bench/stack.py). The gateways are the development sandbox (payments_sandbox: Toss v1,
Iamport REST and PortOne V2 as documented, PortOne webhooks signed with Standard Webhooks)
served by a second gunicorn on its own port — the app reaches it over HTTP exactly as it
would reach the real ones. This script plays everyone else, several buyers at a time:
buyers (the API and the providers' payment windows), the merchant's staff (refunds in the
API), the merchant's gateway console (cancels made at the gateway, then its webhooks) and
an attacker (forged "cancelled" notices while the order is paid, duplicate deliveries).

Mix: Toss, Iamport and PortOne in turn; option purchases by card, wallet top-ups, wallet
purchases; duplicate and concurrent webhooks; staff partial refunds, buyers' cancellations,
partial and full cancels at the gateway; abandoned checkouts. Then: `reconcile_payments`
must report 0 differences, every journal entry and the whole ledger must sum to 0, the
gateways' settled money must equal their clearing accounts, each order must hold what the
script refunded, and each booked refund must have told its buyer once.

    flock /work/locks/heavy.lock nice -n 10 .venv/bin/python -m bench.payments_mixed
        [--orders 1000] [--threads 4] [--seed 12]

Run as root (the private PostgreSQL runs as `postgres`). Figures: docs/benchmarks.md."""

import argparse
import base64
import json
import os
import random
import statistics
import subprocess
import threading
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import httpx

from bench.stack import ROOT, PrivateStack
from deploy.drills.common import free_port

PROVIDERS = ("toss", "iamport", "portone")
WEBHOOK_SECRET = "whsec_" + base64.b64encode(b"bench-portone-webhook-secret-0001").decode()
RECRUITERS = 40


class Timings:
    def __init__(self):
        self.lock = threading.Lock()
        self.samples: dict[str, list[float]] = defaultdict(list)
        self.results: Counter[str] = Counter()

    def time(self, op: str, call):
        start = time.perf_counter()
        response = call()
        with self.lock:
            self.samples[op].append(time.perf_counter() - start)
        return response

    def count(self, what: str) -> None:
        with self.lock:
            self.results[what] += 1


class Run:
    """One buyer's scenario at a time, from several threads; state the checks need."""

    def __init__(self, app: str, gateway: str, tokens: dict, jobs: dict, staff: str):
        self.app, self.gateway = app, gateway
        self.tokens, self.jobs, self.staff = tokens, jobs, staff
        self.t = Timings()
        self.expected: dict[str, int] = {}  # order id -> what the script refunded
        self.lock = threading.Lock()
        # No kept-alive connections: a server may close an idle one just as a request is
        # sent on it ("disconnected without a response"), which would be the client's noise.
        self.http = httpx.Client(timeout=60, limits=httpx.Limits(max_keepalive_connections=0))

    # --- the buyer ----------------------------------------------------------------------
    def api(self, op: str, method: str, path: str, token: str, body=None, ok=(200, 201)):
        response = self.t.time(
            op,
            lambda: self.http.request(
                method, self.app + path, json=body, headers={"Authorization": f"Bearer {token}"}
            ),
        )
        if response.status_code not in ok:
            raise RuntimeError(f"{op}: {response.status_code} {response.text[:300]}")
        return response.json()

    def prepare(self, buyer: str, product: str, provider: str) -> dict:
        body = {"product": product, "provider": provider}
        if not product.startswith("topup"):
            body["job"] = self.jobs[buyer]
        return self.api("prepare", "POST", "/api/v1/payments/prepare", self.tokens[buyer], body)

    def window(self, order: dict) -> dict[str, str]:
        """The buyer pays in the provider's window; returns the redirect's query string."""
        back = f"{self.gateway}/return/"  # never followed: only its query string is read
        fields = {
            "toss": {
                "orderId": order["order_id"],
                "orderName": order["order_name"],
                "amount": order["amount"],
                "successUrl": back,
                "failUrl": back,
            },
            "iamport": {
                "merchant_uid": order["order_id"],
                "name": order["order_name"],
                "amount": order["amount"],
                "m_redirect_url": back,
            },
            "portone": {
                "paymentId": order["order_id"],
                "orderName": order["order_name"],
                "totalAmount": order["amount"],
                "redirectUrl": back,
            },
        }[order["provider"]]
        url = f"{self.gateway}/payments/sandbox/{order['provider']}/checkout/"

        def pay() -> httpx.Response:
            # The window is a page with a CSRF-protected form: one buyer's browser, with
            # its own cookies (a shared cookie jar would mix two buyers' CSRF tokens).
            with httpx.Client(timeout=60) as browser:
                browser.get(url, params=fields)
                form = {
                    **fields,
                    "action": "pay",
                    "csrfmiddlewaretoken": browser.cookies["csrftoken"],
                }
                return browser.post(url, data=form)

        response = self.t.time("gateway window (page + pay)", pay)
        if response.status_code != 302:
            raise RuntimeError(f"window: {response.status_code} {response.text[:300]}")
        query = parse_qs(urlsplit(response.headers["location"]).query)
        return {k: v[0] for k, v in query.items()}

    def confirm(self, buyer: str, order: dict, redirect: dict[str, str]) -> dict:
        body = {
            "toss": lambda: {
                "order_id": redirect["orderId"],
                "payment_key": redirect["paymentKey"],
                "amount": int(redirect["amount"]),
            },
            "iamport": lambda: {
                "order_id": redirect["merchant_uid"],
                "payment_key": redirect["imp_uid"],
            },
            "portone": lambda: {
                "order_id": redirect["paymentId"],
                "payment_key": redirect["paymentId"],
            },
        }[order["provider"]]()
        return self.api("confirm", "POST", "/api/v1/payments/confirm", self.tokens[buyer], body)

    def buy(self, buyer: str, product: str, provider: str) -> tuple[dict, str]:
        order = self.prepare(buyer, product, provider)["order"]
        if provider == "wallet":
            return order, order["order_id"]
        paid = self.confirm(buyer, order, self.window(order))
        assert paid["status"] == "paid", paid
        return paid, paid["order_id"]

    # --- the gateway's notifications (and an attacker's) ---------------------------------
    def webhook(self, provider: str, order_id: str, payment_key: str, status: str) -> str:
        """A notification as the provider sends it; `status` is what its body claims."""
        headers = {"Content-Type": "application/json"}
        if provider == "toss":
            toss = {"paid": "DONE", "cancelled": "CANCELED", "partial": "PARTIAL_CANCELED"}
            body = json.dumps(
                {
                    "eventType": "PAYMENT_STATUS_CHANGED",
                    "createdAt": datetime.now(UTC).isoformat(),
                    "data": {
                        "paymentKey": payment_key,
                        "orderId": order_id,
                        "status": toss[status],
                    },
                }
            )
            headers["TossPayments-Webhook-Transmission-Id"] = uuid.uuid4().hex
        elif provider == "iamport":
            iamport = {"paid": "paid", "cancelled": "cancelled", "partial": "cancelled"}
            body = json.dumps(
                {"imp_uid": payment_key, "merchant_uid": order_id, "status": iamport[status]}
            )
        else:
            from standardwebhooks.webhooks import Webhook

            event = {"paid": "Paid", "cancelled": "Cancelled", "partial": "PartialCancelled"}
            body = json.dumps(
                {
                    "type": f"Transaction.{event[status]}",
                    "timestamp": datetime.now(UTC).isoformat(),
                    "data": {"paymentId": order_id, "transactionId": uuid.uuid4().hex},
                }
            )
            msg_id, now = f"msg_{uuid.uuid4().hex}", datetime.now(UTC)
            headers |= {
                "webhook-id": msg_id,
                "webhook-timestamp": str(int(now.timestamp())),
                "webhook-signature": Webhook(WEBHOOK_SECRET).sign(msg_id, now, body),
            }
        response = self.t.time(
            "webhook",
            lambda: self.http.post(
                f"{self.app}/api/v1/webhooks/payments/{provider}", content=body, headers=headers
            ),
        )
        if response.status_code != 200:
            raise RuntimeError(f"webhook: {response.status_code} {response.text[:300]}")
        result = response.json()["result"]
        self.t.count(f"webhook → {result}")
        return result

    def twice_at_once(self, *args) -> None:
        """The same notification delivered twice, concurrently (a redelivery racing)."""
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda _: self.webhook(*args), range(2)))

    # --- the merchant's console at the gateway --------------------------------------------
    def console_cancel(self, order_id: str, amount: int) -> None:
        from payments.gateways import get_gateway
        from payments.models import Order

        order = Order.objects.get(order_id=order_id)
        gateway = get_gateway(order.provider)
        payment = gateway.get(order.payment_key)
        left = payment.amount - payment.cancelled_amount
        self.t.time(
            "console cancel",
            lambda: gateway.cancel(
                payment_id=order.payment_key,
                amount=amount,
                cancellable=left,
                reason="console",
                idempotency_key=f"console-{order_id}-{payment.cancelled_amount}",
            ),
        )

    def payment_key(self, order_id: str) -> str:
        from payments.models import Order

        return Order.objects.values_list("payment_key", flat=True).get(order_id=order_id)

    # --- one scenario --------------------------------------------------------------------
    def scenario(self, i: int, kind: str, seed: int) -> None:
        rng = random.Random(seed * 100_003 + i)
        buyer = list(self.tokens)[i % len(self.tokens)]
        provider = PROVIDERS[i % len(PROVIDERS)]
        self.t.count(f"scenario {kind}")
        if kind == "abandoned":
            self.prepare(buyer, "premium_7", provider)
            return
        if kind == "wallet":
            self.buy(buyer, "topup_50000", provider)
            order, order_id = self.buy(buyer, "premium_7", "wallet")
            self.expected[order_id] = 0
            if rng.random() < 0.3:  # the buyer cancels: back to the wallet, by policy
                refunded = self.api(
                    "refund (buyer)",
                    "POST",
                    f"/api/v1/orders/{order_id}/cancel",
                    self.tokens[buyer],
                    {"reason": "bench"},
                )
                self.expected[order_id] = refunded["refunded_amount"]
            return
        product = "topup_50000" if kind == "topup" else "premium_7"
        order, order_id = self.buy(buyer, product, provider)
        amount, key = order["amount"], self.payment_key(order_id)
        self.expected[order_id] = 0
        if rng.random() < 0.3:
            self.twice_at_once(provider, order_id, key, "paid")
        if rng.random() < 0.1:  # forged: the body says cancelled, the gateway says paid
            self.webhook(provider, order_id, key, "cancelled")
        roll = rng.random()
        if roll < 0.15:  # staff give a third back
            part = amount // 3
            self.api(
                "refund (staff)",
                "POST",
                f"/api/v1/orders/{order_id}/cancel",
                self.staff,
                {"amount": part, "reason": "bench: goodwill"},
            )
            self.expected[order_id] = part
        elif roll < 0.25:  # the buyer cancels: the policy's amount
            refunded = self.api(
                "refund (buyer)",
                "POST",
                f"/api/v1/orders/{order_id}/cancel",
                self.tokens[buyer],
                {"reason": "bench"},
            )
            self.expected[order_id] = refunded["refunded_amount"]
        elif roll < 0.45:  # a cancel in the gateway's console, partial or full
            part = amount // 4 if rng.random() < 0.5 else amount
            self.console_cancel(order_id, part)
            self.twice_at_once(provider, order_id, key, "partial" if part < amount else "cancelled")
            self.expected[order_id] = part
            if part < amount and rng.random() < 0.5:  # then staff give back the rest
                self.api(
                    "refund (staff)",
                    "POST",
                    f"/api/v1/orders/{order_id}/cancel",
                    self.staff,
                    {"amount": amount - part, "reason": "bench: the rest"},
                )
                self.expected[order_id] = amount


def plan(orders: int, rng: random.Random) -> list[str]:
    """Scenario kinds whose orders add up to `orders` (a wallet purchase is two: its top-up)."""
    kinds, total = [], 0
    while total < orders:
        roll = rng.random()
        kind = (
            "option"
            if roll < 0.5
            else "topup"
            if roll < 0.78
            else "wallet"
            if roll < 0.95
            else "abandoned"
        )
        if kind == "wallet" and total + 2 > orders:
            kind = "option"
        kinds.append(kind)
        total += 2 if kind == "wallet" else 1
    return kinds


def start_gateway(stack: PrivateStack, port: int) -> subprocess.Popen:
    """The sandbox on its own gunicorn (development settings; its state in Redis under its own
    prefix), standing in for the three providers' servers."""
    env = {
        **stack.env(),
        "DJANGO_SETTINGS_MODULE": "jobboard.settings.local",
        "DEBUG": "False",
        "CACHE_KEY_PREFIX": "gateway",
        "PAYMENTS_SANDBOX": "True",
    }
    proc = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/python"),
            "-m",
            "gunicorn",
            "jobboard.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=open(stack.dir / "gateway.log", "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2)
            return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    raise RuntimeError((stack.dir / "gateway.log").read_text()[-3000:])


def seed_people(app: str) -> tuple[dict, dict, str]:
    from accounts.tests.factories import PASSWORD, AdminFactory, RecruiterFactory
    from jobs.tests.factories import PublishedJobFactory

    def login(client, email):
        response = client.post(
            f"{app}/api/v1/auth/login", json={"email": email, "password": PASSWORD}
        )
        response.raise_for_status()
        return response.json()["access"]

    staff = AdminFactory(email="staff@bench.kr")
    recruiters = [RecruiterFactory(email=f"buyer{n}@bench.kr") for n in range(RECRUITERS)]
    jobs = {r.email: PublishedJobFactory(owner=r).pk for r in recruiters}
    with httpx.Client(timeout=60) as client:
        tokens = {r.email: login(client, r.email) for r in recruiters}
        return tokens, jobs, login(client, staff.email)


def check(stack: PrivateStack, run: Run, started: datetime) -> dict:
    from django.db.models import Sum

    from applications.models import Notification
    from payments.gateways import get_gateway
    from payments.models import AccountKind, JournalEntry, Order, OrderStatus, Posting

    figures: dict = {}
    begin = time.perf_counter()
    result = stack.manage("reconcile_payments", "--since", started.isoformat(), check=False)
    figures["reconcile seconds"] = round(time.perf_counter() - begin, 1)
    figures["reconcile says"] = result.stdout.strip().splitlines()[-1]
    figures["reconcile exit code"] = result.returncode
    per_entry = Posting.objects.values("entry_id").annotate(s=Sum("amount"))
    figures["journal entries"] = JournalEntry.objects.count()
    figures["postings"] = Posting.objects.count()
    figures["entries not summing to 0"] = per_entry.exclude(s=0).count()
    figures["sum of all postings"] = Posting.objects.aggregate(s=Sum("amount"))["s"] or 0

    def account_sum(**filters) -> int:
        return Posting.objects.filter(**filters).aggregate(s=Sum("amount"))["s"] or 0

    settled_by_gateway = {}
    for provider in PROVIDERS:
        gateway, settled = get_gateway(provider), 0
        for order in Order.objects.filter(provider=provider).exclude(payment_key=""):
            payment = gateway.get(order.payment_key)
            settled += payment.amount - payment.cancelled_amount if payment.approved else 0
        settled_by_gateway[provider] = settled
        figures[f"{provider}: settled at the gateway = −clearing"] = (
            f"{settled:,} = {-account_sum(account__code=f'clearing:{provider}'):,}"
        )
    revenue = account_sum(account__kind=AccountKind.REVENUE)
    refunds = account_sum(account__kind=AccountKind.REFUNDS)
    wallets = account_sum(account__kind=AccountKind.WALLET)
    shortfall = account_sum(account__kind=AccountKind.SHORTFALL)
    figures["revenue − refunds = settled − wallets + shortfall"] = (
        f"{revenue + refunds:,} = {sum(settled_by_gateway.values()) - wallets - shortfall:,}"
    )
    refunded = dict(Order.objects.values_list("order_id", "refunded_amount"))
    figures["orders whose refund differs from the script's"] = sum(
        1 for order_id, amount in run.expected.items() if refunded[order_id] != amount
    )
    figures["orders by state"] = dict(
        Counter(Order.objects.values_list("status", flat=True)).most_common()
    )
    figures["orders"] = Order.objects.count()
    figures["refunds booked"] = JournalEntry.objects.filter(kind="refund").count()
    figures["refund notices to buyers"] = Notification.objects.filter(kind="order_refunded").count()
    figures["orders paid or refunded"] = Order.objects.exclude(
        status__in=[OrderStatus.PENDING, OrderStatus.FAILED, OrderStatus.EXPIRED]
    ).count()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    gateway_port = free_port()
    sandbox = f"http://127.0.0.1:{gateway_port}/payments/sandbox"
    extra_env = {
        "PORTONE_API_SECRET": "bench_portone_secret",
        "PORTONE_STORE_ID": "store-bench",
        "PORTONE_CHANNEL_KEY": "channel-key-bench",
        "PORTONE_WEBHOOK_SECRETS": WEBHOOK_SECRET,
        **{f"BENCH_{p.upper()}_API_BASE": f"{sandbox}/{p}" for p in PROVIDERS},
    }
    with PrivateStack(workers=3, extra_env=extra_env) as stack:
        stack.web_start()
        stack.worker_start()  # sends the buyers' refund emails
        gateway = start_gateway(stack, gateway_port)
        try:
            os.environ.update(stack.env())  # this process plays staff and the console
            import django

            django.setup()
            started = datetime.now(UTC)
            tokens, jobs, staff = seed_people(stack.base_url)
            run = Run(stack.base_url, f"http://127.0.0.1:{gateway_port}", tokens, jobs, staff)
            kinds = plan(args.orders, random.Random(args.seed))
            print(
                f"{len(kinds)} scenarios, {args.orders} orders, {args.threads} at a time",
                flush=True,
            )
            begin = time.perf_counter()
            with ThreadPoolExecutor(args.threads) as pool:
                list(pool.map(lambda ik: run.scenario(*ik, args.seed), enumerate(kinds)))
            wall = time.perf_counter() - begin
            figures = check(stack, run, started)
        finally:
            os.killpg(gateway.pid, 15)
            gateway.wait(10)
    report(args, run, wall, figures)


def report(args, run: Run, wall: float, figures: dict) -> None:
    print(
        f"\n{args.orders} orders in {wall:.0f} s ({args.orders / wall:.1f} orders/s), "
        f"{args.threads} buyers at a time"
    )
    print("\n| operation | count | p50 ms | p95 ms |\n|---|---|---|---|")
    for op, samples in sorted(run.t.samples.items()):
        q = statistics.quantiles(samples, n=20) if len(samples) > 1 else samples * 19
        p50, p95 = statistics.median(samples) * 1000, q[18] * 1000
        print(f"| {op} | {len(samples)} | {p50:.0f} | {p95:.0f} |")
    print("\n| what happened | count |\n|---|---|")
    for what, count in sorted(run.t.results.items()):
        print(f"| {what} | {count} |")
    print("\n| check | result |\n|---|---|")
    for what, value in figures.items():
        print(f"| {what} | {value} |")


if __name__ == "__main__":
    main()
