"""Who may do what with accounts — and the two helpers every app's `policies.py` builds on.

The authorization layer (ADR 0036): each app answers "may this user do this?" in its own
`policies.py`, one plain function per action, `can_<verb>_<noun>(user, obj=None) -> bool`.
Called without `obj` it is the gate of a page or an API operation ("may this user do this
at all?"); with `obj` it decides for that object. The answer rests only on permission data
(the groups an admin edits in Django admin) plus ownership or company membership — never on
the role's name. Views (HTML and API), selectors, services, admin and tasks all ask these
functions; tests/test_policy_layer.py fails on any role comparison outside accounts."""


def is_signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def holds(user, *perms: str) -> bool:
    """True when the signed-in `user` holds every permission in `perms` (through their role's
    group, or granted directly; superusers hold all)."""
    return is_signed_in(user) and user.has_perms(perms)


def is_self(user, owner_id) -> bool:
    return is_signed_in(user) and owner_id is not None and user.pk == owner_id


def can_use_admin_site(user, obj=None) -> bool:
    """Django admin is reached with a permission, not by being called "admin"."""
    return holds(user, "accounts.use_admin_site")


def can_manage_devices(user, device=None) -> bool:
    """List and revoke one's own devices (POL-A-002); nobody revokes another's here (admins
    do it in Django admin)."""
    if not holds(user, "accounts.manage_own_devices"):
        return False
    return device is None or is_self(user, device.user_id)


def can_sign_out(user, obj=None) -> bool:
    return is_signed_in(user)


def can_change_password(user, obj=None) -> bool:
    """Every signed-in user may change their own password (POL-A-004)."""
    return is_signed_in(user)


def can_manage_own_data(user, obj=None) -> bool:
    """Download one's data and delete one's account (POL-PRIV-001): every signed-in user,
    for their own account only."""
    return is_signed_in(user) and (obj is None or is_self(user, obj.pk))


def can_view_profile(user, profile_user=None) -> bool:
    """`GET /auth/me`: the signed-in user's own account, role and permissions."""
    return is_signed_in(user) and (profile_user is None or is_self(user, profile_user.pk))


def can_edit_company(user, company=None) -> bool:
    """POL-J-007: the company's own recruiters (accounts.change_company and membership) and
    anyone holding accounts.manage_any_company (admins). Without `company`: may this user
    edit a company at all (the editor's gate)."""
    if not holds(user, "accounts.change_company"):
        return False
    if company is None:
        return True
    return user.company_id == company.pk or user.has_perm("accounts.manage_any_company")


def can_follow_company(user, company=None) -> bool:
    """POL-J-007: jobseekers follow companies (accounts.add_companyfollow)."""
    return holds(user, "accounts.add_companyfollow")
