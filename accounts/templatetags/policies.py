"""`{% allowed "jobs.can_edit_job" job as may_edit %}`: templates ask the same policy as the
view behind the link or button they are about to show (ADR 0036), instead of repeating its
permission and ownership test. The policy is found by name in the installed app's
`policies` module, the way Django finds `admin` modules, so accounts imports no other app."""

from importlib import import_module

from django import template
from django.apps import apps

register = template.Library()


def resolve(name: str):
    """ "<app label>.can_<verb>_<noun>" → that function of <app>/policies.py."""
    label, _, function = name.partition(".")
    if not function.startswith("can_"):
        raise template.TemplateSyntaxError(f"{name!r} is not a can_<verb>_<noun> policy")
    module = import_module(f"{apps.get_app_config(label).name}.policies")
    return getattr(module, function)


@register.simple_tag(takes_context=True)
def allowed(context, name: str, obj=None) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None) if request is not None else context.get("user")
    return resolve(name)(user, obj)
