"""Who may do what with a jobseeker's own data (POL-AP-006). See accounts.policies for the
shape. A profile and stored résumés are their owner's alone: the role's permission opens
the pages and operations, ownership decides each object. Recruiters see a profile's phone
through applications.policies (POL-AP-008), never through these."""

from accounts.policies import holds, is_self


def can_edit_profile(user, profile=None) -> bool:
    """POL-AP-006: the jobseeker's own profile (candidates.change_profile)."""
    if not holds(user, "candidates.change_profile"):
        return False
    return profile is None or is_self(user, profile.user_id)


def can_manage_resumes(user, resume=None) -> bool:
    """POL-AP-006: list, add, delete, choose the default of and download one's own stored
    résumés (candidates.add_storedresume)."""
    if not holds(user, "candidates.add_storedresume"):
        return False
    return resume is None or is_self(user, resume.owner_id)


def can_save_jobs(user, saved_job=None) -> bool:
    """POL-S-002: jobseekers save jobs (candidates.add_savedjob); each list is its owner's."""
    if not holds(user, "candidates.add_savedjob"):
        return False
    return saved_job is None or is_self(user, saved_job.user_id)


def can_view_recommendations(user) -> bool:
    """POL-S-003: one's own recommended jobs, computed from one's own profile; whoever may
    keep a profile (candidates.change_profile) sees them."""
    return holds(user, "candidates.change_profile")
