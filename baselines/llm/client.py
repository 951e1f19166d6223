"""A minimal OpenAI-compatible chat-completions client on urllib, with a cache.

* Retries: connection errors, timeouts, HTTP 408/429/5xx are retried with
  exponential backoff (``backoff * 2**attempt`` seconds); other HTTP errors are
  not (a 400 will not get better).
* Cache: the raw response body is stored under ``cache_dir`` keyed by the
  SHA-256 of (base_url, model, messages, schema, options), so a rerun with the
  same inputs makes no request at all.

Errors are raised as :class:`LLMError` with a one-line message; callers report
them per document.
"""

from __future__ import annotations

import hashlib
import json
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from benchmark.model.files import atomic_write

RETRY_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})


class LLMError(Exception):
    """A request that failed for good (after retries), or an unusable response."""


@dataclass(frozen=True, slots=True)
class Reply:
    content: str
    cached: bool
    attempts: int


@dataclass(frozen=True)
class Client:
    base_url: str
    model: str
    api_key: str | None = None
    timeout: float = 300.0
    retries: int = 4
    backoff: float = 2.0
    cache_dir: Path | None = None
    options: dict[str, Any] = field(default_factory=lambda: {"temperature": 0})
    sleep: Callable[[float], None] = time.sleep

    @property
    def endpoint(self) -> str:
        return self.base_url.rstrip("/") + "/chat/completions"

    def cache_key(self, messages: list[dict], response_format: dict) -> str:
        material = json.dumps([self.base_url.rstrip("/"), self.model, messages, response_format, self.options],
                              sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def complete(self, messages: list[dict], response_format: dict) -> Reply:
        """The assistant message content for ``messages`` (from the cache if there)."""
        key = self.cache_key(messages, response_format)
        cached = self._cache_read(key)
        if cached is not None:
            return Reply(content_of(cached), True, 0)
        payload = {"model": self.model, "messages": messages, "response_format": response_format, **self.options}
        body, attempts = self._post(json.dumps(payload).encode("utf-8"))
        content = content_of(body)  # raises before caching an unusable body
        self._cache_write(key, body)
        return Reply(content, False, attempts)

    def _post(self, data: bytes) -> tuple[bytes, int]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        last = "no attempt made"
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            request = urllib.request.Request(self.endpoint, data=data, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return response.read(), attempt + 1
            except urllib.error.HTTPError as error:
                last = f"HTTP {error.code} from {self.endpoint}: {_snippet(error.read())}"
                if error.code not in RETRY_STATUS:
                    raise LLMError(last) from None
            except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError) as error:
                reason = getattr(error, "reason", error)
                last = f"cannot reach {self.endpoint}: {reason}"
        raise LLMError(f"{last} (gave up after {self.retries + 1} attempts)")

    def _cache_path(self, key: str) -> Path | None:
        return None if self.cache_dir is None else self.cache_dir / key[:2] / f"{key}.json"

    def _cache_read(self, key: str) -> bytes | None:
        path = self._cache_path(key)
        return path.read_bytes() if path is not None and path.is_file() else None

    def _cache_write(self, key: str, body: bytes) -> None:
        path = self._cache_path(key)
        if path is None:
            return
        atomic_write(path, body)


def _snippet(data: bytes, limit: int = 200) -> str:
    text = data.decode("utf-8", "replace").strip().replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def content_of(body: bytes) -> str:
    """``choices[0].message.content`` of a chat-completions response body."""
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise LLMError(f"response is not JSON: {_snippet(body)}") from None
    try:
        message = value["choices"][0]["message"]
    except (KeyError, IndexError, TypeError):
        raise LLMError(f"response has no choices[0].message: {_snippet(body)}") from None
    content = message.get("content") if isinstance(message, dict) else None
    if not isinstance(content, str) or not content.strip():
        refusal = message.get("refusal") if isinstance(message, dict) else None
        raise LLMError(f"empty message content{f' (refusal: {refusal})' if refusal else ''}")
    return content
