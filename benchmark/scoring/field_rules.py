"""Field comparison: how a gold and a predicted value of one field agree, per mode.

Every field is prepared once per object into a normalised *value* (``None`` when
the field is not filled: absent, null, an empty list or a blank string) and a
*size* (1, or the number of elements of a set-valued field). Comparing two
filled values gives the number of matched elements (0 or 1 for a single value);
the counts follow: TP = matched, FP = size(predicted) - matched,
FN = size(gold) - matched.

Each rule is written once, as one function per ``Shape`` below, with one
signature (``Rule``); ``fields.FIELDS`` names each field's shape, and
``RULES[shape]`` is the rule that alignment, counting and ``explain`` apply.
Every lenient criterion is a superset of the strict one (``docs/scoring.md``,
*Lenient is never below strict*), so on one alignment lenient TP >= strict TP
field by field.

**Spans** (``span_agrees``, the one span rule): strict, identical offsets;
lenient, the extents agree from both sides -- equal *minimal spans* (the span
without leading determiners and titles, trailing punctuation and possessive
's), or character Dice of the minimal spans >= ``SPAN_DICE``, or the predicted
minimal span is the gold span's head word, or the two heads are the same word
and the Dice is >= ``HEAD_DICE``. A span touching a document's excluded region
never agrees.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Any, Callable, Mapping, NamedTuple

import numpy as np

from benchmark.model.records import Kind, Offsets
from benchmark.scoring.assignment import linear_sum_assignment
from benchmark.scoring.normalize import TextValue


CONTENT_F1_THRESHOLD = 0.8
"""Lenient mode: claim content is credited at SQuAD token F1 >= this (above the
alignment key's ``CLAIM_KEY_F1_THRESHOLD``: aligning a claim is easier than
getting its content right)."""

CLAIM_KEY_F1_THRESHOLD = 0.5
"""Alignment key minimum for claims: content token F1 >= this (both modes)."""

SPAN_DICE = 0.5
"""Lenient span agreement: character Dice of the two minimal spans >= this."""

HEAD_DICE = 0.25
"""Lenient span agreement by equal heads: the minimal spans' Dice must still
reach this (neither extent more than seven times the other), so a paragraph
whose first phrase happens to end in a mention's head agrees with nothing."""


class Mode(str, Enum):
    STRICT = "strict"
    LENIENT = "lenient"


STRICT, LENIENT = Mode.STRICT, Mode.LENIENT
"""The modes as module constants: reading an Enum member through its class is
slow enough to matter in the scorer's inner loops."""


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The named constants that change scores; written into every report."""

    content_f1: float = CONTENT_F1_THRESHOLD
    claim_key_f1: float = CLAIM_KEY_F1_THRESHOLD
    span_dice: float = SPAN_DICE


class Shape(str, Enum):
    """How a field's values compare."""

    ENUM = "enum"  # a category; equal or not
    DATE = "date"  # ISO date string: equal after fold, no partial credit
    NAME = "name"  # entity name: strict canonical name, lenient a surface form found in the text
    CUE = "cue"  # short text: strict fold, lenient SQuAD normal form
    CONTENT = "content"  # long text: strict fold, lenient token F1 >= threshold; never unread or with its cue inside
    REFERENCE = "reference"  # id of another object, mapped through its kind's alignment
    REFERENCES = "references"  # set of ids, resolved through the alignment, counted as the set of gold ids reached
    SPAN = "span"  # one extent: strict exact, lenient extent agreement
    SPANS = "spans"  # set of extents, element by element, one-to-one

    @property
    def set_valued(self) -> bool:
        """The one place that says which shapes hold sets (counted element by element)."""
        return self in _SET_VALUED


_SET_VALUED = frozenset({Shape.REFERENCES, Shape.SPANS})


class NameValue(NamedTuple):
    """A prepared entity name: the canonical form and the surface forms the
    entity has in the text (its name and its name-kind mention texts; aliases
    are not surface forms)."""

    canonical: str
    surfaces: frozenset[str]


class ContentValue(NamedTuple):
    """A prepared claim content, with the cue of the same claim (the content
    rule refuses a content that holds its cue) and ``read``: the content occurs
    verbatim in the document outside its excluded regions (``fields.occurs``).
    A content that was not read from the text earns no credit and keys no
    claim, as mention and trigger texts must be the text at their offsets."""

    text: TextValue
    cue: TextValue | None
    read: bool = True


class SpanValue(NamedTuple):
    """A prepared span: its offsets, its minimal span ``[lo, hi)`` and its head
    word ``[head_lo, head_hi)`` (``minimal_span``), and ``void``: it touches an
    excluded region and never agrees."""

    start: int
    end: int
    lo: int
    hi: int
    head_lo: int
    head_hi: int
    void: bool = False

    @property
    def offsets(self) -> Offsets:
        return self.start, self.end


Spans = tuple[SpanValue, ...]
"""A set of spans as distinct offsets in sorted order."""


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may read besides the two values: the mode, the thresholds,
    and per referenced kind the alignment map (predicted id -> gold id)."""

    mode: Mode
    thresholds: Thresholds
    maps: Mapping[Kind, Mapping[str, str]]
    references: Kind | None = None  # the kind the field refers to (reference shapes)


# --- minimal spans --------------------------------------------------------------------------

_WORD = re.compile(r"\w(?:[\w'’.\-]*\w)?\.?", re.UNICODE)
"""A word: letters/digits with inner apostrophes, dots and hyphens; one trailing
dot is kept only for abbreviations with an inner dot ("U.S.")."""

DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those"})
TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "sir", "gen", "sen", "rep", "president", "vice", "prime", "minister", "secretary",
    "deputy", "foreign", "state", "defense", "defence", "general", "senator", "ambassador", "chancellor", "spokesman",
    "spokeswoman", "spokesperson", "undersecretary", "under", "assistant", "national", "security", "adviser",
    "advisor", "press", "chief", "head", "leader", "king", "queen", "pope", "premier", "governor", "mayor",
})
"""Leading words dropped from a minimal span: ACE's and OntoNotes' extents
include them, the minimal span (MINA) and the head (ACE) do not. "of" between
two of them goes too ("Secretary of State")."""
_PREPOSITIONS = frozenset({"of", "in", "at", "from", "for", "on", "with", "to", "by", "between", "over", "about",
                           "near", "against", "who", "which", "that"})


def _words(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _WORD.finditer(text):
        s, e = m.span()
        word = m.group()
        if word.endswith(".") and "." not in word[:-1]:
            e -= 1
            word = word[:-1]
        out.append((s, e, word.casefold()))
    return out


def minimal_span(text: str, start: int = 0) -> tuple[int, int, int, int]:
    lo, hi, head_lo, head_hi = _minimal(text)
    return start + lo, start + hi, start + head_lo, start + head_hi


@lru_cache(maxsize=65536)  # mention texts repeat ("Russia", "said")
def _minimal(text: str) -> tuple[int, int, int, int]:
    """The minimal span and head word of a span whose text is ``text`` and that
    starts at ``start``: ``(lo, hi, head_lo, head_hi)`` in document offsets.

    The minimal span drops leading determiners and titles, trailing punctuation
    and a possessive 's (or a bare ' after a plural); the head is the last word
    of the minimal span before its first preposition or relative word (English
    noun phrases are head-final before their post-modifiers: "talks in Geneva" ->
    "talks"). A span without words is its own minimal span and head."""
    words = _words(text)
    if not words:
        return 0, len(text), 0, len(text)
    first = 0
    stripped_title = False
    while first < len(words) - 1:
        word = words[first][2]
        if word in DETERMINERS or word in TITLES or (word == "of" and stripped_title):
            stripped_title = word in TITLES or (word == "of" and stripped_title)
            first += 1
            continue
        break
    words = words[first:]
    s, e, word = words[-1]
    if word.endswith(("'s", "’s")) and len(word) > 2:
        e -= 2
    elif word.endswith(("'", "’")) and len(word) > 1:
        e -= 1
    words[-1] = (s, e, word)
    lo, hi = words[0][0], words[-1][1]
    head = words[-1]
    for n, (_, _, w) in enumerate(words):
        if n > 0 and w in _PREPOSITIONS:
            head = words[n - 1]
            break
    return lo, hi, head[0], head[1]


def span_value(start: int, end: int, text: str | None, void: bool = False, head: bool = True) -> SpanValue:
    """A prepared span; without its text (a claim span scored without the
    document) the minimal span is the span itself. ``head=False`` (claim spans:
    a clause has no one-word head worth crediting) makes the head the whole
    minimal span."""
    if text is None or len(text) != end - start:
        return SpanValue(start, end, start, end, start, end, void)
    if head:
        lo, hi, head_lo, head_hi = minimal_span(text, start)
        return SpanValue(start, end, lo, hi, head_lo, head_hi, void)
    lo, hi = _edges(text)
    return SpanValue(start, end, start + lo, start + hi, start + lo, start + hi, void)


_LONG = 160


def _edges(text: str) -> tuple[int, int]:
    """The minimal span of a long text without its head: only its first words
    and its last word are read (``_minimal`` reads every word)."""
    if len(text) <= _LONG:
        lo, hi, _, _ = _minimal(text)
        return lo, hi
    first, _, _, _ = _minimal(text[:_LONG // 2])
    tail = len(text) - _LONG // 2
    _, last, _, _ = _minimal(text[tail:])
    return first, tail + last


# --- the rules, one per shape ---------------------------------------------------------------


def equal(gold: object, predicted: object, ctx: Context | None = None) -> int:
    """ENUM and DATE: equal values (dates are prepared in ``fold`` form)."""
    return int(gold is not None and gold == predicted)


def name_match(gold: NameValue | None, predicted: NameValue | None, ctx: Context) -> int:
    """NAME: strict, the canonical names are equal; lenient, the predicted name is
    one of the gold entity's surface forms (its name or a name-kind mention's
    text: a form that occurs in the text as a mention of that entity). The gold
    name is one of its surface forms, so lenient includes strict."""
    if gold is None or predicted is None:
        return 0
    if ctx.mode is STRICT:
        return int(predicted.canonical == gold.canonical)
    return int(predicted.canonical == gold.canonical or predicted.canonical in gold.surfaces)


def cue_match(gold: TextValue | None, predicted: TextValue | None, ctx: Context) -> int:
    """CUE: strict, equal after ``fold``; lenient, equal SQuAD token sequences
    (equal folds have equal tokens)."""
    if gold is None or predicted is None:
        return 0
    if ctx.mode is STRICT:
        return int(gold.folded == predicted.folded)
    return int(gold.tokens == predicted.tokens)


def occurrences(tokens: tuple[str, ...], needle: tuple[str, ...]) -> int:
    """How often ``needle`` occurs as a contiguous run of ``tokens``."""
    n = len(needle)
    if not n or n > len(tokens):
        return 0
    if n == 1:
        return tokens.count(needle[0])
    return sum(1 for i in range(len(tokens) - n + 1) if tokens[i:i + n] == needle)


def holds_cue(gold: ContentValue, predicted: ContentValue) -> bool:
    """The predicted content holds a cue (its own or the gold's) more often than
    the gold content does: a cue and its content are distinct spans (PARC), so
    a content that swallows its "said" is not the content."""
    for cue in (predicted.cue, gold.cue):
        if cue is not None and cue.tokens:
            if occurrences(predicted.text.tokens, cue.tokens) > occurrences(gold.text.tokens, cue.tokens):
                return True
    return False


def content_match(
    gold: ContentValue | None, predicted: ContentValue | None, ctx: Context, f1: float | None = None
) -> int:
    """CONTENT: never when the predicted content was not read from the text
    (``ContentValue.read``) or holds its cue (``holds_cue``); else strict, equal after ``fold``; lenient, token F1 >= ``thresholds.content_f1``
    (``f1``: the pair's token F1 when already computed). Equal folds have F1 1."""
    if gold is None or predicted is None or not predicted.read or holds_cue(gold, predicted):
        return 0
    if ctx.mode is STRICT:
        return int(gold.text.folded == predicted.text.folded)
    return int((gold.text.f1(predicted.text) if f1 is None else f1) >= ctx.thresholds.content_f1)


def span_dice(gold: SpanValue, predicted: SpanValue) -> float:
    """Character Dice of the two minimal spans, 2|g & p| / (|g| + |p|)."""
    inter = min(gold.hi, predicted.hi) - max(gold.lo, predicted.lo)
    if inter <= 0:
        return 0.0
    return 2 * inter / ((gold.hi - gold.lo) + (predicted.hi - predicted.lo))


def span_agreement(gold: SpanValue, predicted: SpanValue, mode: Mode, dice: float = SPAN_DICE) -> float:
    """How well two spans agree, 0 when they do not (``span_agrees``), else in
    (0, 1]: 1 for identical offsets or minimal spans, else the Dice of the
    minimal spans (at least ``dice``), ``dice`` when the prediction is the gold
    head, or the Dice for equal heads (at least ``HEAD_DICE``). The alignment's
    tie-breaker reads the strength; the rules read > 0."""
    if gold.void or predicted.void:
        return 0.0
    if gold.start == predicted.start and gold.end == predicted.end:
        return 1.0
    if mode is STRICT:
        return 0.0
    if gold.lo == predicted.lo and gold.hi == predicted.hi:
        return 1.0
    score = span_dice(gold, predicted)
    if score >= dice:
        return score
    if predicted.lo == gold.head_lo and predicted.hi == gold.head_hi:
        return dice
    if predicted.head_lo == gold.head_lo and predicted.head_hi == gold.head_hi and score >= HEAD_DICE:
        return score
    return 0.0


def span_agrees(gold: SpanValue, predicted: SpanValue, mode: Mode, dice: float = SPAN_DICE) -> bool:
    """The one span rule (module docstring): strict, identical offsets; lenient,
    equal minimal spans, minimal-span Dice >= ``dice``, the predicted minimal
    span is the gold head, or equal heads with minimal-span Dice >=
    ``HEAD_DICE``. A void (excluded) span never agrees."""
    return span_agreement(gold, predicted, mode, dice) > 0


def span_match(gold: SpanValue | None, predicted: SpanValue | None, ctx: Context) -> int:
    """SPAN: ``span_agrees`` in the context's mode."""
    if gold is None or predicted is None:
        return 0
    return int(span_agreement(gold, predicted, ctx.mode, ctx.thresholds.span_dice) > 0)


def span_pairs(gold: Spans, predicted: Spans, mode: Mode, dice: float = SPAN_DICE) -> dict[tuple[int, int], float]:
    """Index pairs of agreeing spans with their strength. Agreeing spans overlap,
    so only overlapping pairs are tried (both sides are sorted by start)."""
    out: dict[tuple[int, int], float] = {}
    if mode is STRICT:
        where = {p.offsets: j for j, p in enumerate(predicted) if not p.void}
        for i, g in enumerate(gold):
            j = where.get(g.offsets)
            if j is not None and not g.void:
                out[(i, j)] = 1.0
        return out
    if not predicted:
        return out
    starts = [p.start for p in predicted]
    reach = max(p.end - p.start for p in predicted)
    for i, g in enumerate(gold):
        for j in range(bisect_left(starts, g.start - reach), bisect_left(starts, g.end)):
            p = predicted[j]
            if p.end > g.start and (strength := span_agreement(g, p, mode, dice)) > 0:
                out[(i, j)] = strength
    return out


def matching(pairs: Mapping[tuple[int, int], float]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of the agreeing pairs; among maximum
    matchings, the one with the largest total strength."""
    if not pairs:
        return []
    rows_of = [i for i, _ in pairs]
    cols_of = [j for _, j in pairs]
    if len(set(rows_of)) == len(pairs) and len(set(cols_of)) == len(pairs):
        return sorted(pairs)
    rows, cols = sorted(set(rows_of)), sorted(set(cols_of))
    ri, ci = {r: n for n, r in enumerate(rows)}, {c: n for n, c in enumerate(cols)}
    weights = np.zeros((len(rows), len(cols)))
    scale = 1 / (max(len(rows), len(cols)) + 1)
    for (i, j), strength in pairs.items():
        weights[ri[i], ci[j]] = 1 + scale * strength
    r, c = linear_sum_assignment(weights, maximize=True)
    return sorted((rows[a], cols[b]) for a, b in zip(r.tolist(), c.tolist(), strict=True) if weights[a, b] > 0)


def match_spans(gold: Spans | None, predicted: Spans | None, ctx: Context) -> int:
    """SPANS: matched elements between two sets of spans, one-to-one: a maximum
    matching of agreeing pairs (``span_agrees``). The lenient agreement graph
    contains the strict one, so its maximum matching is at least as large."""
    if gold is None or predicted is None:
        return 0
    return len(matching(span_pairs(gold, predicted, ctx.mode, ctx.thresholds.span_dice)))


def reference_match(gold: str | None, predicted: str | None, ctx: Context) -> int:
    """REFERENCE: the predicted id is aligned with the gold id (through the
    alignment of the referenced kind; the same in both modes)."""
    if gold is None or predicted is None or ctx.references is None:
        return 0
    return int(ctx.maps.get(ctx.references, _EMPTY).get(predicted) == gold)


def references_match(gold: frozenset[str] | None, predicted: frozenset[str] | None, ctx: Context) -> int:
    """REFERENCES: the gold ids that some predicted id is mapped to (through the
    alignment of the referenced kind), counted as a set: each predicted
    reference is resolved to its gold object first, so two predicted ids
    resolving to one gold object (identical duplicates) match it once, and the
    result never exceeds ``len(gold)`` or ``len(predicted)`` (FN and FP >= 0).
    The same in both modes."""
    if gold is None or predicted is None or ctx.references is None:
        return 0
    mapping = ctx.maps.get(ctx.references, _EMPTY)
    return len(gold.intersection(map(mapping.get, predicted)))


_EMPTY: Mapping[str, str] = {}

Rule = Callable[[Any, Any, Context], int]
"""A field rule: (gold value, predicted value, context) -> matched elements."""

RULES: dict[Shape, Rule] = {
    Shape.ENUM: equal,
    Shape.DATE: equal,
    Shape.NAME: name_match,
    Shape.CUE: cue_match,
    Shape.CONTENT: content_match,
    Shape.REFERENCE: reference_match,
    Shape.REFERENCES: references_match,
    Shape.SPAN: span_match,
    Shape.SPANS: match_spans,
}
"""The rule of each shape."""


def size(shape: Shape, value: object) -> int:
    """Elements a filled value counts for: its length if set-valued, else 1."""
    if shape.set_valued:
        assert isinstance(value, (tuple, frozenset))
        return len(value)
    return 1
