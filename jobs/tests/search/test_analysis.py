"""Analysis and query parsing, without a database (ADR 0054, POL-S-001)."""

import subprocess
import sys

from jobs.search.analysis import analyze, index_terms
from jobs.search.query import Term, parse_query, split_on_keys
from jobs.search.synonyms import build_map

SYNONYMS = build_map(
    [["백엔드", "backend", "서버"], ["개발자", "developer"], ["머신러닝", "machine learning"]]
)


def test_particles_and_endings_are_cut_from_korean_words():
    assert [w.stem for w in analyze("백엔드개발자를 찾습니다")] == ["백엔드개발자", ""]
    assert [w.stem for w in analyze("파이썬으로 개발합니다")] == ["파이썬", "개발"]


def test_compounds_are_indexed_with_morphemes_and_suffixes():
    terms = index_terms("풀스택개발자")
    assert {"풀스택개발자", "스택", "개발자", "개발", "스택개발자"} <= set(terms)
    assert len(terms) == len(set(terms))


def test_latin_words_are_lower_cased_and_normalised():
    assert index_terms("Node.js, C++ 와 C# (3년) React경험") == [
        "nodejs",
        "node",
        "js",
        "cpp",
        "csharp",
        "react",
        "경험",
    ]


def test_a_text_is_analysed_line_by_line_as_it_would_be_whole():
    """Lines are analysed (and cached) one by one (ADR 0086): no word spans a line break,
    so a text's words and terms are those of the same text with spaces for line breaks."""
    text = "백엔드개발자를 찾습니다\nNode.js, C++\n\n- 파이썬으로 개발합니다\n3년 이상 React경험"
    flat = text.replace("\n", " ")
    assert analyze(text) == analyze(flat)
    assert index_terms(text) == index_terms(flat)
    assert index_terms("개발자\n개발자") == index_terms("개발자")


def test_a_word_the_dictionary_tags_as_a_pronoun_keeps_its_stem():
    """mecab-ko-dic tags 디자이너 as a pronoun (NP): "디자이너가" must still find designers."""
    assert [w.stem for w in analyze("디자이너가")] == ["디자이너"]


def test_words_without_content_are_not_indexed():
    assert index_terms("함께 찾습니다 와 2024") == []


def test_query_words_all_match_each_through_alternatives():
    query = parse_query("데이터엔지니어 python", {})
    first, second = query.groups
    assert (Term("데이터엔지니어", True),) in first.alternatives
    assert (Term("데이터", True), Term("엔지니어", True)) in first.alternatives
    # The last Latin word may be a prefix of what is being typed; earlier ones are whole.
    assert second.alternatives == ((Term("python", False),), (Term("python", True),))
    assert parse_query("python 개발", {}).groups[0].alternatives == ((Term("python", False),),)


def test_one_syllable_parts_and_synonyms_match_whole_words():
    # The analyser cuts 쿠버네티스 into 쿠 + 버네 + 티스 and 회계사 into 회계 + 사: as prefixes,
    # "쿠" and "사" would match much of the vocabulary (쿠폰, 사무…) and read much of the index.
    kubernetes = parse_query("쿠버네티스", {}).groups[0].alternatives
    assert (Term("쿠", False), Term("버네", True), Term("티스", True)) in kubernetes
    planner = parse_query("기획자", {}).groups[0].alternatives
    assert (Term("기획", True), Term("자", False)) in planner
    accountant = parse_query("회계사", build_map([["회계", "accounting"]])).groups[0].alternatives
    assert (Term("accounting", False), Term("사", False)) in accountant
    vue = parse_query("vue", build_map([["vue", "뷰", "뷰티풀"]])).groups[0].alternatives
    assert (Term("뷰", False),) in vue
    assert (Term("뷰티풀", True),) in vue
    # What was typed keeps its prefix match, however short: it may still be being typed.
    assert parse_query("웹", {}).groups[0].alternatives[0] == (Term("웹", True),)


def test_synonyms_expand_words_and_pieces_of_compounds():
    query = parse_query("서버개발자", SYNONYMS)
    alternatives = query.groups[0].alternatives
    assert (Term("backend", False), Term("developer", False)) in alternatives
    # Inside a compound a piece matches by its root: 개발자 → 개발 (its text says 개발).
    assert (Term("백엔드", True), Term("개발", True)) in alternatives
    ml = parse_query("머신러닝", SYNONYMS).groups[0].alternatives
    assert (Term("machine", False), Term("learning", False)) in ml


def test_compounds_split_around_synonym_keys():
    assert split_on_keys("백엔드개발자", {"백엔드", "개발자"}) == ["백엔드", "개발자"]
    assert split_on_keys("시니어백엔드", {"백엔드"}) == ["시니어", "백엔드"]
    assert split_on_keys("영업", {"백엔드"}) == ["영업"]


def test_an_empty_or_punctuation_query_has_no_words():
    assert not parse_query("", {})
    assert not parse_query("!!! ???", {})


def test_loading_the_app_does_not_load_the_analyser():
    """Loading the analyser must not slow every process start or test: it loads on first use."""
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'jobboard.settings.test';"
        "django.setup(); import jobs.search, jobs.signals, sys;"
        "print('mecab_ko' in sys.modules)"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and fixed code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
