"""The shared skills list (POL-J-006), seeded with common job vocabulary; admins extend it in
Django admin (RBAC as data: admins hold the skill permissions)."""

from django.db import migrations

from accounts.rbac import grant, revoke

# (code, Korean name, English name): codes are stable slugs that URLs and the API carry.
SKILLS = [
    # Software
    ("python", "Python", "Python"),
    ("java", "Java", "Java"),
    ("kotlin", "Kotlin", "Kotlin"),
    ("javascript", "JavaScript", "JavaScript"),
    ("typescript", "TypeScript", "TypeScript"),
    ("go", "Go", "Go"),
    ("cpp", "C++", "C++"),
    ("csharp", "C#", "C#"),
    ("swift", "Swift", "Swift"),
    ("rust", "Rust", "Rust"),
    ("django", "Django", "Django"),
    ("fastapi", "FastAPI", "FastAPI"),
    ("spring", "Spring Boot", "Spring Boot"),
    ("nodejs", "Node.js", "Node.js"),
    ("react", "React", "React"),
    ("vue", "Vue.js", "Vue.js"),
    ("nextjs", "Next.js", "Next.js"),
    ("android", "Android", "Android"),
    ("ios", "iOS", "iOS"),
    ("flutter", "Flutter", "Flutter"),
    ("unity", "Unity", "Unity"),
    ("unreal", "Unreal Engine", "Unreal Engine"),
    ("ros", "ROS", "ROS"),
    ("embedded", "임베디드", "Embedded systems"),
    ("postgresql", "PostgreSQL", "PostgreSQL"),
    ("mysql", "MySQL", "MySQL"),
    ("redis", "Redis", "Redis"),
    ("kafka", "Kafka", "Kafka"),
    ("aws", "AWS", "AWS"),
    ("gcp", "Google Cloud", "Google Cloud"),
    ("docker", "Docker", "Docker"),
    ("kubernetes", "Kubernetes", "Kubernetes"),
    ("terraform", "Terraform", "Terraform"),
    ("linux", "Linux", "Linux"),
    ("security", "정보보안", "Information security"),
    ("test-automation", "테스트 자동화", "Test automation"),
    # Data & AI
    ("sql", "SQL", "SQL"),
    ("spark", "Spark", "Spark"),
    ("airflow", "Airflow", "Airflow"),
    ("pytorch", "PyTorch", "PyTorch"),
    ("tensorflow", "TensorFlow", "TensorFlow"),
    ("machine-learning", "머신러닝", "Machine learning"),
    ("llm", "LLM", "LLM"),
    ("computer-vision", "컴퓨터 비전", "Computer vision"),
    ("statistics", "통계 분석", "Statistics"),
    ("tableau", "Tableau", "Tableau"),
    # Design & product
    ("figma", "Figma", "Figma"),
    ("ux-research", "UX 리서치", "UX research"),
    ("ui-design", "UI 디자인", "UI design"),
    ("photoshop", "Photoshop", "Photoshop"),
    ("illustrator", "Illustrator", "Illustrator"),
    ("motion-graphics", "모션그래픽", "Motion graphics"),
    ("product-planning", "서비스 기획", "Product planning"),
    ("jira", "Jira", "Jira"),
    ("data-driven", "데이터 기반 의사결정", "Data-informed decisions"),
    # Marketing & sales
    ("performance-marketing", "퍼포먼스 마케팅", "Performance marketing"),
    ("google-analytics", "Google Analytics", "Google Analytics"),
    ("seo", "SEO", "SEO"),
    ("content-marketing", "콘텐츠 마케팅", "Content marketing"),
    ("brand-marketing", "브랜드 마케팅", "Brand marketing"),
    ("crm-marketing", "CRM 마케팅", "CRM marketing"),
    ("b2b-sales", "B2B 영업", "B2B sales"),
    ("key-account", "법인 영업", "Key account management"),
    ("salesforce", "Salesforce", "Salesforce"),
    ("negotiation", "협상", "Negotiation"),
    # Finance, HR, support
    ("accounting", "회계", "Accounting"),
    ("tax", "세무", "Tax"),
    ("financial-analysis", "재무 분석", "Financial analysis"),
    ("erp", "ERP", "ERP"),
    ("excel", "Excel", "Excel"),
    ("recruiting", "채용", "Recruiting"),
    ("hr-ops", "인사 운영", "HR operations"),
    ("payroll", "급여 관리", "Payroll"),
    ("labor-law", "노무", "Labor relations"),
    ("customer-service", "고객 응대", "Customer service"),
    ("zendesk", "Zendesk", "Zendesk"),
    ("english", "영어", "English"),
    ("japanese", "일본어", "Japanese"),
    ("chinese", "중국어", "Chinese"),
    # Manufacturing, healthcare, education
    ("quality-control", "품질관리", "Quality control"),
    ("production-management", "생산관리", "Production management"),
    ("autocad", "AutoCAD", "AutoCAD"),
    ("plc", "PLC", "PLC"),
    ("six-sigma", "6시그마", "Six Sigma"),
    ("semiconductor", "반도체 공정", "Semiconductor process"),
    ("nursing", "간호", "Nursing"),
    ("clinical-research", "임상 연구", "Clinical research"),
    ("gmp", "GMP", "GMP"),
    ("regulatory-affairs", "인허가(RA)", "Regulatory affairs"),
    ("teaching", "강의", "Teaching"),
    ("curriculum", "교육과정 설계", "Curriculum design"),
    ("edtech", "에듀테크", "EdTech"),
]

ROLE_PERMISSIONS = {
    "admin": ["jobs.add_skill", "jobs.change_skill", "jobs.delete_skill", "jobs.view_skill"],
}


def forwards(apps, schema_editor):
    skill = apps.get_model("jobs", "Skill")
    for order, (code, ko, en) in enumerate(SKILLS):
        skill.objects.update_or_create(
            code=code, defaults={"name_ko": ko, "name_en": en, "sort_order": order}
        )
    grant(apps, ROLE_PERMISSIONS)


def backwards(apps, schema_editor):
    revoke(apps, ROLE_PERMISSIONS)
    apps.get_model("jobs", "Skill").objects.filter(code__in=[s[0] for s in SKILLS]).delete()


class Migration(migrations.Migration):
    dependencies = [("jobs", "0008_job_fields_pol_j_006"), ("accounts", "0010_company_roles")]
    operations = [migrations.RunPython(forwards, backwards)]
