import pytest


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    """Every test gets its own résumé storage root."""
    settings.RESUME_STORAGE_ROOT = str(tmp_path / "private")
    return settings.RESUME_STORAGE_ROOT
