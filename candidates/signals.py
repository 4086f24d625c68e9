"""A jobseeker's cached recommendations (candidates.matching) follow every change of their
profile and stored résumés at once: each save, list change or delete moves their version.
Signals, because every write path (services, admin, account deletion) must be covered."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from candidates.matching import bump_profile_version
from candidates.models import Profile, StoredResume


@receiver(post_save, sender=Profile, dispatch_uid="candidates_profile_saved")
@receiver(post_delete, sender=Profile, dispatch_uid="candidates_profile_deleted")
def profile_changed(sender, instance: Profile, raw=False, **kwargs):
    if not raw:
        bump_profile_version(instance.user_id)


@receiver(post_save, sender=StoredResume, dispatch_uid="candidates_resume_saved")
@receiver(post_delete, sender=StoredResume, dispatch_uid="candidates_resume_deleted")
def resume_changed(sender, instance: StoredResume, raw=False, **kwargs):
    if not raw:
        bump_profile_version(instance.owner_id)


def _lists_changed(sender, instance, action, reverse, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        bump_profile_version(
            instance.owner_id if isinstance(instance, StoredResume) else instance.user_id
        )


for through in (
    Profile.skills.through,
    Profile.desired_categories.through,
    Profile.desired_locations.through,
    StoredResume.skills.through,
):
    m2m_changed.connect(_lists_changed, sender=through, dispatch_uid=f"candidates_{through}")
