"""Saved-search pages (POL-S-002): save the list page's search, list and change them, and
the one-click unsubscribe that needs no sign-in."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView

from accounts.permissions import PolicyRequiredMixin
from alerts import services
from alerts.filters import list_query
from alerts.forms import SavedSearchCreateForm, SavedSearchFrequencyForm
from alerts.policies import can_save_search
from alerts.selectors import saved_search_list
from jobboard.errors import DomainError, NotFound
from jobs.forms import JobSearchForm


class SavedSearchListView(PolicyRequiredMixin, TemplateView):
    policy = can_save_search
    template_name = "alerts/saved_searches.html"

    def get_context_data(self, **kwargs):
        rows = []
        for search in saved_search_list(user=self.request.user):
            query = list_query(search.filters)
            chips = JobSearchForm(QueryDict(query)).active_filters()
            form = SavedSearchFrequencyForm(initial={"frequency": search.frequency})
            rows.append({"search": search, "query": query, "chips": chips, "form": form})
        return {
            **super().get_context_data(**kwargs),
            "rows": rows,
            "max_searches": services.MAX_SAVED_SEARCHES,
        }


class SavedSearchCreateView(PolicyRequiredMixin, View):
    """POST from the job list: keeps its current filters (the query string it carries)."""

    policy = can_save_search
    http_method_names = ["post"]

    def post(self, request):
        form = SavedSearchCreateForm(request.POST)
        query = request.POST.get("query", "")
        back = f"{reverse('jobs:list')}?{query}" if query else reverse("jobs:list")
        if not form.is_valid():
            messages.error(request, _("The search could not be saved."))
            return HttpResponseRedirect(back)
        filters = JobSearchForm(QueryDict(form.cleaned_data["query"])).to_filters()
        try:
            services.saved_search_create(
                user=request.user,
                filters=filters,
                frequency=form.cleaned_data["frequency"],
                name=form.cleaned_data["name"],
                language=get_language() or "ko",
            )
        except DomainError as exc:
            messages.error(request, exc.detail)
            return HttpResponseRedirect(back)
        messages.success(request, _("Search saved. Manage it in your saved searches."))
        return redirect("alerts:saved_searches")


class SavedSearchUpdateView(PolicyRequiredMixin, View):
    policy = can_save_search
    http_method_names = ["post"]

    def post(self, request, pk):
        form = SavedSearchFrequencyForm(request.POST)
        try:
            if not form.is_valid():
                raise DomainError(_("Choose daily, weekly or no email."))
            services.saved_search_update(
                user=request.user, pk=pk, frequency=form.cleaned_data["frequency"]
            )
        except NotFound as exc:
            raise Http404(exc.detail) from exc
        except DomainError as exc:
            messages.error(request, exc.detail)
            return redirect("alerts:saved_searches")
        messages.success(request, _("Saved search updated."))
        return redirect("alerts:saved_searches")


class SavedSearchDeleteView(PolicyRequiredMixin, View):
    policy = can_save_search
    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            services.saved_search_delete(user=request.user, pk=pk)
        except NotFound as exc:
            raise Http404(exc.detail) from exc
        messages.success(request, _("Saved search deleted."))
        return redirect("alerts:saved_searches")


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    """The link in every digest, no sign-in (POL-S-002). GET shows one button (mail
    scanners follow links, so a GET changes nothing); POST unsubscribes — from that button,
    or straight from a mail client's one-click (RFC 8058: `List-Unsubscribe=One-Click`).
    CSRF does not apply: the signed token is the authority, and no cookie is used."""

    template_name = "alerts/unsubscribe.html"

    def get(self, request, token):
        search = services.saved_search_from_token(token)
        if search is None:
            raise Http404(_("This unsubscribe link is not valid."))
        return render(request, self.template_name, {"search": search, "done": False})

    def post(self, request, token):
        search = services.saved_search_unsubscribe(token=token)
        if search is None:
            raise Http404(_("This unsubscribe link is not valid."))
        return render(request, self.template_name, {"search": search, "done": True})
