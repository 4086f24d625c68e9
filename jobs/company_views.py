"""Company pages (POL-J-007): the logo files. The profile page, its editor and following
build on accounts.company_services and accounts.policies."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.views import View

from accounts.logos import SIZES, logo_path
from accounts.models import Company

YEAR = 365 * 24 * 3600


class CompanyLogoView(View):
    """A resized logo from storage. Pages link it with `?v=<version>`: that URL never changes
    content, so browsers and proxies keep it for a year; other URLs get five minutes."""

    http_method_names = ["get", "head"]

    def get(self, request, pk: int, size: int):
        company = Company.objects.filter(pk=pk).only("logo_version").first()
        if company is None or not company.logo_version or size not in SIZES:
            raise Http404("No such logo.")
        path = logo_path(pk, company.logo_version, size)
        try:
            handle = default_storage.open(path, "rb")
        except FileNotFoundError as exc:
            raise Http404("No such logo.") from exc
        response = FileResponse(handle, content_type="image/png")
        response["ETag"] = f'"{company.logo_version}-{size}"'
        response["X-Content-Type-Options"] = "nosniff"
        if request.GET.get("v") == company.logo_version:
            patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
        else:
            patch_cache_control(response, public=True, max_age=300)
        return response
