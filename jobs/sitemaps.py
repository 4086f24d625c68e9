from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from accounts.models import Company
from jobs.selectors import job_list_open


class JobSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8
    limit = 5000

    def items(self):
        return job_list_open().only("pk", "updated_at").order_by("-id")

    def location(self, item):
        return reverse("jobs:detail", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class CompanySitemap(Sitemap):
    """Companies with at least one open job: a page worth finding (POL-J-007)."""

    changefreq = "weekly"
    priority = 0.6
    limit = 5000

    def items(self):
        hiring = job_list_open().values("company_id")
        return Company.objects.filter(pk__in=hiring).only("pk").order_by("pk")

    def location(self, item):
        return reverse("jobs:company", args=[item.pk])


class StaticSitemap(Sitemap):
    priority = 0.5

    def items(self):
        return ["jobs:home", "jobs:list"]

    def location(self, item):
        return reverse(item)
