"""Who may keep saved searches (POL-S-002, ADR 0036): jobseekers, by permission data, and
each only their own."""

from accounts.policies import holds, is_self


def can_save_search(user, search=None) -> bool:
    if not holds(user, "alerts.add_savedsearch"):
        return False
    return search is None or is_self(user, search.user_id)
