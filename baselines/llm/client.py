"""A minimal OpenAI-compatible chat-completions client on urllib, with a cache.

* Retries: connection errors and HTTP 408/409/425/429/5xx are retried with
  exponential backoff (``backoff * 2**attempt`` seconds), or after the server's
  ``Retry-After`` when it gives one (seconds or an HTTP date, capped at
  :data:`MAX_RETRY_AFTER`). A timeout is *not* retried: a single-slot local
  server is most likely still working on the request, and sending it again
  only queues a duplicate behind it. Other HTTP errors fail at once.
* Answers: ``<think>…</think>`` reasoning blocks are stripped from the content;
  ``finish_reason: "length"`` is reported as truncation (:class:`Truncated`,
  which carries the partial content), never as "not JSON".
* Usage: every reply carries the latency, prompt and completion tokens, the
  ``finish_reason`` and the model id the server reports.
* Cache: the raw response body under ``cache_dir``, keyed by the SHA-256 of
  (base_url, model, messages, response format, options). Nothing is cached by
  :meth:`Client.complete`; the caller stores a reply with :meth:`Client.remember`
  once it has turned out usable, so a failed answer is never replayed.

Errors are raised as :class:`LLMError` with a one-line message; callers report
them per document.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import re
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from benchmark.model.files import atomic_write

RETRY_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 600.0
"""Longest wait, in seconds, the client accepts from a ``Retry-After`` header."""

_THINK = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_OPEN_THINK = re.compile(r"<think>", re.IGNORECASE)


class LLMError(Exception):
    """A request that failed for good (after retries), or an unusable response."""


class Truncated(LLMError):
    """The server stopped at the token limit (``finish_reason: "length"``)."""

    def __init__(self, message: str, reply: "Reply") -> None:
        super().__init__(message)
        self.reply = reply


@dataclass(frozen=True, slots=True)
class Usage:
    """What one request cost. ``None`` where the server did not say."""

    latency_s: float
    prompt_tokens: int | None
    completion_tokens: int | None
    finish_reason: str | None
    model: str | None
    attempts: int


@dataclass(frozen=True, slots=True)
class Reply:
    content: str
    cached: bool
    usage: Usage
    key: str
    body: bytes


@dataclass(frozen=True)
class Client:
    base_url: str
    model: str
    api_key: str | None = None
    timeout: float = 3600.0
    retries: int = 2
    backoff: float = 2.0
    cache_dir: Path | None = None
    options: dict[str, Any] = field(default_factory=lambda: {"temperature": 0})
    extra_body: dict[str, Any] = field(default_factory=dict)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic

    @property
    def endpoint(self) -> str:
        return self.base_url.rstrip("/") + "/chat/completions"

    def payload(self, messages: list[dict], response_format: dict) -> dict[str, Any]:
        return {"model": self.model, "messages": messages, "response_format": response_format,
                **self.options, **self.extra_body}

    def cache_key(self, messages: list[dict], response_format: dict) -> str:
        material = json.dumps([self.base_url.rstrip("/"), self.payload(messages, response_format)],
                              sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def complete(self, messages: list[dict], response_format: dict) -> Reply:
        """The assistant's answer to ``messages`` (from the cache if there).
        Raises :class:`Truncated` when the answer hit the token limit."""
        key = self.cache_key(messages, response_format)
        cached = self._cache_read(key)
        if cached is not None:
            return reply_of(cached, key, cached=True, latency=0.0, attempts=0)
        started = self.clock()
        body, attempts = self._post(json.dumps(self.payload(messages, response_format)).encode("utf-8"))
        return reply_of(body, key, cached=False, latency=self.clock() - started, attempts=attempts)

    def remember(self, reply: Reply) -> None:
        """Cache ``reply`` (call it only for an answer that turned out usable)."""
        path = self._cache_path(reply.key)
        if path is not None and not reply.cached:
            atomic_write(path, reply.body)

    def _post(self, data: bytes) -> tuple[bytes, int]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        last = "no attempt made"
        wait: float | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(wait if wait is not None else self.backoff * 2 ** (attempt - 1))
            wait = None
            request = urllib.request.Request(self.endpoint, data=data, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return response.read(), attempt + 1
            except urllib.error.HTTPError as error:
                last = f"HTTP {error.code} from {self.endpoint}: {_snippet(error.read())}"
                if error.code not in RETRY_STATUS:
                    raise LLMError(last) from None
                wait = retry_after(error.headers.get("Retry-After") if error.headers else None)
            except (socket.timeout, TimeoutError):
                raise LLMError(f"no answer from {self.endpoint} within --timeout {self.timeout:g} s "
                               "(not retried: the server may still be working on it)") from None
            except urllib.error.URLError as error:
                if isinstance(error.reason, (socket.timeout, TimeoutError)):
                    raise LLMError(f"no answer from {self.endpoint} within --timeout {self.timeout:g} s "
                                   "(not retried: the server may still be working on it)") from None
                last = f"cannot reach {self.endpoint}: {error.reason}"
            except ConnectionError as error:
                last = f"connection to {self.endpoint} failed: {error}"
        raise LLMError(f"{last} (gave up after {self.retries + 1} attempts)")

    def _cache_path(self, key: str) -> Path | None:
        return None if self.cache_dir is None else self.cache_dir / key[:2] / f"{key}.json"

    def _cache_read(self, key: str) -> bytes | None:
        path = self._cache_path(key)
        return path.read_bytes() if path is not None and path.is_file() else None


def retry_after(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delay-seconds or an
    HTTP date, RFC 9110 §10.2.3), capped at :data:`MAX_RETRY_AFTER`; None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return min(max(0.0, when.timestamp() - now()), MAX_RETRY_AFTER)


def _snippet(data: bytes, limit: int = 200) -> str:
    text = data.decode("utf-8", "replace").strip().replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def strip_reasoning(content: str) -> str:
    """``content`` without ``<think>…</think>`` blocks; an unclosed ``<think>``
    (reasoning cut off) leaves nothing."""
    content = _THINK.sub("", content)
    opened = _OPEN_THINK.search(content)
    return (content[:opened.start()] if opened else content).strip()


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def reply_of(body: bytes, key: str, cached: bool, latency: float, attempts: int) -> Reply:
    """The reply in a chat-completions response body; raises LLMError when unusable."""
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise LLMError(f"response is not JSON: {_snippet(body)}") from None
    try:
        choice = value["choices"][0]
        message = choice["message"]
    except (KeyError, IndexError, TypeError):
        raise LLMError(f"response has no choices[0].message: {_snippet(body)}") from None
    usage = value.get("usage") if isinstance(value.get("usage"), Mapping) else {}
    finish = choice.get("finish_reason") if isinstance(choice, Mapping) else None
    model = value.get("model")
    info = Usage(round(latency, 3), _int(usage.get("prompt_tokens")), _int(usage.get("completion_tokens")),
                 finish if isinstance(finish, str) else None, model if isinstance(model, str) else None, attempts)
    raw = message.get("content") if isinstance(message, Mapping) else None
    content = strip_reasoning(raw) if isinstance(raw, str) else ""
    reply = Reply(content, cached, info, key, body)
    if finish == "length":
        tokens = f" after {info.completion_tokens} completion tokens" if info.completion_tokens is not None else ""
        raise Truncated(f"answer truncated at the token limit{tokens} (finish_reason: length; raise --max-tokens)",
                        reply)
    if not content:
        refusal = message.get("refusal") if isinstance(message, Mapping) else None
        raise LLMError(f"empty message content{f' (refusal: {refusal})' if refusal else ''}"
                       f"{' after stripping reasoning' if isinstance(raw, str) and raw.strip() else ''}")
    return reply
