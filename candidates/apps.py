from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "candidates"
    verbose_name = "Candidates"

    def ready(self):
        from candidates.receivers import record_job_view
        from jobs.events import job_viewed

        job_viewed.connect(record_job_view, dispatch_uid="candidates_record_job_view")

        from candidates import signals  # noqa: F401 - connects the receivers
        from candidates.matching import home_recommendations
        from jobs.views import HOME_SECTIONS

        HOME_SECTIONS["recommended_jobs"] = home_recommendations

        from candidates import personal_data

        personal_data.register()  # "download my data" / "delete my account" (ADR 0072)
