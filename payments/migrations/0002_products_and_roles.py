"""Default products (POL-P-001) and what each role may do with payments (RBAC as data)."""

from django.db import migrations

from accounts.rbac import grant, revoke

PRODUCTS = [
    # code, kind, Korean name, English name, days, price (KRW), order
    ("premium_7", "premium", "프리미엄 공고 7일", "Premium listing, 7 days", 7, 30_000, 10),
    ("premium_30", "premium", "프리미엄 공고 30일", "Premium listing, 30 days", 30, 100_000, 20),
    ("banner_7", "banner", "메인 배너 7일", "Main-page banner, 7 days", 7, 50_000, 30),
    ("banner_30", "banner", "메인 배너 30일", "Main-page banner, 30 days", 30, 180_000, 40),
    ("topup_10000", "topup", "지갑 충전 10,000원", "Wallet top-up, 10,000 KRW", None, 10_000, 50),
    ("topup_50000", "topup", "지갑 충전 50,000원", "Wallet top-up, 50,000 KRW", None, 50_000, 60),
    ("topup_100000", "topup", "지갑 충전 100,000원", "Wallet top-up, 100,000 KRW", None, 100_000, 70),
]

ROLE_PERMISSIONS = {
    "recruiter": [
        "payments.add_order",
        "payments.view_order",
        "payments.refund_order",
        "payments.view_own_wallet",
        "payments.view_product",
    ],
    "admin": [
        "payments.view_order",
        "payments.refund_order",
        "payments.manage_any_order",
        "payments.view_product",
        "payments.add_product",
        "payments.change_product",
        "payments.view_wallet",
        "payments.view_ledgerentry",
        "payments.view_webhookevent",
    ],
}


def forwards(apps, schema_editor):
    product = apps.get_model("payments", "Product")
    for code, kind, name_ko, name_en, days, price, order in PRODUCTS:
        product.objects.update_or_create(
            code=code,
            defaults={
                "kind": kind,
                "name_ko": name_ko,
                "name_en": name_en,
                "duration_days": days,
                "price": price,
                "sort_order": order,
            },
        )
    grant(apps, ROLE_PERMISSIONS)


def backwards(apps, schema_editor):
    revoke(apps, ROLE_PERMISSIONS)
    apps.get_model("payments", "Product").objects.filter(code__in=[p[0] for p in PRODUCTS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0001_initial"),
        ("accounts", "0002_roles"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
