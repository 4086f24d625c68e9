"""Skills found in free text (POL-S-003): a job's description, a résumé's text.

The vocabulary is the shared skills list (jobs.Skill: Korean and English names and the code)
plus the admin's search synonyms (ADR 0055) of those names, so `파이썬` in a résumé counts
as Python. Text and names go through the search analyser (ADR 0054), so particles and case
do not matter (`머신러닝을`, `PYTHON`). A name of several words matches those words in a
row (`테스트 자동화`), or written as one (`테스트자동화`); a Korean name of two syllables or
more also matches at the start of a compound when at most three syllables follow (a team or
role word: `회계` in `회계팀`, `자바` in `자바개발자`, but not in `자바스크립트`); a Latin name
matches whole (`java` is not in `javascript`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from jobs.search.analysis import Word, analyze

Phrase = tuple[str, ...]
COMPOUND_TAIL = 3
# Names too common in job ads to mean the skill: `채용` (Recruiting) is in nearly every
# Korean ad ("신입 채용"). The skill still comes from its other names and from tags.
TOO_COMMON: frozenset[Phrase] = frozenset({("채용",)})
# Lines whose stems and names a vocabulary keeps (cleared when full): a million seeded jobs
# have ~20,000 distinct lines.
LINES_KEPT = 32768


def phrases_of(text: str) -> list[Phrase]:
    """The ways a name is written in analysed text: its words' stems, and, for a Korean
    name, the stems run together or cut where the analyser cuts the compound."""
    words = [w for w in analyze(text) if w.stem]
    if not words:
        return []
    phrases = [tuple(w.stem for w in words)]
    if all(w.hangul for w in words):
        if len(words) > 1:
            phrases.append(("".join(w.stem for w in words),))
        elif len(words[0].parts) > 1 and "".join(words[0].parts) == words[0].stem:
            phrases.append(words[0].parts)
    return [p for p in dict.fromkeys(phrases) if p not in TOO_COMMON]


@dataclass
class SkillVocabulary:
    """Phrase → skill codes, built once from the skills list and the synonyms."""

    phrases: dict[Phrase, set[str]] = field(default_factory=dict)
    _lines: dict[str, tuple[Phrase, frozenset[str]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def build(
        cls, skills: Iterable[tuple[str, Iterable[str]]], synonym_groups: Iterable[Iterable[str]]
    ) -> SkillVocabulary:
        """`skills`: (code, names); a synonym group that holds one of a skill's names (as
        analysed) lends the skill its other members."""
        groups = [[p for term in group for p in phrases_of(term)] for group in synonym_groups]
        vocabulary = cls()
        for code, names in skills:
            own = {p for name in [code.replace("-", " "), *names] for p in phrases_of(name)}
            lent = {p for group in groups if own & set(group) for p in group}
            for phrase in own | lent:
                vocabulary.phrases.setdefault(phrase, set()).add(code)
        return vocabulary

    def extract(self, text: str) -> set[str]:
        """The codes of the skills the text names. Line by line, each distinct line looked
        up once per vocabulary (job ads repeat lines: ADR 0086); a name of several words
        still matches across a line break, as in the text read as one run of words."""
        found: set[str] = set()
        reach = self._longest - 1  # the words before a line break a name may start in
        carry: Phrase = ()
        for line in text.split("\n"):
            stems, codes = self._line(line)
            found |= codes
            if carry and stems:
                joined = carry + stems[:reach]
                for start in range(len(carry)):
                    for end in range(len(carry) + 1, min(start + reach + 1, len(joined)) + 1):
                        found |= self.phrases.get(joined[start:end], set())
            carry = (carry + stems)[-reach:] if reach else ()
        return found

    @cached_property
    def _longest(self) -> int:
        """The most words in a name (read after build() has filled the phrases)."""
        return max((len(p) for p in self.phrases), default=1)

    def _line(self, line: str) -> tuple[Phrase, frozenset[str]]:
        """A line's stems and the codes named within it, kept per vocabulary."""
        if (known := self._lines.get(line)) is not None:
            return known
        words = [w for w in analyze(line) if w.stem]
        stems = tuple(w.stem for w in words)
        found: set[str] = set()
        for start, word in enumerate(words):
            for size in range(1, min(self._longest, len(stems) - start) + 1):
                found |= self.phrases.get(stems[start : start + size], set())
            if word.hangul:
                found |= self._compound_heads(word)
        if len(self._lines) >= LINES_KEPT:
            self._lines.clear()
        self._lines[line] = known = (stems, frozenset(found))
        return known

    def _compound_heads(self, word: Word) -> set[str]:
        """Korean names at the start of a longer compound (`회계팀` → 회계)."""
        stem = word.stem
        found: set[str] = set()
        for end in range(max(2, len(stem) - COMPOUND_TAIL), len(stem)):
            found |= self.phrases.get((stem[:end],), set())
        return found
