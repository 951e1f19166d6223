"""Text normalisation for field comparison.

``fold`` is the strict-mode normal form: Unicode NFKC, case-fold, and every run of
whitespace folded to one space, trimmed. ``answer_tokens`` and ``token_f1`` follow
the SQuAD evaluation (Rajpurkar et al. 2016): lower-case, drop punctuation and the
articles a/an/the, split on whitespace, and score the bag-of-tokens overlap.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

_ARTICLES = frozenset({"a", "an", "the"})
_ASCII_PUNCTUATION = {i: None for i in range(128) if unicodedata.category(chr(i)).startswith("P")}


class _Punctuation(dict[int, "int | None"]):
    """``str.translate`` table deleting Unicode punctuation (category P*), filled
    one code point at a time as texts need it: translation then runs in C for
    every character already seen, instead of a Python call per character."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.category(chr(code)).startswith("P") else code
        self[code] = value
        return value


_PUNCTUATION = _Punctuation(_ASCII_PUNCTUATION)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """NFKC, case-fold, whitespace folded to single spaces and trimmed."""
    return fold_uncached(text)


def fold_uncached(text: str) -> str:
    """``fold`` without its cache, for texts that rarely repeat (``str.split``
    splits at exactly the characters ``\\s`` matches)."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@lru_cache(maxsize=65536)
def answer_tokens(text: str) -> tuple[str, ...]:
    """SQuAD ``normalize_answer`` then whitespace split, applied to ``fold(text)``:
    punctuation (Unicode category P*) removed, articles a/an/the dropped."""
    return folded_tokens(fold(text))


def folded_tokens(folded: str) -> tuple[str, ...]:
    """``answer_tokens`` of a text already in ``fold`` form."""
    if folded.isascii():
        bare = folded.translate(_ASCII_PUNCTUATION)
    else:
        bare = folded.translate(_PUNCTUATION)
    words = bare.split()
    if _ARTICLES.isdisjoint(words):
        return tuple(words)
    return tuple([t for t in words if t not in _ARTICLES])


def normalize_answer(text: str) -> str:
    """The SQuAD normal form of ``text`` as one string."""
    return " ".join(answer_tokens(text))


@dataclass(frozen=True, slots=True)
class TextValue:
    """A text prepared for comparison: its ``fold`` form, its SQuAD tokens
    (``folded_tokens``) and their multiset as a set (``token_levels``)."""

    folded: str
    tokens: tuple[str, ...]
    levels: frozenset[str | tuple[str, int]] = field(compare=False, repr=False)

    @classmethod
    def of(cls, text: str) -> "TextValue":
        folded = fold_uncached(text)
        tokens = folded_tokens(folded)
        return cls(folded, tokens, token_levels(tokens))

    def f1(self, other: "TextValue") -> float:
        """SQuAD token F1 (Rajpurkar et al. 2016) against another text: over the
        multisets of tokens, 2·common / (|self| + |other|); when either side has
        no tokens, 1.0 if both are empty, else 0.0. The one implementation."""
        size, other_size = len(self.tokens), len(other.tokens)
        if not size or not other_size:
            return float(size == other_size)
        return 2 * len(self.levels & other.levels) / (size + other_size)


def token_f1(gold: str, predicted: str) -> float:
    """SQuAD token F1 between two strings (``TextValue.f1``)."""
    return TextValue.of(gold).f1(TextValue.of(predicted))


def _bag(tokens: tuple[str, ...]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for token in tokens:
        counts[token] = counts.get(token, 0) + 1
    return counts


def token_levels(tokens: tuple[str, ...]) -> frozenset[str | tuple[str, int]]:
    """The multiset of tokens as a set: a token once, then ``(token, k)`` for its
    k-th occurrence (k >= 2), so that two texts share ``len(a & b)`` =
    sum over tokens of the smaller count."""
    distinct = frozenset(tokens)
    if len(distinct) == len(tokens):
        return distinct
    levels: set[str | tuple[str, int]] = set(distinct)
    for token, count in _bag(tokens).items():
        levels.update((token, k) for k in range(2, count + 1))
    return frozenset(levels)
