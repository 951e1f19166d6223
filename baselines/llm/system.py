"""One document through the model: prompt, request (cached), repair. Never raises
for a bad answer or a failed request: the outcome says what happened."""

from __future__ import annotations

from dataclasses import dataclass

from benchmark.model.records import Document

from baselines.llm.client import Client, LLMError
from baselines.llm.prompt import messages, response_format
from baselines.llm.repair import repair


@dataclass(frozen=True, slots=True)
class Outcome:
    doc_id: str
    record: dict
    notes: tuple[str, ...]
    error: str | None
    cached: bool

    @property
    def ok(self) -> bool:
        return self.error is None


def empty_record(doc_id: str) -> dict:
    return {"doc_id": doc_id, "entities": [], "events": [], "claims": []}


def annotate(client: Client, document: Document, guidelines: str | None, strict: bool = False) -> Outcome:
    try:
        reply = client.complete(messages(document, guidelines), response_format(strict))
    except LLMError as error:
        return Outcome(document.doc_id, empty_record(document.doc_id), (), str(error), False)
    record, notes = repair(reply.content, document)
    if record is None:
        reason = notes[-1] if notes else "unusable answer"
        return Outcome(document.doc_id, empty_record(document.doc_id), tuple(notes), reason, reply.cached)
    return Outcome(document.doc_id, record, tuple(notes), None, reply.cached)
