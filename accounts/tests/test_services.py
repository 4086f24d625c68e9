"""Accounts services on a real database: devices (POL-A-002), rotation (POL-A-003)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.exceptions import AuthenticationFailed
from accounts.models import DeviceSession
from accounts.services import (
    device_session_start,
    token_refresh,
    user_deactivate,
    user_password_change,
)
from accounts.tests.factories import PASSWORD, JobseekerFactory
from jobboard.errors import DomainError

pytestmark = pytest.mark.django_db


def test_sixth_login_signs_out_lru_device__POL_A_002():
    user = JobseekerFactory()
    start = timezone.now() - timedelta(hours=1)
    devices = []
    for i in range(5):
        device = device_session_start(user=user, name=f"d{i}").device
        DeviceSession.objects.filter(pk=device.pk).update(
            last_used_at=start + timedelta(minutes=10 * i)
        )
        devices.append(device)
    # d0 is the oldest by creation, but d2 is the least recently used.
    DeviceSession.objects.filter(pk=devices[0].pk).update(last_used_at=timezone.now())
    DeviceSession.objects.filter(pk=devices[2].pk).update(last_used_at=start - timedelta(days=1))
    sixth = device_session_start(user=user, name="d5").device
    active = set(
        DeviceSession.objects.filter(user=user, revoked_at__isnull=True).values_list(
            "name", flat=True
        )
    )
    assert active == {"d0", "d1", "d3", "d4", "d5"}
    lru = DeviceSession.objects.get(pk=devices[2].pk)
    assert lru.revoke_reason == "device_limit"
    assert sixth.is_active


def test_lru_device_tokens_stop_working__POL_A_002(api_client):
    user = JobseekerFactory()
    first = device_session_start(user=user, name="first")
    DeviceSession.objects.filter(pk=first.device.pk).update(
        last_used_at=timezone.now() - timedelta(days=1)
    )
    for i in range(5):
        device_session_start(user=user, name=f"d{i}")
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {first.tokens.access}")
    assert api_client.get("/api/v1/auth/me").status_code == 401
    with pytest.raises(AuthenticationFailed):
        token_refresh(raw_refresh=first.tokens.refresh)


def test_refresh_updates_last_used__POL_A_002():
    signed_in = device_session_start(user=JobseekerFactory(), name="t")
    before = signed_in.device.last_used_at
    token_refresh(raw_refresh=signed_in.tokens.refresh)
    signed_in.device.refresh_from_db()
    assert signed_in.device.last_used_at > before


def test_parallel_refresh_in_grace_gets_access_only__POL_A_003():
    signed_in = device_session_start(user=JobseekerFactory(), name="t")
    token_refresh(raw_refresh=signed_in.tokens.refresh)
    late = token_refresh(raw_refresh=signed_in.tokens.refresh, allow_grace=True)
    assert late.access
    assert late.refresh == ""
    signed_in.device.refresh_from_db()
    assert signed_in.device.is_active


def test_replay_after_grace_revokes_device__POL_A_003():
    signed_in = device_session_start(user=JobseekerFactory(), name="t")
    token_refresh(raw_refresh=signed_in.tokens.refresh)
    DeviceSession.objects.filter(pk=signed_in.device.pk).update(
        rotated_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(AuthenticationFailed):
        token_refresh(raw_refresh=signed_in.tokens.refresh, allow_grace=True)
    signed_in.device.refresh_from_db()
    assert signed_in.device.revoke_reason == "refresh_reuse"


def test_password_change_revokes_every_device__POL_A_002():
    user = JobseekerFactory()
    first = device_session_start(user=user, name="a")
    device_session_start(user=user, name="b")
    user_password_change(user=user, old_password=PASSWORD, new_password="a-brand-new-phrase")
    assert not DeviceSession.objects.filter(user=user, revoked_at__isnull=True).exists()
    with pytest.raises(AuthenticationFailed):
        token_refresh(raw_refresh=first.tokens.refresh)


def test_password_change_validates__POL_A_004():
    user = JobseekerFactory()
    device_session_start(user=user, name="a")
    with pytest.raises(DomainError) as exc:
        user_password_change(user=user, old_password=PASSWORD, new_password="12345678")
    assert exc.value.field == "new_password"
    assert DeviceSession.objects.filter(user=user, revoked_at__isnull=True).exists()


def test_deactivate_revokes_devices():
    user = JobseekerFactory()
    device_session_start(user=user, name="a")
    user_deactivate(user=user)
    user.refresh_from_db()
    assert not user.is_active
    assert not DeviceSession.objects.filter(user=user, revoked_at__isnull=True).exists()
