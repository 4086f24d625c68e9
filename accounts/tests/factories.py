import factory

from accounts.models import Company, Role, User

PASSWORD = "correct-horse-battery"  # noqa: S105 - test fixture password


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Company {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    name = factory.Sequence(lambda n: f"User {n}")
    role = Role.JOBSEEKER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class JobseekerFactory(UserFactory):
    role = Role.JOBSEEKER


class RecruiterFactory(UserFactory):
    role = Role.RECRUITER
    company = factory.SubFactory(CompanyFactory)


class AdminFactory(UserFactory):
    role = Role.ADMIN


# POL-PRIV-001: the required consents, as the register form and the API take them.
CONSENTS = {"consent_terms": True, "consent_privacy": True, "consent_age_14": True}
