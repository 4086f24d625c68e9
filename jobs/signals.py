"""Keep the search index and the denormalised company name of jobs current (ADR 0054). A
side effect on data the jobs app owns, so signals fit: every write path (services, admin,
payments, fixtures) is covered without each one remembering to refresh the index."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from accounts.models import Company
from jobs.matching.store import bump_vocabulary, job_match_skills_refresh
from jobs.models import Category, Job, JobOption, Location, SearchSynonym, Skill
from jobs.search import get_backend
from jobs.search.indexing import DOCUMENT_FIELDS
from jobs.search.synonyms import bump_version
from jobs.selectors import bump_list_version, forget_reference_rows
from jobs.tasks import reindex_skill_jobs


@receiver(post_save, sender=Job, dispatch_uid="jobs_index_job")
def index_job(sender, instance: Job, raw=False, **kwargs):
    if not raw:
        get_backend().index([instance])


@receiver(post_delete, sender=Job, dispatch_uid="jobs_unindex_job")
def unindex_job(sender, instance: Job, **kwargs):
    get_backend().remove([instance.pk])


@receiver(m2m_changed, sender=Job.skills.through, dispatch_uid="jobs_index_skill_tags")
def index_skill_tags(sender, instance, action, reverse, pk_set, **kwargs):
    """A job's skill tags are part of its search document: services set them after the
    job's save, so the tags' own change re-indexes the job (or, tagged from the skill's
    side, the jobs concerned)."""
    if action == "pre_clear" and reverse:
        instance._search_cleared_jobs = list(instance.jobs.values_list("pk", flat=True))
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        get_backend().index([instance])
    else:
        pks = pk_set if action != "post_clear" else instance.__dict__.pop("_search_cleared_jobs")
        get_backend().index(Job.objects.filter(pk__in=pks).only(*DOCUMENT_FIELDS))
    bump_list_version()  # searches find other jobs now; list rows show the tags


@receiver(post_save, sender=Skill, dispatch_uid="jobs_follow_skill_rename")
def follow_skill_rename(sender, instance: Skill, raw=False, created=False, **kwargs):
    """A renamed skill's jobs are re-indexed in the background once the rename commits: a
    common skill tags a large share of the jobs, too many to re-index inside an admin's
    request."""
    if not raw and not created:
        transaction.on_commit(lambda: reindex_skill_jobs.enqueue(instance.pk))


@receiver(post_save, sender=Company, dispatch_uid="jobs_follow_company_rename")
def follow_company_rename(sender, instance: Company, raw=False, **kwargs):
    """A renamed company's jobs are found by the new name at once."""
    if raw:
        return
    jobs = Job.objects.filter(company=instance).exclude(company_name=instance.name)
    pks = list(jobs.values_list("pk", flat=True))
    if pks:
        Job.objects.filter(pk__in=pks).update(company_name=instance.name)
        get_backend().index(Job.objects.filter(pk__in=pks).only(*DOCUMENT_FIELDS))


@receiver(post_save, sender=Job, dispatch_uid="jobs_match_skills_job")
def refresh_match_skills(sender, instance: Job, raw=False, **kwargs):
    """The skills matching reads (POL-S-003, ADR 0076) follow the job's text and state."""
    if not raw:
        job_match_skills_refresh([instance])


@receiver(m2m_changed, sender=Job.skills.through, dispatch_uid="jobs_match_skills_tags")
def refresh_match_skills_on_tags(sender, instance, action, reverse, pk_set, **kwargs):
    """Tags are saved after the job itself (forms, the API, admin)."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # a skill's jobs were changed from the skill's side
        job_match_skills_refresh(Job.objects.filter(pk__in=pk_set or ()))
    else:
        job_match_skills_refresh([instance])


@receiver(post_save, sender=Skill, dispatch_uid="jobs_match_vocabulary_skill_saved")
@receiver(post_delete, sender=Skill, dispatch_uid="jobs_match_vocabulary_skill_deleted")
@receiver(post_save, sender=SearchSynonym, dispatch_uid="jobs_match_vocabulary_synonym_saved")
@receiver(post_delete, sender=SearchSynonym, dispatch_uid="jobs_match_vocabulary_synonym_del")
def match_vocabulary_changed(sender, raw=False, **kwargs):
    if not raw:
        bump_vocabulary()


@receiver(post_save, sender=SearchSynonym, dispatch_uid="jobs_synonyms_saved")
@receiver(post_delete, sender=SearchSynonym, dispatch_uid="jobs_synonyms_deleted")
def synonyms_changed(sender, raw=False, **kwargs):
    """Queries read synonyms when parsed: the next search uses the edit, and cached result
    pages (keyed by the query text) are dropped with the list version."""
    if not raw:
        bump_version()
        bump_list_version()


@receiver(post_save, sender=Job, dispatch_uid="jobs_list_changed_job_saved")
@receiver(post_delete, sender=Job, dispatch_uid="jobs_list_changed_job_deleted")
@receiver(post_save, sender=JobOption, dispatch_uid="jobs_list_changed_option_saved")
@receiver(post_delete, sender=JobOption, dispatch_uid="jobs_list_changed_option_deleted")
def list_changed(sender, raw=False, **kwargs):
    """Cached list counts are keyed by a version that every job or option write moves."""
    if not raw:
        bump_list_version()


@receiver(post_save, sender=Location, dispatch_uid="jobs_reference_location_saved")
@receiver(post_delete, sender=Location, dispatch_uid="jobs_reference_location_deleted")
@receiver(post_save, sender=Category, dispatch_uid="jobs_reference_category_saved")
@receiver(post_delete, sender=Category, dispatch_uid="jobs_reference_category_deleted")
@receiver(post_save, sender=Skill, dispatch_uid="jobs_reference_skill_saved")
@receiver(post_delete, sender=Skill, dispatch_uid="jobs_reference_skill_deleted")
def reference_changed(sender, **kwargs):
    """The reference rows this process holds: the filter choices and matching's lists
    (jobs.selectors.reference_rows); and the cached blocks that show their names (cards,
    the home page's categories)."""
    forget_reference_rows()
    bump_list_version()
