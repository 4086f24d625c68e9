"""A stand-in for Toss's payment look-up, served on loopback for the webhook drills: the
app re-fetches every notified payment (POL-P-004), and no real gateway is reachable here.
It answers GET /v1/payments/{paymentKey} and /v1/payments/orders/{orderId} as DONE."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeToss:
    def __init__(self):
        self.payments: dict[str, dict] = {}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's naming
                key = self.path.rsplit("/", 1)[-1]
                payment = fake.payments.get(key) or next(
                    (p for p in fake.payments.values() if p["orderId"] == key), None
                )
                body = json.dumps(payment or {"code": "NOT_FOUND_PAYMENT", "message": "none"})
                self.send_response(200 if payment else 404)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def paid(self, *, payment_key: str, order_id: str, amount: int) -> None:
        self.payments[payment_key] = {
            "paymentKey": payment_key,
            "orderId": order_id,
            "status": "DONE",
            "totalAmount": amount,
            "balanceAmount": amount,
            "currency": "KRW",
            "method": "카드",
            "requestedAt": "2026-11-22T12:00:00+09:00",
            "approvedAt": "2026-11-22T12:00:05+09:00",
        }

    def close(self) -> None:
        self.server.shutdown()
