from django import template

from jobs import display

register = template.Library()


@register.filter
def salary(job) -> str:
    return display.salary_label(job)


@register.filter
def dday(job) -> dict:
    return display.dday(job)


@register.filter
def experience(job) -> str:
    return display.experience_label(job)


@register.filter
def education(job) -> str:
    return display.education_label(job)


@register.simple_tag
def logo(company, size: int = 96):
    return display.logo_url(company, size)
