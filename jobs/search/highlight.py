"""What matched, shown to the person who searched (POL-S-001): the title and a snippet of
the description with the matching words in <mark>. Everything else is HTML-escaped, so a
job's text can never inject markup.

Matching follows the index: a Korean query term (stem or synonym) is marked wherever it
occurs inside a word ("개발" in "풀스택개발자"), a Latin one marks the whole word whose
normalised form it is ("C++" for cpp; a prefix term marks the words it begins)."""

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
class _Matcher:
    """A query's terms made ready to scan text with: Korean terms as one alternation
    (longest first, so 개발자 wins over 개발 where both begin), Latin terms as they are."""

    hangul: re.Pattern | None
    latin: tuple[Term, ...]


@functools.lru_cache(maxsize=256)
def _matcher(query: ParsedQuery) -> _Matcher:
    # Built once per query, not per job and field: a result page marks 20 titles, 20
    # snippets and every skill tag with the same query.
    terms = query.terms()
    hangul = sorted({t.text for t in terms if _is_hangul(t.text[0])}, key=len, reverse=True)
    latin = tuple(t for t in terms if not _is_hangul(t.text[0]))
    return _Matcher(re.compile("|".join(map(re.escape, hangul))) if hangul else None, latin)


@functools.lru_cache(maxsize=4096)
def _latin_forms(chunk: str) -> frozenset[str]:
    """The normalised forms a Latin word is indexed under (the same words recur in ads)."""
    return frozenset(f for w in analyze_latin(chunk) for f in (w.stem, *w.morphemes))


def _latin_matches(chunk: str, terms: tuple[Term, ...]) -> bool:
    forms = _latin_forms(chunk)
    return any((f.startswith(t.text) if t.prefix else f == t.text) for f in forms for t in terms)


def iter_spans(text: str, query: ParsedQuery) -> Iterator[tuple[int, int]]:
    """(start, end) of each match in `text`, in order, not overlapping, found as they are
    asked for: a snippet reads a long description only up to the end of its window."""
    matcher = _matcher(query)
    for found in CHUNK.finditer(text):
        chunk, start = found.group(), found.start()
        if _is_hangul(chunk[-1]):
            if matcher.hangul:
                for m in matcher.hangul.finditer(chunk):
                    yield start + m.start(), start + m.end()
        elif matcher.latin and _latin_matches(chunk, matcher.latin):
            yield start, found.end()


def match_spans(text: str, query: ParsedQuery) -> list[tuple[int, int]]:
    """(start, end) of every match in `text`, in order, not overlapping."""
    return list(iter_spans(text, query))


def mark(text: str, spans: list[tuple[int, int]]) -> SafeString:
    out, last = [], 0
    for start, end in spans:
        out += [escape(text[last:start]), "<mark>", escape(text[start:end]), "</mark>"]
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703 - every piece of text is escaped above


def highlight(text: str, query: ParsedQuery) -> SafeString:
    return mark(text, match_spans(text, query))


def snippet(text: str, query: ParsedQuery, width: int = SNIPPET_CHARS) -> SafeString:
    """About `width` characters of `text` around its first match (its start if none)."""
    text = " ".join(text.split())
    spans = iter_spans(text, query)
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


def matched_skills(job, query: ParsedQuery) -> list[str]:
    """The codes of the job's skill tags whose Korean or English name matched: a job found
    only through its tags (파이썬 → a job tagged Python) shows why it was found."""
    return [
        skill.code
        for skill in job.skills.all()
        if match_spans(skill.name_ko, query) or match_spans(skill.name_en, query)
    ]


def highlights(job, query: ParsedQuery) -> dict:
    """The title and description snippet of a job in a result list, marked, and the skill
    tags that matched."""
    return {
        "title": highlight(job.title, query),
        "snippet": snippet(job.description, query),
        "skills": matched_skills(job, query),
    }


def attach_highlights(jobs, query: ParsedQuery) -> None:
    """Give each job of a result page its `highlights` (pages and API show the same)."""
    if query:
        for job in jobs:
            job.highlights = highlights(job, query)
