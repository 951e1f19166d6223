"""One document through the model: prompt, request, repair. Never raises for a
bad answer or a failed request: the outcome says what happened.

A reply is cached only once it has given a valid record from a complete
answer; a failed or truncated answer is asked for again on the next run."""

from __future__ import annotations

from dataclasses import dataclass

from benchmark.model.records import Document

from baselines.llm.client import Client, LLMError, Truncated, Usage
from baselines.llm.prompt import PromptConfig, messages, response_format
from baselines.llm.repair import repair


@dataclass(frozen=True, slots=True)
class Outcome:
    doc_id: str
    record: dict
    notes: tuple[str, ...]
    error: str | None
    cached: bool
    usage: Usage | None = None
    truncated: bool = False
    """The answer was cut off and ``record`` keeps its complete part (``error`` says why)."""

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def failed(self) -> bool:
        """No answer: ``record`` is empty."""
        return not self.ok and not self.truncated


def empty_record(doc_id: str) -> dict:
    return {"doc_id": doc_id, "entities": [], "events": [], "claims": []}


def annotate(client: Client, document: Document, config: PromptConfig, strict: bool = False) -> Outcome:
    doc_id = document.doc_id
    try:
        reply = client.complete(messages(document, config), response_format(config.offsets, strict, config.mentions))
    except Truncated as cut:
        record, notes = repair(cut.reply.content, document, truncated=True,
                               mentions_from_names=not config.mentions)
        if record is None:  # nothing complete before the cut: no answer at all
            return Outcome(doc_id, empty_record(doc_id), tuple(notes), f"{cut}; nothing complete to keep", False,
                           cut.reply.usage)
        return Outcome(doc_id, record, tuple(notes), str(cut), False, cut.reply.usage, True)
    except LLMError as error:
        return Outcome(doc_id, empty_record(doc_id), (), str(error), False)
    record, notes = repair(reply.content, document, mentions_from_names=not config.mentions)
    if record is None:
        reason = notes[-1] if notes else "unusable answer"
        return Outcome(doc_id, empty_record(doc_id), tuple(notes), reason, reply.cached, reply.usage)
    client.remember(reply)
    return Outcome(doc_id, record, tuple(notes), None, reply.cached, reply.usage)
