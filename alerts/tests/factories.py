import factory

from accounts.tests.factories import JobseekerFactory
from alerts.models import Frequency, SavedSearch


class SavedSearchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedSearch

    user = factory.SubFactory(JobseekerFactory)
    name = factory.Sequence(lambda n: f"검색 {n}")
    filters = factory.LazyFunction(dict)
    frequency = Frequency.DAILY
    language = "ko"
