"""Text normalisation for field comparison.

``fold`` is the strict-mode normal form: Unicode NFKC, case-fold, and every run of
whitespace folded to one space, trimmed. ``answer_tokens`` and ``token_f1`` follow
the SQuAD evaluation (Rajpurkar et al. 2016): lower-case, drop punctuation and the
articles a/an/the, split on whitespace, and score the bag-of-tokens overlap.
"""

from __future__ import annotations

import unicodedata
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


def token_f1(gold: str, predicted: str) -> float:
    """SQuAD token F1 (Rajpurkar et al. 2016) between two strings.

    Over the multisets of normalised tokens: 2·common / (|gold| + |predicted|).
    When either side has no tokens the score is 1.0 if both are empty, else 0.0.
    """
    return tokens_f1(answer_tokens(gold), answer_tokens(predicted))


def tokens_f1(gold: tuple[str, ...], predicted: tuple[str, ...]) -> float:
    """``token_f1`` on already normalised token tuples."""
    return bag_f1(bag(gold), bag(predicted), len(gold), len(predicted))


def bag(tokens: tuple[str, ...]) -> dict[str, int]:
    """Token -> count, for repeated ``bag_f1`` calls on the same text."""
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
    for token, count in bag(tokens).items():
        levels.update((token, k) for k in range(2, count + 1))
    return frozenset(levels)


def bag_f1(gold: dict[str, int], predicted: dict[str, int], gold_size: int, predicted_size: int) -> float:
    """``tokens_f1`` on precomputed bags (and their sizes)."""
    if not gold_size or not predicted_size:
        return float(gold_size == predicted_size)
    if len(gold) > len(predicted):
        gold, predicted = predicted, gold
    common = 0
    for token, count in gold.items():
        other = predicted.get(token, 0)
        common += count if count < other else other
    return 2 * common / (gold_size + predicted_size)
