"""Helpers for data migrations that give roles their permissions (RBAC as data).

Permissions are normally created after `migrate` (post_migrate); a data migration that grants
them must create them first, which `grant` does."""

from django.contrib.auth.management import create_permissions


def grant(apps, mapping: dict[str, list[str]]) -> None:
    """mapping: role name → ["app_label.codename", …]; groups are created as needed."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, perms in mapping.items():
        group, _ = group_model.objects.get_or_create(name=role)
        for perm in perms:
            app_label, codename = perm.split(".", 1)
            group.permissions.add(
                permission_model.objects.get(content_type__app_label=app_label, codename=codename)
            )


def revoke(apps, mapping: dict[str, list[str]]) -> None:
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, perms in mapping.items():
        group = group_model.objects.filter(name=role).first()
        if group is None:
            continue
        for perm in perms:
            app_label, codename = perm.split(".", 1)
            group.permissions.remove(
                *permission_model.objects.filter(
                    content_type__app_label=app_label, codename=codename
                )
            )
