"""Drill (issue 11 item 4, ADR 0032): kill the task worker with SIGKILL in the middle of
sending a notification email, restart it as compose and Kubernetes do, and check that the
email arrives within the documented time, at most once more than intended.

    .venv/bin/python deploy/drills/worker_kill.py [--report]

A local SMTP sink makes "mid-send" exact. Two cases, each with a fresh worker:
  1. killed after DATA, before the message was handed over  -> exactly one email;
  2. killed after the sink took the message, before its 250 -> exactly two (the documented
     duplicate window: the re-queued task cannot know the first copy arrived).
The worker runs the command compose.yaml ships (the Kubernetes worker runs the same one),
with production settings, on a scratch PostgreSQL database named for this run.
--report writes the figures to docs/benchmarks.md."""

import argparse
import contextlib
import os
import signal
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from deploy.drills.common import (  # noqa: E402 - after the path is set
    PYTHON,
    ROOT,
    check,
    manage,
    production_env,
    scratch_database,
    scratch_folder,
)

EMAIL_TIMEOUT = 1.5  # short, so the derived stale threshold (12 x) keeps the drill short
REQUEUE_INTERVAL = 2.0
POLL_INTERVAL = 1.0  # the shipped worker's --interval
SEND_SLACK = 5.0  # the re-run itself: start the task, render, talk to the sink (loaded CI)


class Sink(socketserver.ThreadingTCPServer):
    """An SMTP server that takes every message, except that its first session stalls at
    `stall_at` ("data": before accepting DATA; "accepted": after taking the message, before
    saying so) until the drill has killed the client."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, stall_at: str):
        super().__init__(("127.0.0.1", 0), SinkSession)
        self.stall_at = stall_at
        self.sessions = 0
        self.stalled = threading.Event()
        self.delivered: list[float] = []  # when each message was taken (monotonic)
        self.lock = threading.Lock()

    @property
    def port(self) -> int:
        return self.server_address[1]

    def stall(self, point: str, first: bool) -> None:
        if first and point == self.stall_at:
            self.stalled.set()
            time.sleep(EMAIL_TIMEOUT * 0.9)  # the client is killed meanwhile


class SinkSession(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        with contextlib.suppress(OSError):  # the client was killed while we stalled
            self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        sink: Sink = self.server
        with sink.lock:
            sink.sessions += 1
            first = sink.sessions == 1
        self.reply("220 drill-sink ESMTP")
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.reply("250 drill-sink")
            elif command.startswith(("MAIL", "RCPT", "RSET", "NOOP")):
                self.reply("250 OK")
            elif command == "DATA":
                sink.stall("data", first)
                self.reply("354 end with <CRLF>.<CRLF>")
                while (body := self.rfile.readline()) not in (b".\r\n", b""):
                    pass
                if body == b"":
                    return  # the client went away mid-message: nothing was taken
                with sink.lock:
                    sink.delivered.append(time.monotonic())
                sink.stall("accepted", first)
                self.reply("250 OK queued")
            elif command == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not here")


def shipped_worker_command() -> list[str]:
    """compose.yaml's worker command, checked against the Kubernetes worker's."""
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    command = compose["services"]["worker"]["command"]
    k8s = yaml.safe_load((ROOT / "deploy/k8s/base/worker.yaml").read_text())
    (container,) = k8s["spec"]["template"]["spec"]["containers"]
    check("compose and Kubernetes run the same worker command", container["command"] == command)
    check("it is `python manage.py db_worker`", command[:3] == ["python", "manage.py", "db_worker"])
    return [PYTHON, *command[1:]]


def start_worker(command, env, log: Path) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - the shipped command with our interpreter
        command,
        cwd=ROOT,
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def pending_tasks() -> int:
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    waiting = (TaskResultStatus.READY, TaskResultStatus.RUNNING)
    return DBTaskResult.objects.filter(status__in=waiting).count()


def stage_change() -> None:
    """A recruiter moves an application: the applicant's email is queued (POL-AP-004)."""
    from applications.services import application_move_stage
    from applications.tests.factories import ApplicationFactory

    application = ApplicationFactory()
    application_move_stage(
        application_id=application.pk, actor=application.job.owner, stage="screening"
    )


def run_case(stall_at: str, expected: int, command, env, folder: Path) -> dict:
    sink = Sink(stall_at)
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    case_env = {**env, "EMAIL_PORT": str(sink.port)}
    log = folder / f"worker-{stall_at}.log"
    worker = start_worker(command, case_env, log)
    restarted = None
    try:
        stage_change()
        check(f"[{stall_at}] the worker reached the stall", sink.stalled.wait(60))
        killed_at = time.monotonic()
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
        taken_before_restart = len(sink.delivered)
        restarted = start_worker(command, case_env, log)  # what the orchestrator does
        bound = float(env["TASK_STALE_AFTER_SECONDS"]) + REQUEUE_INTERVAL + POLL_INTERVAL
        deadline = time.monotonic() + bound + 30
        while len(sink.delivered) < expected and time.monotonic() < deadline:
            time.sleep(0.1)
        while pending_tasks() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(REQUEUE_INTERVAL + POLL_INTERVAL + 1)  # room for a copy too many
        delivered_after = sink.delivered[-1] - killed_at if sink.delivered else None
    finally:
        for process in (worker, restarted):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(30)
        sink.shutdown()
        sink.server_close()
    check(
        f"[{stall_at}] {expected} email(s) in all, as ADR 0032 says",
        len(sink.delivered) == expected,
        f"{len(sink.delivered)} taken ({taken_before_restart} before the restart)",
    )
    check(f"[{stall_at}] no task left waiting", pending_tasks() == 0)
    check(
        f"[{stall_at}] delivered within the documented time",
        delivered_after is not None and delivered_after <= bound + SEND_SLACK,
        f"{delivered_after:.1f} s after the kill (bound {bound:.0f} s + {SEND_SLACK:g} s to send)",
    )
    return {
        "case": stall_at,
        "emails": len(sink.delivered),
        "after_kill_s": round(delivered_after, 1),
        "bound_s": bound,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args()
    command = shipped_worker_command()
    with scratch_database("jb_drill_worker") as database, scratch_folder("worker-kill") as tmp:
        env = production_env(
            database,
            tmp,
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_TIMEOUT=str(EMAIL_TIMEOUT),
            TASK_STALE_AFTER_SECONDS=str(12 * EMAIL_TIMEOUT),  # the production default
            TASK_REQUEUE_INTERVAL_SECONDS=str(REQUEUE_INTERVAL),
        )
        manage(env, "migrate", "--no-input", "-v", "0")
        os.environ.update(env)
        import django

        django.setup()
        rows = [
            run_case("data", 1, command, env, tmp),
            run_case("accepted", 2, command, env, tmp),
        ]
        from django.db import connections

        connections.close_all()
    if args.report:
        report(rows)
    print("worker-kill drill passed")


def report(rows: list[dict]) -> None:
    from bench.report import table, write_section

    body = (
        "Command: `.venv/bin/python deploy/drills/worker_kill.py --report` (CI runs it without "
        "`--report`). The shipped worker command under production settings, SIGKILLed mid-send "
        "against a local SMTP sink, restarted as compose and Kubernetes restart it; "
        f"`EMAIL_TIMEOUT={EMAIL_TIMEOUT:g}` so the derived `TASK_STALE_AFTER_SECONDS` is "
        f"{12 * EMAIL_TIMEOUT:g} s, `TASK_REQUEUE_INTERVAL_SECONDS={REQUEUE_INTERVAL:g}`. "
        "Case `data`: killed before the message was handed over; case `accepted`: killed after "
        "the sink took it, before its 250 (ADR 0032's duplicate window).\n\n"
        + table(
            rows,
            [
                ("case", "killed at"),
                ("emails", "emails received"),
                ("after_kill_s", "delivered after the kill (s)"),
                ("bound_s", "documented bound (s)"),
            ],
        )
    )
    write_section("Worker killed mid-send (drill)", body)


if __name__ == "__main__":
    main()
