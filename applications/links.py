from django.urls import NoReverseMatch, reverse


def login_url() -> str:
    """The sign-in page belongs to accounts; fall back to its planned path until it exists."""
    try:
        return reverse("accounts:login")
    except NoReverseMatch:
        return "/accounts/login/"
