"""Blocks of HTML that are the same for every visitor (the list's results, the home page's
rows), rendered once and cached (ADR 0011, ADR 0088), with the per-visitor part of each job
card — jobs/_card_visitor.html, the 스크랩 button — left as a slot and filled per request.
A cached block may hold nothing of the visitor who happened to render it: not their saved
jobs, not their CSRF token, not their URL."""

import re
from dataclasses import dataclass

from django.http import HttpRequest
from django.template import Engine, RequestContext
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

# Only a template can write this: everything a visitor typed reaches the page escaped, so a
# "<" of theirs is "&lt;".
SLOT = re.compile(r"<!--card-visitor:(\d+)-->")


@dataclass(frozen=True)
class CardJob:
    """What a card's per-visitor part reads of its job."""

    pk: int
    title: str


@dataclass(frozen=True)
class Fragment:
    html: str  # with a SLOT where each card's per-visitor part goes
    jobs: dict[int, CardJob]  # the slots' jobs by id

    def for_visitor(self, request: HttpRequest) -> SafeString:
        # Saving a job needs an account: an anonymous visitor's slots stay empty (most
        # visitors, and no template rendered for them).
        if not request.user.is_authenticated:
            return mark_safe(SLOT.sub("", self.html))  # noqa: S308  # nosec B308 B703 - rendered by our templates
        template = Engine.get_default().get_template("jobs/_card_visitor.html")
        context = RequestContext(request)
        # One context for every card, as when the cards render inline: the context
        # processors run once (one CSRF token), not once per card.
        with context.bind_template(template):

            def fill(slot: re.Match) -> str:
                with context.push(job=self.jobs[int(slot[1])]):
                    return template.render(context)

            return mark_safe(SLOT.sub(fill, self.html))  # noqa: S308  # nosec B308 B703 - rendered by our templates


def render_fragment(template_name: str, context: dict, request: HttpRequest, jobs) -> Fragment:
    """`template_name` rendered for everyone: its cards (of `jobs`) leave their per-visitor
    part as a slot (`card_slots` in the context)."""
    html = render_to_string(template_name, {**context, "card_slots": True}, request=request)
    return Fragment(html, {job.pk: CardJob(job.pk, job.title) for job in jobs})
