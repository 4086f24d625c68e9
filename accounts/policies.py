"""Who may do what with accounts' objects: one predicate per action, backed by permission
data (the role's group) plus company membership. Views, API, admin and services ask these."""


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


def can_edit_company(user, company) -> bool:
    """POL-J-007: the company's own recruiters (accounts.change_company and membership) and
    anyone holding accounts.manage_any_company (admins)."""
    if not (_signed_in(user) and user.has_perm("accounts.change_company")):
        return False
    return user.company_id == company.pk or user.has_perm("accounts.manage_any_company")


def can_follow_company(user, company=None) -> bool:
    """POL-J-007: jobseekers follow companies (accounts.add_companyfollow)."""
    return _signed_in(user) and user.has_perm("accounts.add_companyfollow")
