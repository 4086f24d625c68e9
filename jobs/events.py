"""What the jobs app announces for other apps to act on, so it never imports them (the
import order is accounts ← jobs ← candidates ← applications)."""

from django.dispatch import Signal

# A signed-in user opened a job's page: send(sender=Job, job=job, user=user). Candidates
# keeps a jobseeker's recently viewed jobs from it (POL-AP-006).
job_viewed = Signal()
