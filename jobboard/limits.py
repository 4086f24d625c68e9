"""How long a text a user may write, in one place (issue #13: input that cannot be turned
against readers). Each limit is enforced as a field error by the form and the serializer (the
model field's `max_length`), again by the service, and — for texts shown to every visitor —
by a database check constraint as the last guard. Count in characters, not bytes.

Reuse these for any new field of the same kind (company introductions, profiles, notes), and
`too_long` for the message, so every long text is refused in the same words."""

from django.utils.translation import gettext as _

# A text every visitor reads (a job description, a company introduction): room for a full,
# detailed posting — the longest demo and seed descriptions are about 3,000 characters —
# not for a book that makes the page a weapon.
LONG_TEXT_MAX_CHARS = 20_000

# A text for one reader (a cover letter, a message to an applicant).
LETTER_MAX_CHARS = 5_000

# A note beside an action (a stage move, a refund reason).
NOTE_MAX_CHARS = 2_000


def too_long(text: str | None, limit: int) -> str:
    """The field error for a text over `limit` characters, or "" when it fits."""
    count = len(text or "")
    if count <= limit:
        return ""
    return _("Keep it to %(limit)s characters (it has %(count)s).") % {
        "limit": f"{limit:,}",
        "count": f"{count:,}",
    }
