"""What matched, shown to the person who searched (POL-S-001): the title and a snippet of
the description with the matching words in <mark>. Everything else is HTML-escaped, so a
job's text can never inject markup.

Matching follows the index: a Korean query term (stem or synonym) is marked wherever it
occurs inside a word ("개발" in "풀스택개발자"), except one that matches whole (a syllable cut
from a compound, ADR 0097), which marks only a word of its own; a Latin one marks the whole
word whose normalised form it is ("C++" for cpp; a prefix term marks the words it begins)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from jobs.search.analysis import CHUNK, analyze_latin
from jobs.search.query import ParsedQuery, Term

SNIPPET_CHARS = 160


def _is_hangul(char: str) -> bool:
    return "가" <= char <= "힣"


@dataclass(frozen=True)
class _Terms:
    """A query's terms made ready to scan text with: Korean terms as one alternation
    (longest first, so 개발자 wins over 개발 where both begin), Latin terms as they are."""

    hangul: re.Pattern | None
    latin: tuple[Term, ...]


def _hangul_pattern(term: Term) -> str:
    """Inside words, or (a term that matches whole) between non-Hangul characters only: "리"
    from 리액트 is not the 리 of 원리."""
    text = re.escape(term.text)
    return text if term.prefix else f"(?<![가-힣]){text}(?![가-힣])"


@functools.lru_cache(maxsize=256)
def _terms(query: ParsedQuery) -> _Terms:
    terms = query.terms()
    hangul = sorted((t for t in terms if _is_hangul(t.text[0])), key=lambda t: -len(t.text))
    latin = tuple(t for t in terms if not _is_hangul(t.text[0]))
    pattern = "|".join(dict.fromkeys(map(_hangul_pattern, hangul)))
    return _Terms(re.compile(pattern) if hangul else None, latin)


@functools.lru_cache(maxsize=4096)
def _latin_forms(chunk: str) -> frozenset[str]:
    """The normalised forms a Latin word is indexed under (the same words recur in ads)."""
    return frozenset(f for w in analyze_latin(chunk) for f in (w.stem, *w.morphemes))


class Matcher:
    """Finds one query's matches in the texts of a result page. Made once per page, not per
    job and field (20 titles, 20 snippets and every skill tag share the query), and it
    remembers its answers for the page's Latin words and skill tags, which recur."""

    def __init__(self, query: ParsedQuery):
        terms = _terms(query)
        self.hangul, self.latin = terms.hangul, terms.latin
        self._latin_words: dict[str, bool] = {}
        self._skills: dict[int, bool] = {}

    def _latin_matches(self, chunk: str) -> bool:
        found = self._latin_words.get(chunk)
        if found is None:
            found = self._latin_words[chunk] = any(
                (f.startswith(t.text) if t.prefix else f == t.text)
                for f in _latin_forms(chunk)
                for t in self.latin
            )
        return found

    def _may_match_latin(self, text: str) -> bool:
        """False when no Latin word of `text` can match: a word's indexed forms are its
        lowercase letters with ++, # and dots spelt as analyze_latin spells them, so each
        form (and a term it begins or equals) is a substring of the text spelt so. Most
        descriptions lack every Latin term and skip the scan word by word."""
        if not self.latin:
            return False
        spelt = text.lower().replace("++", "pp").replace("#", "sharp").replace(".", "")
        return any(term.text in spelt for term in self.latin)

    def iter_spans(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each match in `text`, in order, not overlapping, found as they
        are asked for: a snippet reads a long description only up to the end of its window."""
        if not self._may_match_latin(text):
            # Korean terms match inside Hangul runs alone, so one scan of the whole text
            # finds what a scan word by word would.
            if self.hangul:
                yield from (m.span() for m in self.hangul.finditer(text))
            return
        for found in CHUNK.finditer(text):
            chunk, start = found.group(), found.start()
            if _is_hangul(chunk[-1]):
                if self.hangul:
                    for m in self.hangul.finditer(chunk):
                        yield start + m.start(), start + m.end()
            elif self._latin_matches(chunk):
                yield start, found.end()

    def skill_matches(self, skill) -> bool:
        found = self._skills.get(skill.pk)
        if found is None:
            found = self._skills[skill.pk] = any(
                next(self.iter_spans(name), None) for name in (skill.name_ko, skill.name_en)
            )
        return found


Query = ParsedQuery | Matcher


def _matcher(query: Query) -> Matcher:
    return query if isinstance(query, Matcher) else Matcher(query)


def match_spans(text: str, query: Query) -> list[tuple[int, int]]:
    """(start, end) of every match in `text`, in order, not overlapping."""
    return list(_matcher(query).iter_spans(text))


def mark(text: str, spans: list[tuple[int, int]]) -> SafeString:
    out, last = [], 0
    for start, end in spans:
        out += [escape(text[last:start]), "<mark>", escape(text[start:end]), "</mark>"]
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703 - every piece of text is escaped above


def highlight(text: str, query: Query) -> SafeString:
    return mark(text, match_spans(text, query))


def snippet(text: str, query: Query, width: int = SNIPPET_CHARS) -> SafeString:
    """About `width` characters of `text` around its first match (its start if none)."""
    text = " ".join(text.split())
    spans = _matcher(query).iter_spans(text)
    first = next(spans, None)
    begin = max(first[0] - width // 3, 0) if first else 0
    if begin:
        space = text.rfind(" ", 0, begin)
        begin = space + 1 if space >= 0 and begin - space < 20 else begin
    end = min(begin + width, len(text))
    inside = []
    for start, stop in chain([first] if first else [], spans):
        if start >= end:
            break
        if start >= begin and stop <= end:
            inside.append((start - begin, stop - begin))
    body = mark(text[begin:end], inside)
    prefix = "…" if begin else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(f"{prefix}{body}{suffix}")  # noqa: S308  # nosec B308 B703 - body is escaped by mark()


def matched_skills(job, query: Query) -> list[str]:
    """The codes of the job's skill tags whose Korean or English name matched: a job found
    only through its tags (파이썬 → a job tagged Python) shows why it was found."""
    matcher = _matcher(query)
    return [skill.code for skill in job.skills.all() if matcher.skill_matches(skill)]


def highlights(job, query: Query) -> dict:
    """The title and description snippet of a job in a result list, marked, and the skill
    tags that matched."""
    matcher = _matcher(query)
    return {
        "title": highlight(job.title, matcher),
        "snippet": snippet(job.description, matcher),
        "skills": matched_skills(job, matcher),
    }


def attach_highlights(jobs, query: ParsedQuery) -> None:
    """Give each job of a result page its `highlights` (pages and API show the same), with
    one matcher for the page."""
    if query:
        matcher = Matcher(query)
        for job in jobs:
            job.highlights = highlights(job, matcher)
