"""Background work of the jobs app (django-tasks, ADR 0005)."""

from django_tasks import task

from jobs.models import Job
from jobs.search.indexing import reindex


@task()
def reindex_skill_jobs(skill_id: int) -> int:
    """Re-index the jobs tagged with a skill after its names changed (ADR 0054): their
    search documents carry the names. Returns how many jobs were re-indexed."""
    return reindex(Job.objects.filter(skills=skill_id))
