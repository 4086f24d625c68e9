from datetime import timedelta

from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = "Alerts"

    def ready(self) -> None:
        from alerts import personal_data, tasks
        from jobboard import periodic

        # Hourly: each run sends the digests of the last complete day or week that are not
        # sent yet, so a digest goes out within the hour after its period ends (ADR 0070).
        periodic.register("alerts.digests", task=tasks.digests_send, every=timedelta(hours=1))
        personal_data.register()
