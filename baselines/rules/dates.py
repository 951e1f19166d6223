"""Date expressions and their ISO 8601 values, resolved against ``published``.

Precision follows the text: "Jan. 10" gives a day, "earlier this month" a
month, "early next year" a year. A month and day without a year take the year
that puts the date nearest to the publication date, so "Jan. 10" in an article
of 2021-12-28 is 2022-01-10 and "Dec. 23" is 2021-12-23. A weekday name is the
latest such day on or before ``published`` ("Monday" in an article of Tuesday
2021-12-28 is 2021-12-27).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Apr(?:il|\.)?|June|July|Aug(?:ust|\.)?|Sept(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?|May)"
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])"
_YEAR = r"(?:19|20)[0-9]{2}"

# Order matters: the first pattern that matches at a position wins.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE if name in ("relative", "weekday") else 0))
    for name, pattern in (
        ("month_day_year", rf"\b{_MONTH} ?{_DAY}(?:st|nd|rd|th)?,? {_YEAR}\b"),
        ("month_day_and", rf"\b{_MONTH} ?{_DAY}(?:st|nd|rd|th)? and {_DAY}\b"),
        ("month_day", rf"\b{_MONTH} ?{_DAY}(?:st|nd|rd|th)?\b(?!,? {_YEAR})"),
        ("day_of_month", rf"\b(?:the )?{_DAY}(?:st|nd|rd|th)? of {_MONTH}(?:,? {_YEAR})?"),
        ("month_year", rf"\b{_MONTH},? {_YEAR}\b"),
        ("mid_month", rf"\b(?:early|mid|late)[- ]{_MONTH}\b"),
        ("in_month", rf"\b(?:in|for|since|until|by) {_MONTH}\b(?! ?{_DAY}\b)"),
        ("relative", r"\b(?:(?:earlier|later) this|this|next|last) (?:month|year)\b"
                     r"|\bearly next year\b"),
        ("weekday", r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"),
        ("year", rf"\b(?:in|since|of|by) ({_YEAR})\b"),
    )
)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str


def _month(token: str) -> int:
    return MONTHS[token.rstrip(".").lower()]


def _nearest_year(month: int, day: int, published: date) -> int:
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append((abs((date(year, month, day) - published).days), year))
        except ValueError:
            continue
    return min(candidates)[1] if candidates else published.year


def _month_year(month: int, published: date) -> int:
    """The year of a bare month name: the one nearest to ``published``."""
    return _nearest_year(month, 15, published)


def _shift_month(anchor: date, months: int) -> str:
    index = anchor.year * 12 + anchor.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _relative(text: str, published: date) -> str | None:
    words = text.lower().split()
    unit = words[-1]
    if words[0] == "next" or "next" in words:
        return str(published.year + 1) if unit == "year" else _shift_month(published, 1)
    if words[0] == "last":
        return str(published.year - 1) if unit == "year" else _shift_month(published, -1)
    return str(published.year) if unit == "year" else _shift_month(published, 0)


def _value(kind: str, text: str, published: date) -> str | None:
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    month_match = re.search(_MONTH, text)
    month = _month(month_match.group()) if month_match else None
    if kind in ("month_day_year", "day_of_month") and len(numbers) == 2 and month:
        day, year = numbers
        return f"{year:04d}-{month:02d}-{day:02d}"
    if kind in ("month_day", "day_of_month", "month_day_and") and numbers and month:
        day = numbers[0]
        return f"{_nearest_year(month, day, published):04d}-{month:02d}-{day:02d}"
    if kind == "month_year" and month:
        return f"{numbers[0]:04d}-{month:02d}"
    if kind in ("mid_month", "in_month") and month:
        return f"{_month_year(month, published):04d}-{month:02d}"
    if kind == "relative":
        return _relative(text, published)
    if kind == "weekday":
        back = (published.weekday() - WEEKDAYS.index(text.lower())) % 7
        return (published - timedelta(days=back)).isoformat()
    if kind == "year":
        return str(numbers[0])
    return None


def find_dates(text: str, published: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Date expressions in ``text[start:end]``, left to right, not overlapping."""
    anchor = date.fromisoformat(published)
    end = len(text) if end is None else end
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text, start, end):
            s, e = match.span(1) if kind == "year" else match.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            value = _value(kind, text[s:e], anchor)
            if value is not None:
                found.append(DateMention(s, e, text[s:e], value))
                taken.append((s, e))
    return sorted(found, key=lambda m: m.start)


def normalise(expression: str, published: str) -> str | None:
    """The ISO value of one date expression, or None if it is not one."""
    found = find_dates(expression, published)
    return found[0].value if found else None
