"""A search query, read the way the index was written (ADR 0054), with synonyms (ADR 0055).

Every query word must match (AND). A word matches through any of its alternatives (OR):
its stem (Korean: by prefix, which finds it inside compounds), its parts when the analyser
splits a compound ("데이터엔지니어" → 데이터 AND 엔지니어, which finds "데이터 엔지니어"), and
each synonym an admin keeps ("파이썬" → python). A Latin word matches exactly ("java" does
not find "javascript"), except the last one, which may be still being typed: it also matches
by prefix ("kube" → kubernetes), and exact matches rank higher."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice, product

from jobs.search.analysis import Word, analyze, analyze_korean

MAX_WORDS = 8
MAX_COMPOUND_ALTERNATIVES = 24


@dataclass(frozen=True)
class Term:
    text: str
    prefix: bool


# All terms of an alternative must match.
Alternative = tuple[Term, ...]


@dataclass(frozen=True)
class Group:
    """One query word and the ways it may match."""

    word: str
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    groups: tuple[Group, ...]

    def __bool__(self) -> bool:
        return bool(self.groups)

    def terms(self) -> list[Term]:
        """Every term that can make a job match, for highlighting."""
        seen = dict.fromkeys(t for g in self.groups for alt in g.alternatives for t in alt)
        return list(seen)


def synonym_key(word: Word) -> str:
    return word.stem


def derived_term(text: str, korean: bool) -> Term:
    """A term the search adds to what was typed (a compound's part, a synonym's member).
    Korean ones match by prefix, as inside compounds, but one syllable matches whole: "쿠"
    (from 쿠버네티스), "마" (the synonym 마케터, whose stem the analyser reads as 마) or "뷰"
    (Vue) as prefixes are most of the vocabulary (쿠폰, 마감, 뷰티): 마케팅 in 대구 read the
    postings of 14 % of all jobs (ADR 0097)."""
    return Term(text, korean and len(text) >= 2)


def word_alternatives(word: Word, *, last: bool) -> list[Alternative]:
    if word.hangul:
        alternatives: list[Alternative] = [(Term(word.stem, True),)]
        if len(word.parts) > 1 and "".join(word.parts) == word.stem:
            alternatives.append(tuple(derived_term(p, True) for p in word.parts))
        return alternatives
    alternatives = [(Term(word.stem, False),)]
    if last and len(word.stem) >= 2:
        alternatives.append((Term(word.stem, True),))
    return alternatives


def split_on_keys(stem: str, keys: set[str]) -> list[str]:
    """The stem cut around the synonym keys it contains, longest key first from the left
    ("백엔드개발자" → "백엔드", "개발자"): the analyser does not always cut there."""
    pieces: list[str] = []
    i = 0
    while i < len(stem):
        key = max((k for k in keys if len(k) >= 2 and stem.startswith(k, i)), key=len, default="")
        if key:
            pieces.append(key)
            i += len(key)
        else:
            if pieces and pieces[-1] not in keys:
                pieces[-1] += stem[i]
            else:
                pieces.append(stem[i])
            i += 1
    return pieces


def _members(synonyms: dict[str, list[list[Word]]], key: str) -> list[Alternative]:
    members = synonyms.get(key, [])
    return [tuple(derived_term(m.stem, m.hangul) for m in member) for member in members]


def root(piece: str) -> str:
    """A dictionary compound's leading noun ("개발자" → "개발", "담당자" → "담당"), else the
    piece: inside a compound query the piece matches by its root, so "프론트엔드개발자" finds
    "프론트엔드 엔지니어" whose text says 개발 (the relevance benchmark's compound misses)."""
    morphemes = analyze_korean(piece).morphemes
    first = morphemes[0] if morphemes else ""
    return first if len(first) >= 2 and piece.startswith(first) else piece


def compound_alternatives(word: Word, synonyms: dict[str, list[list[Word]]]) -> list[Alternative]:
    """A compound whose pieces have synonyms also matches the pieces' synonyms, in every
    combination ("서버개발자" → backend AND developer, 백엔드 AND 개발, …)."""
    # The compound's own key (a role set such as 백엔드개발자) is not one of its pieces.
    keys = {k for k in synonyms if k[:1] >= "가" and k != word.stem}
    pieces = split_on_keys(word.stem, keys)
    if len(pieces) < 2 or not any(p in synonyms for p in pieces):
        return []
    options = [
        [(derived_term(root(p), True),), *(m for m in _members(synonyms, p) if len(m) == 1)]
        for p in pieces
    ]
    combos = islice(product(*options), MAX_COMPOUND_ALTERNATIVES)
    return [tuple(term for alt in combo for term in alt) for combo in combos]


def parse_query(text: str, synonyms: dict[str, list[list[Word]]] | None = None) -> ParsedQuery:
    """The query's words (at most MAX_WORDS) and their alternatives."""
    synonyms = synonyms or {}
    words = [w for w in analyze(text) if w.stem][:MAX_WORDS]
    groups = []
    for index, word in enumerate(words):
        alternatives = word_alternatives(word, last=index == len(words) - 1)
        alternatives += _members(synonyms, synonym_key(word))
        if word.hangul:
            alternatives += compound_alternatives(word, synonyms)
        groups.append(Group(word.text, tuple(dict.fromkeys(alternatives))))
    return ParsedQuery(text, tuple(groups))
