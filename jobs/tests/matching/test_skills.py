"""Skills found in text (POL-S-003, ADR 0076), without a database: the analyser and a
vocabulary built from a few skills and synonyms."""

from jobs.matching.skills import SkillVocabulary, phrases_of

VOCABULARY = SkillVocabulary.build(
    [
        ("python", ("Python", "Python")),
        ("java", ("Java", "Java")),
        ("javascript", ("JavaScript", "JavaScript")),
        ("machine-learning", ("머신러닝", "Machine learning")),
        ("test-automation", ("테스트 자동화", "Test automation")),
        ("accounting", ("회계", "Accounting")),
        ("recruiting", ("채용", "Recruiting")),
        ("nodejs", ("Node.js", "Node.js")),
        ("cpp", ("C++", "C++")),
    ],
    [["파이썬", "python"], ["자바", "java"], ["노드", "node", "nodejs"]],
)


def test_names_are_found_with_particles_and_in_any_case__POL_S_003():
    text = "PYTHON과 머신러닝을 활용한 서비스 개발, C++ 경험"
    assert VOCABULARY.extract(text) == {"python", "machine-learning", "cpp"}


def test_synonyms_of_a_name_find_the_skill__POL_S_003():
    assert VOCABULARY.extract("파이썬으로 백엔드를 개발합니다") == {"python"}
    assert VOCABULARY.extract("노드 기반 서버") == {"nodejs"}


def test_a_name_of_several_words_matches_in_a_row_or_written_as_one():
    assert VOCABULARY.extract("Test automation with pytest") == {"test-automation"}
    assert VOCABULARY.extract("테스트 자동화 구축") == {"test-automation"}
    assert VOCABULARY.extract("테스트자동화 경험") == {"test-automation"}
    assert VOCABULARY.extract("자동화 테스트 경험") == set()
    assert VOCABULARY.extract("machine vision and deep learning") == set()


def test_a_name_of_several_words_is_found_across_a_line_break():
    """Lines are looked up one by one (ADR 0086), yet the text reads as one run of words, as
    before: a name cut by a line break (or a blank line) is still found."""
    assert VOCABULARY.extract("우대 사항\n- Test\nautomation 경험") == {"test-automation"}
    assert VOCABULARY.extract("테스트\n\n자동화") == {"test-automation"}
    assert VOCABULARY.extract("Python\nPython\n머신러닝") == {"python", "machine-learning"}


def test_a_korean_name_heads_short_compounds_only():
    assert VOCABULARY.extract("회계팀에서 근무") == {"accounting"}
    assert VOCABULARY.extract("자바개발자 모집") == {"java"}
    # 자바 is not JavaScript's first half: a long tail is another word.
    assert VOCABULARY.extract("자바스크립트 개발자") == set()


def test_latin_names_match_whole_words():
    assert VOCABULARY.extract("JavaScript and TypeScript") == {"javascript"}
    assert VOCABULARY.extract("Java 11, Spring") == {"java"}


def test_a_name_every_ad_uses_does_not_count():
    """채용 (Recruiting) is in nearly every Korean ad; the English name still counts."""
    assert VOCABULARY.extract("신입 채용, 경력 채용 공고") == set()
    assert VOCABULARY.extract("Recruiting operations") == {"recruiting"}


def test_the_code_is_a_name_too():
    assert ("machine", "learning") in VOCABULARY.phrases
    assert phrases_of("테스트 자동화") == [("테스트", "자동화"), ("테스트자동화",)]


def test_text_without_skills_gives_none():
    assert VOCABULARY.extract("") == set()
    assert VOCABULARY.extract("함께 성장할 동료를 찾습니다") == set()
