"""The fixed choices of POL-J-006's job fields. They live apart from jobs.models so that
jobs.rules, which jobs.models calls, can name them without a circular import."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Experience(models.TextChoices):
    """POL-J-006: 신입, 경력 (with minimum and optional maximum years), 경력무관."""

    NEW = "new", _("Entry level")
    EXPERIENCED = "experienced", _("Experienced")
    ANY = "any", _("Any experience")


class Education(models.TextChoices):
    """POL-J-006, lowest to highest: a filter for a level matches jobs asking for at most it."""

    ANY = "any", _("Any education")
    HIGH_SCHOOL = "high_school", _("High school")
    ASSOCIATE = "associate", _("Associate degree")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    DOCTORATE = "doctorate", _("Doctorate")


class SalaryMode(models.TextChoices):
    """POL-J-006: a range (won a year), or one of the two phrases Korean boards use."""

    RANGE = "range", _("Salary range")
    COMPANY_POLICY = "company_policy", _("As per company policy")
    AFTER_INTERVIEW = "after_interview", _("Decided after interview")
