from datetime import timedelta

import factory
from django.utils import timezone

from accounts.tests.factories import RecruiterFactory
from jobs.models import Category, EmploymentType, Job, JobOption, JobOptionKind, JobStatus, Location
from jobs.services import job_option_start


def job_fields(**overrides) -> dict:
    """The fields a recruiter fills in for a new job, as jobs.services take them."""
    return {
        "title": "백엔드 개발자",
        "description": "Django",
        "category": Category.objects.get(code="software"),
        "location": Location.objects.get(code="seoul"),
        "employment_type": "full_time",
        "salary_min": 40_000_000,
        "salary_max": 60_000_000,
        **overrides,
    }


class JobFactory(factory.django.DjangoModelFactory):
    """A draft job owned by a recruiter of its company."""

    class Meta:
        model = Job

    owner = factory.SubFactory(RecruiterFactory)
    company = factory.LazyAttribute(lambda job: job.owner.company)
    title = factory.Sequence(lambda n: f"백엔드 개발자 {n}")
    description = "Django와 PostgreSQL로 서비스를 만듭니다. We build services with Django."
    category = factory.LazyFunction(lambda: Category.objects.get(code="software"))
    location = factory.LazyFunction(lambda: Location.objects.get(code="seoul"))
    employment_type = EmploymentType.FULL_TIME
    remote = False
    salary_min = 50_000_000
    salary_max = 70_000_000
    status = JobStatus.DRAFT


class DraftJobFactory(JobFactory):
    pass


class PublishedJobFactory(JobFactory):
    status = JobStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class ClosedJobFactory(PublishedJobFactory):
    status = JobStatus.CLOSED
    closed_at = factory.LazyFunction(timezone.now)


class ExpiredJobFactory(PublishedJobFactory):
    """Published, but its deadline has passed (treated as closed, POL-J-003)."""

    deadline = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))


class PremiumOptionFactory(factory.django.DjangoModelFactory):
    """Written as payments writes options (jobs.services.job_option_start), so the job's
    premium_until follows (POL-J-005)."""

    class Meta:
        model = JobOption

    job = factory.SubFactory(PublishedJobFactory)
    kind = JobOptionKind.PREMIUM
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return job_option_start(**kwargs)


class BannerOptionFactory(PremiumOptionFactory):
    kind = JobOptionKind.BANNER
