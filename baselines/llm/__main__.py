"""``python -m baselines.llm --base-url URL --model NAME --out FILE``

Prompts an OpenAI-compatible chat-completions server once per document. A
document whose request fails or whose answer cannot be repaired is written
as an empty record and listed in ``meta.failed`` (exit status 1 if any failed);
an answer cut off at the token limit keeps its complete objects and is listed
there too, as truncated. The submission is always valid.

``meta.provenance`` holds what determines the answers (model, server model id,
prompt variant and hashes, shots, schema hash, options); ``meta.run`` what
varies between runs (latency, token counts, wall time).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Sequence, TextIO

from benchmark.model.records import Document

from baselines.common import RELEASE_DATE, BaselineError, documents, main_guard, meta, parser, write_submission
from baselines.llm.client import Client
from baselines.llm.prompt import DEV, PromptConfig, examples, guidelines, messages, response_format, size
from baselines.llm.system import Outcome, annotate

NAME = "llm"
DESCRIPTION = ("LLM prompting through an OpenAI-compatible chat-completions server: one request per document "
               "with the system-facing guidelines (prompt 'full') or only the schema's field definitions "
               "('compact'), optional few-shot examples from the fictional dev split, and a decoder response "
               "schema derived from the submission schema; answers repaired (offsets recomputed from the "
               "quoted text, dangling references dropped).")
RESERVED = {"model", "messages", "response_format"}


def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "talks-ie-bench" / "llm"


def _json_object(text: str, option: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError as error:
        raise BaselineError(f"{option}: not JSON: {error}") from None
    if not isinstance(value, dict):
        raise BaselineError(f"{option}: must be a JSON object")
    return value


def arguments(argv: Sequence[str] | None):
    p = parser(NAME, DESCRIPTION)
    p.add_argument("--base-url", default="http://127.0.0.1:8000/v1",
                   help="server root, e.g. http://127.0.0.1:8080/v1 (llama-server), :8000/v1 (vLLM), :11434/v1 (Ollama)")
    p.add_argument("--model", required=True, help="model name as the server knows it")
    p.add_argument("--system-name", help="meta.system (default llm:MODEL)")
    p.add_argument("--api-key-env", default="OPENAI_API_KEY", metavar="NAME",
                   help="environment variable holding the API key (default OPENAI_API_KEY; unset: no key)")
    p.add_argument("--cache-dir", default=str(default_cache()), help="raw responses of usable answers, by request hash")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p.add_argument("--timeout", type=float, default=3600.0,
                   help="seconds per request (default 3600); a timeout is not retried")
    p.add_argument("--retries", type=int, default=2, help="retries on connection errors and 408/429/5xx (default 2)")
    p.add_argument("--backoff", type=float, default=2.0, help="first retry delay in seconds, doubling "
                   "(a Retry-After header wins)")
    p.add_argument("--temperature", type=float, default=0.0)
    p.add_argument("--max-tokens", type=int, default=4096, help="completion token cap per document (default 4096)")
    p.add_argument("--extra-body", default="{}", metavar="JSON",
                   help="JSON object merged into each request (server options, e.g. '{\"seed\": 0}', "
                   "Ollama '{\"options\": {\"num_ctx\": 16384}}')")
    p.add_argument("--concurrency", type=int, default=1, help="documents in flight at once (default 1)")
    p.add_argument("--prompt", choices=("full", "compact"), default="full",
                   help="full: with docs/guidelines.md; compact: field definitions only (small models)")
    p.add_argument("--shots", type=int, default=0, help="few-shot examples from the dev split (default 0)")
    p.add_argument("--dev", default=str(DEV), metavar="DIR", help="the dev split (documents.jsonl + gold.jsonl)")
    p.add_argument("--offsets", action="store_true",
                   help="ask the model for character offsets too (default: text only, offsets recomputed)")
    p.add_argument("--no-mentions", action="store_true",
                   help="compact answer: entities without mention lists; mentions marked from names and aliases")
    p.add_argument("--strict", action="store_true",
                   help="OpenAI strict mode (the schema's OpenAI dialect: length bounds in descriptions)")
    p.add_argument("--provenance", default="{}", metavar="JSON",
                   help="JSON object recorded under meta.provenance (server version and flags, model file hash)")
    p.add_argument("--date", default=RELEASE_DATE, help="meta.date (default: a fixed date, for reproducible bytes)")
    p.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    return p.parse_args(argv)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _prompt_report(docs: list[Document], config: PromptConfig) -> dict[str, Any]:
    sizes = [size(messages(d, config)) for d in docs]
    shared = size(messages(docs[0], config)[:-1]) if docs else (0, 0)
    return {"variant": config.variant, "shots": [e.document.doc_id for e in config.examples],
            "offsets": config.offsets, "mentions": "answer" if config.mentions else "from names and aliases",
            "guidelines_sha256": _sha256(config.guidelines) if config.variant == "full" and config.guidelines else None,
            "shared_prefix_sha256": _sha256(json.dumps(messages(docs[0], config)[:-1], ensure_ascii=False)) if docs else None,
            "shared_prefix_chars": shared[0], "approx_tokens": {"shared_prefix": shared[1],
                                                                 "min": min(s[1] for s in sizes) if sizes else 0,
                                                                 "max": max(s[1] for s in sizes) if sizes else 0}}


def _progress(outcome: Outcome, index: int, total: int) -> list[str]:
    state = "ok" if outcome.ok and not outcome.truncated else ("TRUNCATED" if outcome.truncated else "FAILED")
    usage = outcome.usage
    extra = [f"{len(outcome.notes)} repairs"] if outcome.notes else []
    if outcome.cached:
        extra.append("cached")
    elif usage is not None:
        extra.append(f"{usage.latency_s:.1f} s, {usage.prompt_tokens} prompt + {usage.completion_tokens} "
                     f"completion tokens, finish {usage.finish_reason}")
    counts = ", ".join(f"{len(outcome.record[k])} {k}" for k in ("entities", "events", "claims"))
    lines = [f"[{index}/{total}] {outcome.doc_id}: {state} ({counts}{'; ' + '; '.join(extra) if extra else ''})"]
    if outcome.error:
        lines.append(f"    {outcome.doc_id}: {outcome.error}")
    lines += [f"    {outcome.doc_id}: {note}" for note in outcome.notes]
    return lines


def run(argv: Sequence[str] | None = None, err: TextIO = sys.stderr) -> int:
    args = arguments(argv)
    if args.retries < 0 or args.timeout <= 0 or args.concurrency < 1 or args.shots < 0 or args.max_tokens < 1:
        raise BaselineError("--retries and --shots must be >= 0; --timeout, --concurrency, --max-tokens > 0")
    extra_body, provenance = _json_object(args.extra_body, "--extra-body"), _json_object(args.provenance, "--provenance")
    if RESERVED & set(extra_body):
        raise BaselineError(f"--extra-body may not set {', '.join(sorted(RESERVED & set(extra_body)))}")
    try:
        shots = examples(args.shots, Path(args.dev))
    except (OSError, ValueError) as error:
        raise BaselineError(f"--shots {args.shots}: {error}") from None
    config = PromptConfig(args.prompt, args.offsets, not args.no_mentions,
                          guidelines() if args.prompt == "full" else None, shots)
    if args.prompt == "full" and config.guidelines is None:
        raise BaselineError("--prompt full needs docs/guidelines.md (use --prompt compact without it)")
    options = {"temperature": args.temperature, "max_tokens": args.max_tokens}
    client = Client(base_url=args.base_url, model=args.model, api_key=os.environ.get(args.api_key_env) or None,
                    timeout=args.timeout, retries=args.retries, backoff=args.backoff,
                    cache_dir=None if args.no_cache else Path(args.cache_dir), options=options, extra_body=extra_body)
    docs = documents(args.data)
    prompt = _prompt_report(docs, config)
    if not args.quiet:
        tokens = prompt["approx_tokens"]
        print(f"prompt {config.variant}, {len(shots)} shot(s): shared prefix {prompt['shared_prefix_chars']} characters "
              f"(~{tokens['shared_prefix']} tokens), whole prompt ~{tokens['min']}-{tokens['max']} tokens per document "
              f"(~4 characters a token); completion cap {args.max_tokens} tokens", file=err)
    lock, started = threading.Lock(), time.monotonic()
    done = [0]

    def one(document: Document) -> Outcome:
        outcome = annotate(client, document, config, args.strict)
        with lock:
            done[0] += 1
            if not args.quiet:
                for line in _progress(outcome, done[0], len(docs)):
                    print(line, file=err)
        return outcome

    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        outcomes = list(pool.map(one, docs))
    wall = round(time.monotonic() - started, 1)
    failed = {o.doc_id: str(o.error) for o in outcomes if o.failed}
    truncated = {o.doc_id: str(o.error) for o in outcomes if o.truncated}
    if outcomes and len(failed) == len(outcomes):
        print(f"every document failed ({len(failed)} of {len(outcomes)}); no submission written to {args.out} "
              f"(first reason: {next(iter(failed.values()))})", file=err)
        return 1
    server_models = sorted({o.usage.model for o in outcomes if o.usage is not None and o.usage.model})
    info = meta(args.system_name or f"{NAME}:{args.model}", DESCRIPTION)
    info["date"] = args.date
    info["provenance"] = {
        "model": args.model, "server_model": server_models, "base_url": args.base_url, "prompt": prompt,
        "response_schema_sha256": _sha256(json.dumps(response_format(args.offsets, args.strict,
                                                                                     not args.no_mentions), sort_keys=True)),
        "strict": args.strict, "options": options, "extra_body": extra_body, **provenance}
    info["failed"] = failed
    info["truncated"] = truncated
    info["repairs"] = {o.doc_id: len(o.notes) for o in outcomes}
    info["run"] = {"note": "volatile: differs between runs", "wall_s": wall, "documents": {
        o.doc_id: {"cached": o.cached, "truncated": o.truncated,
                   **({} if o.usage is None else {"latency_s": o.usage.latency_s,
                                                  "prompt_tokens": o.usage.prompt_tokens,
                                                  "completion_tokens": o.usage.completion_tokens,
                                                  "finish_reason": o.usage.finish_reason,
                                                  "attempts": o.usage.attempts})} for o in outcomes}}
    write_submission(args.out, info, [o.record for o in outcomes])
    if failed:
        print(f"{len(failed)} document(s) failed (empty records): {', '.join(failed)}", file=err)
    if truncated:
        print(f"{len(truncated)} document(s) truncated (partial answers kept): {', '.join(truncated)}", file=err)
    return 1 if failed or truncated else 0


if __name__ == "__main__":
    sys.exit(main_guard(run))
