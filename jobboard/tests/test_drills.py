"""The CI drills (deploy/drills/, run by .ci/run, not by this suite) lean on a few pieces of
the project; these checks run with every landing, so a change that would break a drill is
caught here first rather than at the next full CI run."""

import shutil
import subprocess

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from deploy.drills import proxy, worker_kill


def test_worker_drill_runs_the_command_compose_and_kubernetes_ship():
    command = worker_kill.shipped_worker_command()
    assert command[1:3] == ["manage.py", "db_worker"]


@pytest.mark.django_db
def test_worker_drill_setup_queues_one_notification_email():
    worker_kill.stage_change()
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
    assert worker_kill.pending_tasks() == 1


def test_proxy_drill_nginx_config_is_valid(tmp_path):
    nginx = shutil.which("nginx")
    if nginx is None:
        pytest.skip("nginx is not installed (.ci/run installs it)")
    config = tmp_path / "nginx.conf"
    config.write_text(
        proxy.NGINX_CONF.format(user="", folder=tmp_path, listen=18080, upstream=18081)
    )
    result = subprocess.run(  # noqa: S603 - nginx checking our config
        [nginx, "-t", "-p", str(tmp_path), "-c", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
