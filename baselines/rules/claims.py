"""Claims from quotation marks and reporting verbs.

Direct: a quotation of at least :data:`MIN_QUOTE_WORDS` words is the content;
the cue is the reporting verb after it ("…," the spokesperson added) or before
it (said on Monday: "…"); the claimant is the entity mentioned between quote
and cue (a person preferred). A quotation with no cue continues the previous
speaker's claim: same claimant, no cue.

Indirect: every reporting verb outside quotations. The content runs from
after the verb (and a following "that") to the end of the sentence or to the
clause of the next reporting verb; "X, the spokesman said." takes the text
before the comma. The claimant is the nearest person mentioned before the
verb, else the nearest entity. A denial verb ("denied", "denies") makes the
claim ``deny`` and its content the verb's object up to the clause end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from baselines.common import Sentence, slug
from baselines.rules.events import Argument

REPORTING_VERBS = ("said", "says", "say", "saying", "added", "told", "confirmed", "stated", "warned",
                   "announced", "indicated", "characterized", "claims", "claimed", "hoped", "hopes",
                   "promised", "arguing", "believes", "echoed", "denied", "denies", "deny", "reported")
DENIAL_VERBS = ("denied", "denies", "deny", "rejected", "refused")
MIN_QUOTE_WORDS = 4

_CUE = re.compile(rf"(?<![\w-])(?:{'|'.join(REPORTING_VERBS)})(?![\w-])")
_QUOTES = (re.compile(r"“([^“”\n]+)[”“]"), re.compile(r'"([^"\n]+)"'))
_CLAUSE_END = re.compile(r"\s+but\s+|[,;:]\s|\.$")


@dataclass(frozen=True, slots=True)
class Quotation:
    start: int
    end: int

    def inside(self, position: int) -> bool:
        return self.start <= position < self.end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t,:;.‘'\"“":
        start += 1
    while end > start and text[end - 1] in " \t,:;.’'\"”":
        end -= 1
    return start, end


def _claimant(args: Sequence[Argument], lo: int, hi: int, nearest_to: int) -> str | None:
    inside = [a for a in args if lo <= a.start and a.end <= hi]
    people = [a for a in inside if a.type == "PER"]
    pool = people or inside
    if not pool:
        return None
    return min(pool, key=lambda a: min(abs(a.start - nearest_to), abs(a.end - nearest_to))).entity


def quotations(text: str, sentences: Sequence[Sentence]) -> list[Quotation]:
    """Content ranges of quotations inside the article proper."""
    found: list[Quotation] = []
    for lo, hi in _paragraph_ranges(sentences):
        for pattern in _QUOTES:
            for m in pattern.finditer(text, lo, hi):
                s, e = _trim(text, *m.span(1))
                if e > s and not any(s < q.end and q.start < e for q in found):
                    found.append(Quotation(s, e))
    return sorted(found, key=lambda q: q.start)


def _paragraph_ranges(sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in sentences]


_ADVERBIAL = re.compile(r"(?:(?:late|early|on|in|with|to|a|an|the|news|agency|statement|[A-Z][\w.]*|"
                        r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*)*", re.IGNORECASE)


def _adverbial(content: str) -> bool:
    """True when what follows a cue is only a time, a medium or an addressee
    ("Monday", "late on Monday", "NBC News in a statement"), not content."""
    return len(content.split()) <= 6 and _ADVERBIAL.fullmatch(content) is not None


def _claim(text: str, start: int, end: int, cue: re.Match | None, claimant: str | None,
           quote: str, polarity: str) -> dict:
    claim: dict[str, object] = {"id": "", "claimant": claimant}
    if cue is not None:
        claim["cue"] = cue.group()
    claim.update({"content": text[start:end], "span": {"start": start, "end": end},
                  "quote": quote, "polarity": polarity, "about": []})
    return claim


def _direct(text: str, sentences: Sequence[Sentence], args: Sequence[Argument]) -> list[dict]:
    claims: list[dict] = []
    # Direct quotations may run over several sentences: search whole lines.
    paragraphs = lines(text, sentences)
    previous: str | None = None
    for q in quotations(text, paragraphs):
        if len(text[q.start:q.end].split()) < MIN_QUOTE_WORDS:
            continue
        line = next(p for p in paragraphs if p.start <= q.start < p.end)
        after = _CUE.search(text, q.end, min(line.end, q.end + 90))
        before = [m for m in _CUE.finditer(text, max(line.start, q.start - 60), q.start)]
        cue = after or (before[-1] if before else None)
        if cue is after and after is not None:
            claimant = _claimant(args, q.end, min(line.end, after.end() + 40), after.start())
        elif cue is not None:
            claimant = _claimant(args, line.start, cue.start(), cue.start())
        else:
            claimant = previous
        previous = claimant
        claims.append(_claim(text, q.start, q.end, cue, claimant, "direct", "affirm"))
    return claims


def lines(text: str, sentences: Sequence[Sentence]) -> list[Sentence]:
    """Sentences joined back into lines (paragraphs)."""
    lines: list[Sentence] = []
    for s in sentences:
        if lines and "\n" not in text[lines[-1].end:s.start]:
            lines[-1] = Sentence(lines[-1].start, s.end, text[lines[-1].start:s.end])
        else:
            lines.append(s)
    return lines


def _indirect(text: str, sentences: Sequence[Sentence], args: Sequence[Argument],
              quoted: Sequence[Quotation]) -> list[dict]:
    claims: list[dict] = []
    for s in sentences:
        cues = [m for m in _CUE.finditer(text, s.start, s.end) if not any(q.inside(m.start()) for q in quoted)]
        if any(q.start < s.end and s.start < q.end and len(text[q.start:q.end].split()) >= MIN_QUOTE_WORDS
               for q in quoted):
            continue
        for i, cue in enumerate(cues):
            deny = cue.group() in DENIAL_VERBS
            limit = cues[i + 1].start() if i + 1 < len(cues) else s.end
            start = cue.end()
            that = re.match(r"[^.,;]{0,50}?\bthat\s", text[start:limit])
            if that:
                start += that.end()
            end = limit
            if deny:
                clause = _CLAUSE_END.search(text, start, limit)
                end = clause.start() if clause else limit
            elif i + 1 < len(cues):
                cut = max(text.rfind(", ", start, limit), text.rfind(" but ", start, limit))
                end = cut if cut > start else limit
            start, end = _trim(text, start, end)
            last = i + 1 == len(cues)
            if last and not deny and not that and _adverbial(text[start:end]):
                # "X, the spokesman said (on Monday)." — the content precedes the cue.
                comma = text.rfind(",", s.start, cue.start())
                if comma < 0:
                    continue
                claimant = _claimant(args, comma, cue.start(), cue.start())
                start, end = _trim(text, s.start, comma)
            elif end - start < 3:
                continue
            else:
                claimant = _claimant(args, s.start, cue.start(), cue.start())
            if end > start:
                claims.append(_claim(text, start, end, cue, claimant, "indirect", "deny" if deny else "affirm"))
    return claims


def find_claims(text: str, sentences: Sequence[Sentence], args: Sequence[Argument],
                triggers: dict[str, list[int]]) -> list[dict]:
    """Claim records (ids ``c1``...) in text order, ``about`` from triggers in the content."""
    direct = _direct(text, sentences, args)
    quoted = quotations(text, lines(text, sentences))
    claims = sorted(direct + _indirect(text, sentences, args, quoted), key=lambda c: c["span"]["start"])
    for index, claim in enumerate(claims, 1):
        claim["id"] = f"c{index}"
        span = claim["span"]
        claim["about"] = [eid for eid, starts in triggers.items()
                          if any(span["start"] <= at < span["end"] for at in starts)]
        words = slug(claim["content"]).split("-")[:5]
        claim["cluster"] = "claim-" + "-".join(words)
    return claims
