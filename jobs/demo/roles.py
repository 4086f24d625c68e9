# ruff: noqa: E501 - Korean | English pairs read best one per line
"""What each kind of job is about, in Korean and English: the vocabulary the generator
draws from. Every line is "Korean | English". Only software and data roles use the word
개발 (development), so a search for 개발 finds development jobs and not a marketing post."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    key: str
    category: str  # jobs.Category code
    titles: tuple[str, ...]  # Korean title variants
    title_en: str
    skills: tuple[str, ...]  # jobs.Skill codes, most typical first
    title_skills: tuple[str, ...]  # skills that may appear in the title, "(Python)"
    pay: tuple[int, int]  # entry salary in 만원 a year, raise per year of experience
    education: tuple[str, ...]  # typical requirement, most common first
    teams: tuple[str, ...]
    duties: tuple[str, ...]
    requirements: tuple[str, ...]
    preferred: tuple[str, ...]
    remote_ok: bool = False
    part_time_ok: bool = False


ROLES: tuple[Role, ...] = (
    Role(
        key="backend",
        category="software",
        titles=("백엔드 개발자", "서버 개발자", "백엔드 엔지니어"),
        title_en="Backend Engineer",
        skills=(
            "python",
            "django",
            "java",
            "spring",
            "go",
            "kotlin",
            "nodejs",
            "postgresql",
            "mysql",
            "redis",
            "kafka",
            "aws",
            "docker",
            "kubernetes",
        ),
        title_skills=("python", "java", "go", "kotlin", "nodejs", "django", "spring"),
        pay=(4200, 380),
        education=("bachelor", "any"),
        teams=(
            "결제 플랫폼 | payments platform",
            "주문·정산 | orders and settlement",
            "회원·인증 | accounts and sign-in",
            "검색 | search",
            "정산 자동화 | billing",
        ),
        duties=(
            "대규모 트래픽을 처리하는 API 서버를 설계하고 개발합니다 | Design and build API "
            "servers that handle heavy traffic",
            "결제·주문 도메인의 데이터 모델과 트랜잭션을 책임집니다 | Own the data model and "
            "transactions of the payments and orders domain",
            "장애 원인을 분석하고 모니터링 지표를 개선합니다 | Investigate incidents and improve "
            "our monitoring",
            "레거시 모놀리식 서비스를 점진적으로 분리합니다 | Split a legacy monolith step by step",
            "코드 리뷰와 기술 문서로 팀의 개발 문화를 함께 만듭니다 | Shape the team's "
            "engineering culture through code review and design docs",
            "비동기 메시지 큐 기반의 이벤트 처리 파이프라인을 운영합니다 | Run an event pipeline "
            "built on message queues",
        ),
        requirements=(
            "웹 서비스 백엔드 개발 경험 | Experience building web service backends",
            "RDBMS 스키마 설계와 쿼리 튜닝 경험 | Relational schema design and query tuning",
            "REST API 설계 원칙에 대한 이해 | A solid grasp of REST API design",
            "테스트 코드를 작성하는 습관 | A habit of writing tests",
        ),
        preferred=(
            "클라우드 환경(AWS, GCP)에서의 서비스 운영 경험 | Running services on AWS or GCP",
            "대용량 트래픽 서비스 경험 | Experience with high-traffic services",
            "오픈소스 기여 경험 | Open-source contributions",
            "핀테크 도메인 경험 | Fintech domain knowledge",
        ),
        remote_ok=True,
    ),
    Role(
        key="frontend",
        category="software",
        titles=("프론트엔드 개발자", "웹 프론트엔드 엔지니어", "프론트엔드 엔지니어"),
        title_en="Frontend Engineer",
        skills=("typescript", "react", "nextjs", "vue", "javascript", "figma", "test-automation"),
        title_skills=("react", "vue", "typescript", "nextjs"),
        pay=(4000, 360),
        education=("any", "bachelor"),
        teams=(
            "커머스 웹 | commerce web",
            "디자인 시스템 | design system",
            "어드민 도구 | admin tools",
            "랜딩·그로스 | landing and growth",
        ),
        duties=(
            "사용자가 매일 쓰는 웹 서비스의 화면을 개발합니다 | Build the screens people use "
            "every day",
            "디자인 시스템 컴포넌트를 만들고 문서화합니다 | Build and document design-system "
            "components",
            "웹 성능 지표(LCP, INP)를 측정하고 개선합니다 | Measure and improve web vitals",
            "접근성 기준에 맞는 인터페이스를 구현합니다 | Ship interfaces that meet accessibility "
            "standards",
            "디자이너, 백엔드 엔지니어와 함께 기능을 기획 단계부터 다듬습니다 | Shape features "
            "with designers and backend engineers from the start",
        ),
        requirements=(
            "React 또는 Vue 기반 서비스 개발 경험 | Experience shipping React or Vue apps",
            "TypeScript 사용 경험 | Working knowledge of TypeScript",
            "HTML, CSS, 브라우저 동작 원리에 대한 이해 | Understanding of HTML, CSS and browsers",
        ),
        preferred=(
            "SSR(Next.js) 서비스 운영 경험 | Running server-rendered apps (Next.js)",
            "E2E 테스트 자동화 경험 | End-to-end test automation",
            "모바일 웹 최적화 경험 | Mobile web performance work",
        ),
        remote_ok=True,
    ),
    Role(
        key="ios",
        category="software",
        titles=("iOS 개발자", "iOS 앱 개발자"),
        title_en="iOS Engineer",
        skills=("swift", "ios", "test-automation", "figma"),
        title_skills=("swift",),
        pay=(4100, 370),
        education=("any", "bachelor"),
        teams=("모바일 앱 | mobile app", "금융 앱 | banking app", "라이브 커머스 | live commerce"),
        duties=(
            "수백만 명이 쓰는 iOS 앱의 신규 기능을 개발합니다 | Build new features for an iOS "
            "app used by millions",
            "SwiftUI로 화면 구조를 개선합니다 | Move screens to SwiftUI",
            "앱 크래시와 성능 지표를 관리합니다 | Keep crashes down and performance up",
            "앱 배포 자동화 파이프라인을 운영합니다 | Run the app release pipeline",
        ),
        requirements=(
            "Swift로 앱을 출시한 경험 | Shipped an app in Swift",
            "iOS 앱 생명주기와 메모리 관리에 대한 이해 | Understanding of the iOS app lifecycle",
            "Git 기반 협업 경험 | Collaboration through Git",
        ),
        preferred=(
            "SwiftUI, Combine 실무 경험 | SwiftUI and Combine in production",
            "모듈화된 대형 앱 개발 경험 | Work on a large modular app",
            "접근성(VoiceOver) 대응 경험 | VoiceOver accessibility work",
        ),
    ),
    Role(
        key="android",
        category="software",
        titles=("안드로이드 개발자", "Android 앱 개발자"),
        title_en="Android Engineer",
        skills=("kotlin", "android", "java", "flutter", "test-automation"),
        title_skills=("kotlin", "flutter"),
        pay=(4100, 370),
        education=("any", "bachelor"),
        teams=("모바일 앱 | mobile app", "배달 앱 | delivery app", "헬스케어 앱 | health app"),
        duties=(
            "Kotlin과 Jetpack Compose로 안드로이드 앱을 개발합니다 | Build the Android app with "
            "Kotlin and Jetpack Compose",
            "다양한 기기에서의 호환성과 성능을 개선합니다 | Improve compatibility and speed across "
            "devices",
            "앱 아키텍처를 모듈 단위로 정리합니다 | Modularise the app architecture",
            "QA 엔지니어와 함께 출시 품질을 관리합니다 | Keep release quality high with QA",
        ),
        requirements=(
            "Kotlin 기반 안드로이드 앱 개발 경험 | Android development in Kotlin",
            "비동기 처리(Coroutine, Flow)에 대한 이해 | Coroutines and Flow",
            "플레이 스토어 출시 경험 | Shipped to the Play Store",
        ),
        preferred=(
            "Jetpack Compose 실무 경험 | Jetpack Compose in production",
            "멀티 모듈 프로젝트 경험 | Multi-module projects",
            "Flutter 경험 | Flutter experience",
        ),
    ),
    Role(
        key="devops",
        category="software",
        titles=("DevOps 엔지니어", "SRE 엔지니어", "클라우드 인프라 엔지니어"),
        title_en="Site Reliability Engineer",
        skills=("kubernetes", "aws", "terraform", "docker", "linux", "gcp", "python", "go"),
        title_skills=("kubernetes", "aws", "terraform"),
        pay=(4500, 400),
        education=("bachelor", "any"),
        teams=("플랫폼 | platform", "인프라 | infrastructure", "데브옵스 | DevOps"),
        duties=(
            "Kubernetes 기반 서비스 인프라를 설계하고 운영합니다 | Design and run our "
            "Kubernetes infrastructure",
            "Terraform으로 클라우드 자원을 코드로 관리합니다 | Manage cloud resources as code with "
            "Terraform",
            "CI/CD 파이프라인을 개선해 배포 시간을 줄입니다 | Cut deploy time by improving CI/CD",
            "SLO를 정의하고 장애 대응 체계를 만듭니다 | Define SLOs and run incident response",
            "비용과 성능을 함께 보는 용량 계획을 세웁니다 | Plan capacity for cost and speed",
        ),
        requirements=(
            "Linux 서버 운영 경험 | Running Linux servers",
            "컨테이너와 Kubernetes 운영 경험 | Operating containers and Kubernetes",
            "스크립트 언어(Python, Go, Bash) 사용 능력 | Scripting in Python, Go or Bash",
        ),
        preferred=(
            "대규모 트래픽 환경의 장애 대응 경험 | Incident response at scale",
            "Prometheus, Grafana 기반 모니터링 구축 경험 | Monitoring with Prometheus and Grafana",
            "보안 인증(ISMS) 대응 경험 | ISMS certification work",
        ),
        remote_ok=True,
    ),
    Role(
        key="qa",
        category="software",
        titles=("QA 엔지니어", "소프트웨어 테스트 엔지니어"),
        title_en="QA Engineer",
        skills=("test-automation", "python", "javascript", "jira", "linux"),
        title_skills=("test-automation",),
        pay=(3600, 320),
        education=("any", "bachelor"),
        teams=("품질 보증 | quality assurance", "앱 품질 | app quality"),
        duties=(
            "웹과 앱의 기능 테스트를 설계하고 수행합니다 | Design and run functional tests for "
            "web and apps",
            "Playwright로 E2E 테스트를 자동화합니다 | Automate end-to-end tests with Playwright",
            "결함을 재현하고 개발자와 함께 원인을 찾습니다 | Reproduce defects and find causes with "
            "developers",
            "출시 전 회귀 테스트 범위를 관리합니다 | Own the pre-release regression suite",
        ),
        requirements=(
            "소프트웨어 테스트 실무 경험 | Hands-on software testing",
            "테스트 케이스 설계 능력 | Test case design",
            "Jira 등 이슈 관리 도구 사용 경험 | Issue trackers such as Jira",
        ),
        preferred=(
            "테스트 자동화 프레임워크 구축 경험 | Building a test automation framework",
            "ISTQB 자격증 | ISTQB certificate",
            "성능 테스트 경험 | Load testing",
        ),
    ),
    Role(
        key="game-client",
        category="software",
        titles=("게임 클라이언트 개발자", "Unity 클라이언트 개발자"),
        title_en="Game Client Programmer",
        skills=("unity", "csharp", "unreal", "cpp"),
        title_skills=("unity", "unreal"),
        pay=(3900, 380),
        education=("any", "bachelor"),
        teams=(
            "모바일 RPG | mobile RPG",
            "캐주얼 게임 | casual games",
            "신작 프로젝트 | new title",
        ),
        duties=(
            "모바일 게임의 전투와 UI 시스템을 개발합니다 | Build combat and UI systems for a "
            "mobile game",
            "그래픽 리소스 최적화로 프레임을 안정화합니다 | Keep frame rates steady by optimising "
            "assets",
            "기획자, 아티스트와 함께 콘텐츠 업데이트를 준비합니다 | Ship content updates with "
            "designers and artists",
            "라이브 서비스 중 발생하는 이슈에 대응합니다 | Handle live-service issues",
        ),
        requirements=(
            "Unity 또는 Unreal Engine 게임 개발 경험 | Game development in Unity or Unreal",
            "C# 또는 C++ 능숙자 | Fluent C# or C++",
            "게임을 좋아하고 즐겨 하시는 분 | You love playing games",
        ),
        preferred=(
            "출시한 게임 타이틀 경험 | A shipped title",
            "셰이더 작성 경험 | Shader programming",
            "멀티플레이 네트워크 동기화 경험 | Multiplayer networking",
        ),
    ),
    Role(
        key="embedded",
        category="software",
        titles=("임베디드 소프트웨어 개발자", "펌웨어 개발자", "로봇 소프트웨어 엔지니어"),
        title_en="Embedded Software Engineer",
        skills=("cpp", "embedded", "linux", "ros", "python", "rust"),
        title_skills=("cpp", "ros"),
        pay=(4100, 360),
        education=("bachelor", "master"),
        teams=(
            "자율주행 | autonomous driving",
            "물류 로봇 | logistics robots",
            "스마트 가전 | smart appliances",
        ),
        duties=(
            "센서 데이터를 처리하는 임베디드 소프트웨어를 개발합니다 | Build embedded software "
            "that processes sensor data",
            "ROS 기반 로봇 제어 모듈을 구현합니다 | Implement robot control modules on ROS",
            "실시간 운영체제 환경에서 성능을 최적화합니다 | Optimise for real-time operating systems",
            "하드웨어 팀과 함께 시제품을 검증합니다 | Validate prototypes with the hardware team",
        ),
        requirements=(
            "C/C++ 기반 임베디드 개발 경험 | Embedded development in C/C++",
            "Linux 환경 개발 경험 | Development on Linux",
            "회로도와 데이터시트를 읽을 수 있는 분 | You can read schematics and datasheets",
        ),
        preferred=(
            "ROS2 실무 경험 | ROS2 in production",
            "전자공학, 로봇공학 전공 | A degree in electronics or robotics",
            "Rust 사용 경험 | Rust experience",
        ),
    ),
    Role(
        key="security",
        category="software",
        titles=("보안 엔지니어", "정보보안 담당자"),
        title_en="Security Engineer",
        skills=("security", "linux", "aws", "python", "kubernetes"),
        title_skills=("security",),
        pay=(4400, 400),
        education=("bachelor", "any"),
        teams=("정보보호 | information security", "클라우드 보안 | cloud security"),
        duties=(
            "서비스 취약점을 진단하고 개선 방안을 제시합니다 | Assess vulnerabilities and drive "
            "fixes",
            "클라우드 보안 정책과 접근 권한을 관리합니다 | Manage cloud security policy and access",
            "ISMS-P 인증 심사를 준비합니다 | Prepare for ISMS-P certification",
            "보안 관제와 침해 사고 대응을 맡습니다 | Run security monitoring and incident response",
        ),
        requirements=(
            "웹 애플리케이션 보안 진단 경험 | Web application security testing",
            "네트워크와 운영체제 보안에 대한 이해 | Network and OS security",
            "보안 관련 법규(개인정보 보호법)에 대한 이해 | Korean privacy law (PIPA)",
        ),
        preferred=(
            "정보보안기사, CISSP 자격증 | 정보보안기사 or CISSP",
            "모의해킹 경험 | Penetration testing",
            "클라우드 보안 아키텍처 설계 경험 | Cloud security architecture",
        ),
    ),
    Role(
        key="data-engineer",
        category="data",
        titles=("데이터 엔지니어", "데이터 플랫폼 엔지니어"),
        title_en="Data Engineer",
        skills=("python", "sql", "spark", "airflow", "kafka", "aws", "gcp", "postgresql"),
        title_skills=("spark", "airflow", "python"),
        pay=(4400, 390),
        education=("bachelor", "master"),
        teams=("데이터 플랫폼 | data platform", "추천 | recommendations", "광고 데이터 | ad data"),
        duties=(
            "로그와 거래 데이터를 모으는 파이프라인을 개발합니다 | Build pipelines that collect "
            "logs and transactions",
            "Airflow로 배치 작업을 설계하고 운영합니다 | Design and run batch jobs in Airflow",
            "데이터 웨어하우스 모델링과 품질 검증을 맡습니다 | Own warehouse modelling and data "
            "quality",
            "분석가가 쓰기 쉬운 데이터 마트를 만듭니다 | Build data marts analysts enjoy using",
        ),
        requirements=(
            "Python과 SQL에 능숙하신 분 | Fluent Python and SQL",
            "분산 처리 엔진(Spark 등) 사용 경험 | Distributed processing such as Spark",
            "데이터 모델링 경험 | Data modelling",
        ),
        preferred=(
            "실시간 스트리밍(Kafka) 경험 | Real-time streaming with Kafka",
            "BigQuery, Redshift 운영 경험 | Running BigQuery or Redshift",
            "데이터 거버넌스 구축 경험 | Data governance",
        ),
        remote_ok=True,
    ),
    Role(
        key="data-analyst",
        category="data",
        titles=("데이터 분석가", "비즈니스 데이터 분석가", "프로덕트 분석가"),
        title_en="Data Analyst",
        skills=("sql", "python", "tableau", "statistics", "google-analytics", "excel"),
        title_skills=("sql", "tableau"),
        pay=(3800, 350),
        education=("bachelor", "any"),
        teams=("그로스 | growth", "전략 | strategy", "커머스 분석 | commerce analytics"),
        duties=(
            "서비스 지표를 정의하고 대시보드를 만듭니다 | Define product metrics and build "
            "dashboards",
            "A/B 테스트를 설계하고 결과를 해석합니다 | Design A/B tests and read the results",
            "고객 행동 데이터를 분석해 인사이트를 제안합니다 | Turn behaviour data into "
            "recommendations",
            "경영진 보고용 주간 리포트를 작성합니다 | Write the weekly report for leadership",
        ),
        requirements=(
            "SQL로 원하는 데이터를 직접 추출할 수 있는 분 | You query data yourself in SQL",
            "통계적 가설 검정에 대한 이해 | Statistical hypothesis testing",
            "분석 결과를 쉽게 설명하는 커뮤니케이션 능력 | You explain findings plainly",
        ),
        preferred=(
            "Python(pandas) 분석 경험 | Analysis in Python with pandas",
            "Tableau, Looker 등 BI 도구 경험 | BI tools such as Tableau or Looker",
            "이커머스 도메인 경험 | E-commerce experience",
        ),
        remote_ok=True,
    ),
    Role(
        key="ml-engineer",
        category="data",
        titles=("머신러닝 엔지니어", "AI 엔지니어", "AI 리서치 엔지니어"),
        title_en="Machine Learning Engineer",
        skills=(
            "python",
            "pytorch",
            "machine-learning",
            "llm",
            "tensorflow",
            "computer-vision",
            "kubernetes",
            "aws",
        ),
        title_skills=("pytorch", "llm", "computer-vision"),
        pay=(4800, 450),
        education=("master", "bachelor", "doctorate"),
        teams=(
            "AI 연구 | AI research",
            "추천 모델 | recommendation models",
            "비전 AI | vision AI",
            "LLM 서비스 | LLM products",
        ),
        duties=(
            "추천·검색 모델을 학습하고 서비스에 배포합니다 | Train recommendation and search "
            "models and ship them",
            "LLM 기반 기능의 프롬프트와 평가 체계를 개발합니다 | Build prompts and evaluations "
            "for LLM features",
            "모델 서빙 인프라의 지연 시간을 줄입니다 | Cut latency in model serving",
            "최신 논문을 검토하고 실험으로 검증합니다 | Read recent papers and test them",
        ),
        requirements=(
            "PyTorch 또는 TensorFlow 모델 학습 경험 | Training models in PyTorch or TensorFlow",
            "머신러닝 이론에 대한 탄탄한 이해 | Solid machine learning fundamentals",
            "Python 코드 품질에 대한 관심 | Care for Python code quality",
        ),
        preferred=(
            "주요 학회 논문 게재 경험 | Publications at major venues",
            "대규모 분산 학습 경험 | Large-scale distributed training",
            "MLOps 파이프라인 구축 경험 | Building MLOps pipelines",
        ),
        remote_ok=True,
    ),
    Role(
        key="product-designer",
        category="design",
        titles=("프로덕트 디자이너", "UI/UX 디자이너", "UX 디자이너"),
        title_en="Product Designer",
        skills=("figma", "ui-design", "ux-research", "motion-graphics"),
        title_skills=("figma",),
        pay=(3700, 340),
        education=("bachelor", "any"),
        teams=(
            "앱 경험 | app experience",
            "디자인 시스템 | design system",
            "판매자 도구 | seller tools",
        ),
        duties=(
            "사용자 문제를 정의하고 화면 흐름을 설계합니다 | Frame user problems and design flows",
            "Figma로 프로토타입을 만들고 사용성 테스트를 진행합니다 | Prototype in Figma and run "
            "usability tests",
            "디자인 시스템의 컴포넌트와 가이드를 관리합니다 | Maintain design-system components "
            "and guides",
            "엔지니어와 함께 출시 품질을 끝까지 챙깁니다 | See designs through launch with engineers",
        ),
        requirements=(
            "모바일 앱 또는 웹 서비스 디자인 경험 | Designing mobile or web products",
            "포트폴리오 제출 필수 | A portfolio is required",
            "Figma 능숙자 | Fluent in Figma",
        ),
        preferred=(
            "사용자 인터뷰 진행 경험 | Running user interviews",
            "인터랙션·모션 디자인 경험 | Interaction and motion design",
            "데이터를 근거로 디자인을 개선한 경험 | Improving designs from data",
        ),
        remote_ok=True,
    ),
    Role(
        key="brand-designer",
        category="design",
        titles=("브랜드 디자이너", "그래픽 디자이너", "BX 디자이너"),
        title_en="Brand Designer",
        skills=("illustrator", "photoshop", "motion-graphics", "figma"),
        title_skills=("illustrator",),
        pay=(3300, 300),
        education=("any", "associate", "bachelor"),
        teams=("브랜드 경험 | brand experience", "마케팅 크리에이티브 | marketing creative"),
        duties=(
            "브랜드 아이덴티티와 가이드라인을 관리합니다 | Keep the brand identity and guidelines",
            "캠페인 키 비주얼과 광고 소재를 제작합니다 | Create campaign key visuals and ads",
            "패키지와 오프라인 굿즈를 디자인합니다 | Design packaging and merchandise",
            "영상 콘텐츠용 모션그래픽을 만듭니다 | Make motion graphics for video",
        ),
        requirements=(
            "Illustrator, Photoshop 능숙자 | Fluent in Illustrator and Photoshop",
            "타이포그래피와 편집 디자인 감각 | An eye for typography and layout",
            "포트폴리오 제출 필수 | A portfolio is required",
        ),
        preferred=(
            "After Effects 사용 경험 | After Effects",
            "브랜드 리뉴얼 프로젝트 경험 | A brand refresh project",
            "인쇄 공정에 대한 이해 | Print production",
        ),
    ),
    Role(
        key="product-manager",
        category="product",
        titles=("서비스 기획자", "프로덕트 매니저(PM)", "프로덕트 오너(PO)"),
        title_en="Product Manager",
        skills=("product-planning", "data-driven", "jira", "sql", "figma"),
        title_skills=(),
        pay=(4000, 380),
        education=("bachelor", "any"),
        teams=(
            "커머스 | commerce",
            "핀테크 | fintech",
            "B2B SaaS | B2B SaaS",
            "모빌리티 | mobility",
        ),
        duties=(
            "고객 문제를 발견하고 제품 로드맵을 세웁니다 | Find customer problems and set the "
            "roadmap",
            "기능 요구사항을 정의하고 우선순위를 정합니다 | Define requirements and set priorities",
            "디자이너, 엔지니어와 함께 출시 일정을 조율합니다 | Plan launches with designers and "
            "engineers",
            "출시 후 지표를 분석해 다음 실험을 설계합니다 | Read post-launch metrics and plan the "
            "next experiment",
        ),
        requirements=(
            "웹 또는 앱 서비스 기획 경험 | Product work on web or app services",
            "논리적인 문서 작성 능력 | Clear, structured writing",
            "이해관계자를 설득하는 커뮤니케이션 능력 | You bring stakeholders along",
        ),
        preferred=(
            "SQL로 데이터를 직접 확인할 수 있는 분 | You check data yourself in SQL",
            "스타트업에서 0→1 제품을 만든 경험 | Taking a product from zero to one",
            "결제·정산 도메인 경험 | Payments domain experience",
        ),
        remote_ok=True,
    ),
    Role(
        key="performance-marketer",
        category="marketing",
        titles=("퍼포먼스 마케터", "디지털 마케터", "그로스 마케터"),
        title_en="Performance Marketer",
        skills=("performance-marketing", "google-analytics", "sql", "crm-marketing", "excel"),
        title_skills=(),
        pay=(3500, 330),
        education=("bachelor", "any"),
        teams=("그로스 | growth", "디지털 마케팅 | digital marketing", "앱 마케팅 | app marketing"),
        duties=(
            "메타, 구글, 네이버 광고 캠페인을 운영합니다 | Run campaigns on Meta, Google and Naver",
            "채널별 ROAS를 분석하고 예산을 배분합니다 | Allocate budget by channel ROAS",
            "랜딩 페이지 A/B 테스트로 전환율을 높입니다 | Raise conversion with landing-page tests",
            "CRM 메시지로 재구매를 유도합니다 | Drive repeat purchases with CRM messages",
        ),
        requirements=(
            "디지털 광고 운영 경험 | Running digital ad campaigns",
            "GA4 등 분석 도구 사용 능력 | Analytics tools such as GA4",
            "숫자로 성과를 설명하는 능력 | You explain results in numbers",
        ),
        preferred=(
            "앱 마케팅(MMP) 경험 | App marketing with an MMP",
            "SQL 활용 능력 | SQL skills",
            "이커머스 마케팅 경험 | E-commerce marketing",
        ),
    ),
    Role(
        key="content-marketer",
        category="marketing",
        titles=("콘텐츠 마케터", "SNS 마케터", "브랜드 마케터"),
        title_en="Content Marketer",
        skills=("content-marketing", "brand-marketing", "seo", "photoshop"),
        title_skills=(),
        pay=(3200, 300),
        education=("any", "bachelor"),
        teams=("브랜드 | brand", "커뮤니케이션 | communications", "소셜 미디어 | social media"),
        duties=(
            "인스타그램, 유튜브 채널의 콘텐츠를 기획하고 제작합니다 | Plan and make content for "
            "Instagram and YouTube",
            "브랜드 캠페인과 인플루언서 협업을 진행합니다 | Run brand campaigns and influencer "
            "collaborations",
            "블로그 SEO로 자연 유입을 늘립니다 | Grow organic traffic through blog SEO",
            "보도자료를 작성하고 언론 대응을 돕습니다 | Write press releases and support PR",
        ),
        requirements=(
            "브랜드 콘텐츠 기획·제작 경험 | Planning and making brand content",
            "뛰어난 한국어 글쓰기 능력 | Excellent writing in Korean",
            "트렌드에 대한 높은 관심 | A feel for trends",
        ),
        preferred=(
            "영상 편집(Premiere) 가능자 | Video editing in Premiere",
            "팔로워 성장 캠페인 경험 | Growing an audience",
            "뷰티·패션 브랜드 경험 | Beauty or fashion brands",
        ),
    ),
    Role(
        key="b2b-sales",
        category="sales",
        titles=("B2B 영업 담당자", "법인 영업 매니저", "기술 영업"),
        title_en="Account Executive",
        skills=("b2b-sales", "key-account", "negotiation", "salesforce", "excel", "english"),
        title_skills=(),
        pay=(3600, 380),
        education=("bachelor", "any"),
        teams=(
            "엔터프라이즈 영업 | enterprise sales",
            "파트너 영업 | partner sales",
            "해외 영업 | international sales",
        ),
        duties=(
            "신규 기업 고객을 발굴하고 제안서를 작성합니다 | Find new business customers and write "
            "proposals",
            "주요 고객사와의 계약 갱신과 확장을 책임집니다 | Own renewals and expansion with key "
            "accounts",
            "영업 파이프라인을 CRM으로 관리합니다 | Manage the pipeline in the CRM",
            "전시회와 세미나에서 고객을 만납니다 | Meet customers at trade shows and seminars",
        ),
        requirements=(
            "B2B 영업 또는 제휴 경험 | B2B sales or partnerships",
            "운전면허 소지자 | A driving licence",
            "목표 달성에 대한 강한 의지 | You like hitting targets",
        ),
        preferred=(
            "SaaS 솔루션 영업 경험 | Selling SaaS",
            "비즈니스 영어 가능자 | Business English",
            "Salesforce 사용 경험 | Salesforce experience",
        ),
    ),
    Role(
        key="accountant",
        category="finance",
        titles=("회계 담당자", "재무회계 매니저", "세무회계 담당자"),
        title_en="Accountant",
        skills=("accounting", "tax", "erp", "excel", "financial-analysis"),
        title_skills=(),
        pay=(3400, 330),
        education=("bachelor", "associate", "any"),
        teams=("재무 | finance", "회계 | accounting"),
        duties=(
            "월별·분기별 결산과 재무제표 작성을 맡습니다 | Close the books monthly and quarterly",
            "부가세, 법인세 신고를 준비합니다 | Prepare VAT and corporate tax filings",
            "외부 회계감사에 대응합니다 | Support the external audit",
            "ERP 전표와 비용 정산을 관리합니다 | Manage ERP entries and expense claims",
        ),
        requirements=(
            "기업 회계 실무 경험 | Corporate accounting",
            "더존 등 ERP 사용 경험 | ERP such as Douzone",
            "Excel 능숙자 | Fluent in Excel",
        ),
        preferred=(
            "공인회계사(KICPA), 세무사 자격 | KICPA or tax accountant licence",
            "IFRS 연결결산 경험 | IFRS consolidation",
            "IPO 준비 경험 | IPO preparation",
        ),
    ),
    Role(
        key="financial-analyst",
        category="finance",
        titles=("재무 분석가", "FP&A 매니저", "투자 분석 담당자"),
        title_en="Financial Analyst",
        skills=("financial-analysis", "excel", "accounting", "sql", "english"),
        title_skills=(),
        pay=(4200, 420),
        education=("bachelor", "master"),
        teams=("FP&A | FP&A", "경영기획 | corporate planning", "IR | investor relations"),
        duties=(
            "연간 예산을 수립하고 실적을 분석합니다 | Build the annual budget and analyse results",
            "사업부별 손익 모델을 만들고 개선합니다 | Model profit and loss by business unit",
            "투자자 보고 자료를 작성합니다 | Prepare investor materials",
            "경영진 의사결정을 위한 시나리오를 분석합니다 | Model scenarios for leadership",
        ),
        requirements=(
            "재무 모델링 경험 | Financial modelling",
            "재무제표에 대한 깊은 이해 | Deep understanding of financial statements",
            "Excel 고급 활용 능력 | Advanced Excel",
        ),
        preferred=(
            "CFA, 회계사 자격 | CFA or CPA",
            "투자은행·컨설팅 경력 | Investment banking or consulting",
            "영어 보고서 작성 능력 | Writing reports in English",
        ),
    ),
    Role(
        key="recruiter",
        category="hr",
        titles=("채용 담당자", "HR 매니저", "인사 담당자"),
        title_en="Talent Acquisition Partner",
        skills=("recruiting", "hr-ops", "labor-law", "payroll", "excel"),
        title_skills=(),
        pay=(3400, 330),
        education=("bachelor", "any"),
        teams=("피플 | people", "인사 | HR", "인재 채용 | talent acquisition"),
        duties=(
            "채용 공고를 작성하고 후보자를 발굴합니다 | Write job ads and source candidates",
            "면접 일정과 후보자 경험을 관리합니다 | Run interviews and the candidate experience",
            "입사자 온보딩 프로그램을 운영합니다 | Run onboarding for new joiners",
            "평가·보상 제도 운영을 지원합니다 | Support reviews and compensation",
        ),
        requirements=(
            "인사 또는 채용 실무 경험 | Hands-on HR or recruiting",
            "근로기준법에 대한 이해 | Korean labour law",
            "꼼꼼하고 신뢰를 주는 커뮤니케이션 | Careful, trustworthy communication",
        ),
        preferred=(
            "IT 직군 채용 경험 | Hiring for tech roles",
            "급여·4대보험 실무 경험 | Payroll and social insurance",
            "ATS 도입·운영 경험 | Running an ATS",
        ),
    ),
    Role(
        key="cs-agent",
        category="customer",
        titles=("고객상담 매니저", "CS 상담원", "고객지원 담당자"),
        title_en="Customer Support Specialist",
        skills=("customer-service", "zendesk", "excel", "english", "japanese"),
        title_skills=(),
        pay=(2800, 220),
        education=("any", "high_school"),
        teams=("고객센터 | customer centre", "고객 경험 | customer experience"),
        duties=(
            "전화, 채팅, 이메일로 고객 문의에 답합니다 | Answer customers by phone, chat and email",
            "반복 문의를 정리해 FAQ를 개선합니다 | Turn repeat questions into better FAQs",
            "불편 사항을 유관 부서에 전달하고 해결까지 챙깁니다 | Carry complaints to the right "
            "team and follow up",
            "상담 품질 지표를 관리합니다 | Track support quality",
        ),
        requirements=(
            "고객 응대 경험(아르바이트 포함) | Customer-facing work, part-time included",
            "친절하고 정확한 커뮤니케이션 | Friendly, accurate communication",
            "기본적인 PC 활용 능력 | Basic computer skills",
        ),
        preferred=(
            "Zendesk 등 상담 도구 사용 경험 | Support tools such as Zendesk",
            "영어 또는 일본어 상담 가능자 | Support in English or Japanese",
            "이커머스 CS 경험 | E-commerce support",
        ),
        part_time_ok=True,
    ),
    Role(
        key="production-manager",
        category="manufacturing",
        titles=("생산관리 엔지니어", "생산기술 엔지니어", "공정 엔지니어"),
        title_en="Production Engineer",
        skills=(
            "production-management",
            "quality-control",
            "autocad",
            "plc",
            "six-sigma",
            "semiconductor",
            "erp",
        ),
        title_skills=(),
        pay=(3800, 350),
        education=("bachelor", "associate"),
        teams=(
            "생산 | production",
            "공정기술 | process engineering",
            "반도체 공정 | semiconductor fab",
        ),
        duties=(
            "생산 계획을 수립하고 라인 가동률을 관리합니다 | Plan production and keep lines running",
            "공정 불량 원인을 분석하고 개선합니다 | Find and fix causes of process defects",
            "신규 설비 도입과 셋업을 맡습니다 | Bring in and set up new equipment",
            "협력사와 자재 수급 일정을 조율합니다 | Coordinate materials with suppliers",
        ),
        requirements=(
            "기계·전기·산업공학 관련 전공 | A degree in mechanical, electrical or industrial "
            "engineering",
            "제조 현장 근무 경험 | Work on a factory floor",
            "교대 근무 가능자 | Able to work shifts",
        ),
        preferred=(
            "6시그마 자격 | Six Sigma certification",
            "PLC 프로그래밍 가능자 | PLC programming",
            "반도체·디스플레이 공정 경험 | Semiconductor or display processes",
        ),
    ),
    Role(
        key="quality-engineer",
        category="manufacturing",
        titles=("품질관리 담당자", "품질보증(QA) 엔지니어", "품질경영 담당자"),
        title_en="Quality Engineer",
        skills=("quality-control", "six-sigma", "gmp", "excel", "erp"),
        title_skills=(),
        pay=(3600, 330),
        education=("bachelor", "associate", "any"),
        teams=("품질보증 | quality assurance", "품질경영 | quality management"),
        duties=(
            "입고·공정·출하 검사를 수행합니다 | Run incoming, in-process and outgoing inspection",
            "고객 클레임을 분석하고 재발 방지 대책을 세웁니다 | Analyse claims and prevent repeats",
            "ISO 9001 품질경영시스템을 운영합니다 | Run the ISO 9001 quality system",
            "협력사 품질 감사를 진행합니다 | Audit suppliers",
        ),
        requirements=(
            "제조업 품질관리 경험 | Quality control in manufacturing",
            "측정 장비 사용 능력 | Using measuring equipment",
            "문서 작성과 보고 능력 | Documentation and reporting",
        ),
        preferred=(
            "품질경영기사 자격 | 품질경영기사 certificate",
            "자동차 부품(IATF 16949) 경험 | Automotive parts (IATF 16949)",
            "GMP 환경 근무 경험 | Work under GMP",
        ),
    ),
    Role(
        key="nurse",
        category="medical",
        titles=("병동 간호사", "외래 간호사", "검진센터 간호사"),
        title_en="Registered Nurse",
        skills=("nursing", "customer-service", "english"),
        title_skills=(),
        pay=(3600, 280),
        education=("associate", "bachelor"),
        teams=(
            "내과 병동 | internal medicine ward",
            "건강검진센터 | health screening centre",
            "외래 | outpatient clinic",
        ),
        duties=(
            "환자 상태를 관찰하고 간호 기록을 작성합니다 | Monitor patients and keep nursing records",
            "투약과 처치를 안전하게 수행합니다 | Give medication and treatment safely",
            "검진 수검자를 안내하고 문진합니다 | Guide and interview screening patients",
            "의료진과 협력해 치료 계획을 지원합니다 | Support treatment plans with the medical team",
        ),
        requirements=(
            "간호사 면허 소지자 | A Korean nursing licence",
            "3교대 근무 가능자(병동) | Able to work three shifts (ward)",
            "환자를 존중하는 태도 | Respect for patients",
        ),
        preferred=(
            "종합병원 근무 경험 | Work at a general hospital",
            "BLS, ACLS 자격 | BLS and ACLS",
            "영어 의사소통 가능자 | English conversation",
        ),
        part_time_ok=True,
    ),
    Role(
        key="clinical-research",
        category="medical",
        titles=("임상연구 코디네이터(CRC)", "임상연구 모니터요원(CRA)", "인허가(RA) 담당자"),
        title_en="Clinical Research Associate",
        skills=("clinical-research", "regulatory-affairs", "gmp", "english"),
        title_skills=(),
        pay=(3900, 380),
        education=("bachelor", "master"),
        teams=("임상운영 | clinical operations", "인허가 | regulatory affairs"),
        duties=(
            "임상시험 기관을 방문해 진행 상황을 모니터링합니다 | Monitor trial sites on visits",
            "임상시험 문서를 검토하고 관리합니다 | Review and keep trial documents",
            "식약처 인허가 서류를 준비합니다 | Prepare MFDS regulatory submissions",
            "연구자와 의뢰자 사이의 커뮤니케이션을 맡습니다 | Be the link between investigators "
            "and sponsor",
        ),
        requirements=(
            "약학, 간호학, 생명과학 관련 전공 | A degree in pharmacy, nursing or life sciences",
            "ICH-GCP에 대한 이해 | ICH-GCP",
            "영문 문서 독해 능력 | Reading documents in English",
        ),
        preferred=(
            "CRO 근무 경험 | CRO experience",
            "항암 임상 경험 | Oncology trials",
            "출장 가능자 | Able to travel",
        ),
    ),
    Role(
        key="instructor",
        category="education",
        titles=("영어 강사", "수학 강사", "코딩 교육 강사"),
        title_en="Instructor",
        skills=("teaching", "english", "curriculum", "edtech"),
        title_skills=(),
        pay=(3000, 250),
        education=("bachelor", "any"),
        teams=("초등 | elementary", "중등 | middle school", "성인 교육 | adult learning"),
        duties=(
            "소규모 반 수업을 진행하고 학습 상태를 관리합니다 | Teach small classes and track "
            "progress",
            "학부모 상담과 월간 리포트를 맡습니다 | Meet parents and write monthly reports",
            "수업 자료와 평가 문항을 만듭니다 | Make lesson materials and tests",
            "온라인 라이브 수업을 진행합니다 | Teach live online classes",
        ),
        requirements=(
            "관련 과목 강의 경험 | Teaching experience in the subject",
            "학생과 소통하는 것을 즐기시는 분 | You enjoy working with students",
            "정확한 발음과 전달력 | Clear speaking",
        ),
        preferred=(
            "교원 자격증 소지자 | A teaching licence",
            "해외 대학 졸업자 | A degree from abroad",
            "에듀테크 플랫폼 사용 경험 | EdTech platforms",
        ),
        part_time_ok=True,
    ),
    Role(
        key="learning-designer",
        category="education",
        titles=("교육 콘텐츠 기획자", "교수설계 담당자(ID)"),
        title_en="Learning Experience Designer",
        skills=("curriculum", "edtech", "content-marketing", "teaching"),
        title_skills=(),
        pay=(3400, 320),
        education=("bachelor", "master"),
        teams=("온라인 강의 | online courses", "기업 교육 | corporate learning"),
        duties=(
            "온라인 강의의 커리큘럼과 학습 흐름을 설계합니다 | Design curricula and learning flows "
            "for online courses",
            "강사와 함께 강의 원고와 실습 과제를 만듭니다 | Write scripts and exercises with "
            "instructors",
            "수강 완료율 데이터를 보고 과정을 개선합니다 | Improve courses from completion data",
            "기업 고객 맞춤 교육 과정을 기획합니다 | Plan custom programmes for business clients",
        ),
        requirements=(
            "교육 과정 기획 경험 | Planning learning programmes",
            "교육학 또는 관련 분야 전공 | A degree in education or a related field",
            "문서 작성 능력 | Strong writing",
        ),
        preferred=(
            "LMS 운영 경험 | Running an LMS",
            "영상 강의 제작 경험 | Producing video lessons",
            "HRD 실무 경험 | Corporate HRD",
        ),
    ),
)

ROLES_BY_CATEGORY: dict[str, tuple[Role, ...]] = {}
for _role in ROLES:
    ROLES_BY_CATEGORY[_role.category] = (*ROLES_BY_CATEGORY.get(_role.category, ()), _role)
