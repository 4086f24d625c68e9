"""The fixed lists of categories and locations; admins extend them in Django admin."""

from django.db import migrations

CATEGORIES = [
    ("software", "소프트웨어 개발", "Software development"),
    ("data", "데이터·AI", "Data & AI"),
    ("design", "디자인", "Design"),
    ("product", "기획·PM", "Product management"),
    ("marketing", "마케팅·광고", "Marketing"),
    ("sales", "영업", "Sales"),
    ("finance", "재무·회계", "Finance & accounting"),
    ("hr", "인사·총무", "HR & administration"),
    ("customer", "고객지원", "Customer support"),
    ("manufacturing", "생산·제조", "Manufacturing"),
    ("medical", "의료·바이오", "Healthcare & bio"),
    ("education", "교육", "Education"),
]
LOCATIONS = [
    ("seoul", "서울", "Seoul"),
    ("gyeonggi", "경기", "Gyeonggi"),
    ("incheon", "인천", "Incheon"),
    ("busan", "부산", "Busan"),
    ("daegu", "대구", "Daegu"),
    ("daejeon", "대전", "Daejeon"),
    ("gwangju", "광주", "Gwangju"),
    ("ulsan", "울산", "Ulsan"),
    ("sejong", "세종", "Sejong"),
    ("gangwon", "강원", "Gangwon"),
    ("chungcheong", "충청", "Chungcheong"),
    ("jeolla", "전라", "Jeolla"),
    ("gyeongsang", "경상", "Gyeongsang"),
    ("jeju", "제주", "Jeju"),
]


def forwards(apps, schema_editor):
    for model_name, rows in (("Category", CATEGORIES), ("Location", LOCATIONS)):
        model = apps.get_model("jobs", model_name)
        for order, (code, ko, en) in enumerate(rows):
            model.objects.update_or_create(
                code=code, defaults={"name_ko": ko, "name_en": en, "sort_order": order}
            )


def backwards(apps, schema_editor):
    for model_name, rows in (("Category", CATEGORIES), ("Location", LOCATIONS)):
        apps.get_model("jobs", model_name).objects.filter(code__in=[r[0] for r in rows]).delete()


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
