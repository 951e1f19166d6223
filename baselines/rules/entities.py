"""Entities from a small gazetteer, titled capitalised spans and role nouns.

* Gazetteer: countries, cities, regions and organisations common in
  international news, with their usual short forms ("U.S.", "NATO").
* People: the capitalised tokens after a title ("President Joe Biden",
  "Deputy Foreign Minister Sergei Ryabkov", "press secretary Jen Psaki");
  later bare surnames ("Biden", "Putin's") are mentions of the same person.
* Organisations: capitalised runs ending in an organisation head noun
  ("... Council", "... Ministry") that the gazetteer lacks.
* Role-holders: "spokesperson" / "spokesman" is one unnamed PER per document
  (nominal mentions), named after the body it speaks for when the text says.

Clusters are normalised keys: the gazetteer's canonical name, or the surname
for people, so the same entity gets the same cluster in every document.
Nationality adjectives ("Russian officials") are mentions of their country
(:data:`DEMONYMS`); pronouns are not predicted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from baselines.common import Sentence, slug

GAZETTEER: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("United States", "GPE", ("United States", "U.S.", "US", "USA", "America", "American")),
    ("Russia", "GPE", ("Russian Federation", "Russia", "Russian")),
    ("Ukraine", "GPE", ("Ukraine", "Ukrainian")),
    ("Moscow", "GPE", ("Moscow",)),
    ("Washington", "GPE", ("Washington", "WASHINGTON")),
    ("Geneva", "GPE", ("Geneva",)),
    ("Switzerland", "GPE", ("Switzerland",)),
    ("Brussels", "GPE", ("Brussels",)),
    ("Vienna", "GPE", ("Vienna",)),
    ("Beijing", "GPE", ("Beijing",)),
    ("China", "GPE", ("China",)),
    ("Kyiv", "GPE", ("Kyiv", "Kiev")),
    ("Germany", "GPE", ("Germany",)),
    ("Donetsk", "GPE", ("Donetsk",)),
    ("Crimea", "LOC", ("Crimea",)),
    ("Black Sea", "LOC", ("Black Sea",)),
    ("Eastern Europe", "LOC", ("Eastern Europe",)),
    ("Europe", "LOC", ("Europe",)),
    ("NATO", "ORG", ("North Atlantic Treaty Organization", "NATO")),
    ("OSCE", "ORG", ("Organization for Security and Co-operation in Europe",
                     "Organisation for Security and Cooperation in Europe", "OSCE")),
    ("European Union", "ORG", ("European Union", "EU")),
    ("United Nations", "ORG", ("United Nations", "UN")),
    ("National Security Council", "ORG", ("National Security Council",)),
    ("White House", "ORG", ("White House",)),
    ("Kremlin", "ORG", ("Kremlin",)),
    ("Russian Foreign Ministry", "ORG", ("Russian Foreign Ministry",)),
    ("Reuters", "ORG", ("Reuters",)),
    ("AFP", "ORG", ("AFP",)),
    ("TASS", "ORG", ("TASS",)),
    ("RIA", "ORG", ("RIA",)),
    ("NBC News", "ORG", ("NBC News",)),
    ("Situation Room", "FAC", ("Situation Room",)),
)

# Nationality adjectives are mentions of their country ("Russian officials": Russia,
# the guidelines' premodifier rule) but never its name or an alias.
DEMONYMS = {"American": "United States", "Russian": "Russia", "Ukrainian": "Ukraine"}
TITLES = ("President", "Minister", "Secretary-General", "Secretary", "Chancellor", "Ambassador",
          "Spokesperson", "Spokesman", "delegation")
LOWER_TITLES = ("secretary", "minister", "president", "spokesperson", "spokesman", "chancellor", "delegation")
ORG_HEADS = ("Council", "Ministry", "Organization", "Organisation", "Agency", "Department",
             "Committee", "Alliance", "Union")
ROLE_NOUNS = ("spokesperson", "spokesman", "spokeswoman")
NOT_NAMES = {"American", "The", "A", "An", "And", "But", "If", "When", "We", "It", "He", "She", "They", "In",
             "On", "For", "During", "Earlier", "Instead", "Such", "Without", "What", "That", "There",
             "Our", "Go", "Driving", "Russian", "Ukrainian", "Western", "European", "Soviet"}

_TOKEN = r"[A-Z][\w’'.-]*[\w.]"
_RUN = re.compile(rf"{_TOKEN}(?:\s(?:(?:of|for|and|in|the)\s)*{_TOKEN})*")
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str
    key: str


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    key: str
    type: str
    name: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]

    @property
    def cluster(self) -> str:
        return self.key

    def to_json(self) -> dict:
        return {
            "id": self.id, "type": self.type, "name": self.name, "aliases": list(self.aliases),
            "mentions": [{"start": m.start, "end": m.end, "text": m.text, "kind": m.kind} for m in self.mentions],
            "cluster": self.cluster,
        }


def _word_matches(text: str, form: str, lo: int, hi: int) -> list[tuple[int, int]]:
    pattern = re.compile(rf"(?<![\w.]){re.escape(form)}(?![\w]|-\w*[a-z])")
    return [m.span() for m in pattern.finditer(text, lo, hi)]


class _Collector:
    def __init__(self, text: str) -> None:
        self.text = text
        self.mentions: list[Mention] = []
        self.types: dict[str, str] = {}

    def free(self, start: int, end: int) -> bool:
        return not any(start < m.end and m.start < end for m in self.mentions)

    def add(self, start: int, end: int, kind: str, key: str, type_: str) -> None:
        if start < end and self.free(start, end):
            self.mentions.append(Mention(start, end, self.text[start:end], kind, key))
            self.types.setdefault(key, type_)


def _gazetteer(c: _Collector, s: Sentence) -> None:
    forms = [(form, name, type_) for name, type_, fs in GAZETTEER for form in fs]
    for form, name, type_ in sorted(forms, key=lambda f: -len(f[0])):
        for start, end in _word_matches(c.text, form, s.start, s.end):
            c.add(start, end, "name", f"{type_.lower()}-{slug(name)}", type_)


def _people_and_orgs(c: _Collector, s: Sentence, surnames: dict[str, str]) -> None:
    for run in _RUN.finditer(c.text, s.start, s.end):
        tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", run.group())]
        words = [run.group()[a:b] for a, b in tokens]
        before = c.text[max(s.start, run.start() - 20):run.start()].split()
        titled = [i for i, w in enumerate(words) if w.rstrip(",") in TITLES]
        first = titled[-1] + 1 if titled else (0 if before and before[-1] in LOWER_TITLES else None)
        if first is not None and 0 < len(words) - first <= 3:
            start = run.start() + tokens[first][0]
            end = run.start() + tokens[-1][1]
            last = _POSSESSIVE.sub("", words[-1])
            end -= len(words[-1]) - len(last)
            surnames.setdefault(last, f"per-{slug(last)}")
            c.add(start, end, "name", surnames[last], "PER")
        elif len(words) >= 2 and words[-1] in ORG_HEADS and words[0] not in NOT_NAMES:
            c.add(run.start(), run.end(), "name", f"org-{slug(run.group())}", "ORG")


def _surnames(c: _Collector, s: Sentence, surnames: dict[str, str]) -> None:
    for name, key in surnames.items():
        for start, end in _word_matches(c.text, name, s.start, s.end):
            # "Sergey Ryabkov" with a variant first name: take the whole name.
            prev = re.search(rf"({_TOKEN})\s$", c.text[max(s.start, start - 20):start])
            if prev and prev.group(1) not in NOT_NAMES and c.free(start - len(prev.group()), start):
                start -= len(prev.group())
            c.add(start, end, "name", key, "PER")


def _roles(c: _Collector, s: Sentence) -> None:
    for noun in ROLE_NOUNS:
        for start, end in _word_matches(c.text, noun, s.start, s.end):
            c.add(start, end, "nominal", "per-spokesperson", "PER")


def _role_name(text: str, mentions: list[Mention]) -> str:
    for m in mentions:
        window = text[max(0, m.start - 40):m.end + 40]
        if "National Security Council" in window:
            return "National Security Council spokesperson"
    return "spokesperson"


def find_entities(text: str, sentences: list[Sentence]) -> list[Entity]:
    """The document's entities, ids ``e1``, ``e2``... in order of first mention."""
    c = _Collector(text)
    surnames: dict[str, str] = {}
    for s in sentences:
        _gazetteer(c, s)
        _people_and_orgs(c, s, surnames)
    for s in sentences:
        _surnames(c, s, surnames)
        _roles(c, s)
    by_key: dict[str, list[Mention]] = {}
    for m in sorted(c.mentions, key=lambda m: m.start):
        by_key.setdefault(m.key, []).append(m)
    entities = []
    for index, (key, mentions) in enumerate(by_key.items(), 1):
        names = [m.text for m in mentions if m.kind == "name" and m.text not in DEMONYMS]
        if names or any(m.kind == "name" for m in mentions):
            name = max(names, key=len) if names else DEMONYMS[mentions[0].text]
            aliases = tuple(sorted({n for n in names if n != name}))
        else:
            name, aliases = _role_name(text, mentions), ()
        entities.append(Entity(f"e{index}", key, c.types[key], name, aliases, tuple(mentions)))
    return entities


def mention_index(entities: list[Entity]) -> list[tuple[Mention, Entity]]:
    """Every mention with its entity, in text order."""
    return sorted(((m, e) for e in entities for m in e.mentions), key=lambda p: p[0].start)
