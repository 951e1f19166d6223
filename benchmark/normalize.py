"""Text normalisation for field comparison.

``fold`` is the strict-mode normal form: Unicode NFKC, case-fold, and every run of
whitespace folded to one space, trimmed. ``answer_tokens`` and ``token_f1`` follow
the SQuAD evaluation (Rajpurkar et al. 2016): lower-case, drop punctuation and the
articles a/an/the, split on whitespace, and score the bag-of-tokens overlap.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

_WHITESPACE = re.compile(r"\s+")
_ARTICLES = frozenset({"a", "an", "the"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """NFKC, case-fold, whitespace folded to single spaces and trimmed."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


@lru_cache(maxsize=65536)
def answer_tokens(text: str) -> tuple[str, ...]:
    """SQuAD ``normalize_answer`` then whitespace split, applied to ``fold(text)``:
    punctuation (Unicode category P*) removed, articles a/an/the dropped."""
    bare = "".join(c for c in fold(text) if not unicodedata.category(c).startswith("P"))
    return tuple(t for t in bare.split() if t not in _ARTICLES)


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
    if not gold or not predicted:
        return float(gold == predicted)
    common = sum((Counter(gold) & Counter(predicted)).values())
    return 2 * common / (len(gold) + len(predicted))
