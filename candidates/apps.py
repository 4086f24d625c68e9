from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "candidates"
    verbose_name = "Candidates"

    def ready(self):
        from candidates.receivers import record_job_view
        from jobs.events import job_viewed

        job_viewed.connect(record_job_view, dispatch_uid="candidates_record_job_view")

        from accounts.authentication import SIGNED_IN_ANNOTATIONS
        from candidates import signals  # noqa: F401 - connects the receivers
        from candidates.selectors import saved_job_ids_expression

        # 스크랩 buttons and the header's count: the saved ids come with the user's row.
        SIGNED_IN_ANNOTATIONS["saved_job_id_list"] = saved_job_ids_expression()

        from candidates.selectors import (
            default_resume_expression,
            recently_viewed_ids_expression,
        )
        from jobs.selectors import JOB_PAGE_ANNOTATIONS

        # The job page: one-click apply's résumé and the list its view is recorded into.
        JOB_PAGE_ANNOTATIONS["default_resume_rows"] = default_resume_expression
        JOB_PAGE_ANNOTATIONS["recently_viewed_ids"] = recently_viewed_ids_expression
        from candidates.matching import home_section
        from jobs.views import HOME_SECTIONS

        HOME_SECTIONS["candidates"] = home_section

        from candidates import personal_data

        personal_data.register()  # "download my data" / "delete my account" (ADR 0072)
