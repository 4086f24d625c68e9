"""Keep the denormalised search columns of jobs current (ADR 0010). A side effect on data
the jobs app owns, so signals fit: every write path (services, admin, payments, fixtures)
is covered without each one remembering to refresh the index."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.models import Company
from jobs.models import Job, JobOption
from jobs.search import SEARCH_VECTOR, uses_postgres
from jobs.selectors import bump_list_version


@receiver(post_save, sender=Job, dispatch_uid="jobs_refresh_search_vector")
def refresh_search_vector(sender, instance: Job, raw=False, **kwargs):
    if uses_postgres() and not raw:
        Job.objects.filter(pk=instance.pk).update(search_vector=SEARCH_VECTOR)


@receiver(post_save, sender=Company, dispatch_uid="jobs_follow_company_rename")
def follow_company_rename(sender, instance: Company, raw=False, **kwargs):
    """A renamed company's jobs are found by the new name at once."""
    if raw:
        return
    jobs = Job.objects.filter(company=instance).exclude(company_name=instance.name)
    if uses_postgres():
        # Two steps: the vector must read the new name.
        pks = list(jobs.values_list("pk", flat=True))
        Job.objects.filter(pk__in=pks).update(company_name=instance.name)
        Job.objects.filter(pk__in=pks).update(search_vector=SEARCH_VECTOR)
    else:
        jobs.update(company_name=instance.name)


@receiver(post_save, sender=Job, dispatch_uid="jobs_list_changed_job_saved")
@receiver(post_delete, sender=Job, dispatch_uid="jobs_list_changed_job_deleted")
@receiver(post_save, sender=JobOption, dispatch_uid="jobs_list_changed_option_saved")
@receiver(post_delete, sender=JobOption, dispatch_uid="jobs_list_changed_option_deleted")
def list_changed(sender, raw=False, **kwargs):
    """Cached list counts are keyed by a version that every job or option write moves."""
    if not raw:
        bump_list_version()
