"""``python -m baselines.llm --base-url URL --model NAME --out FILE``

Prompts an OpenAI-compatible chat-completions server once per document. A
document whose request fails or whose answer cannot be repaired is written
as an empty record and listed in ``meta.failed`` (exit status 1 if any failed),
so the submission is always valid.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Sequence, TextIO

from baselines.common import RELEASE_DATE, BaselineError, documents, main_guard, meta, parser, write_submission
from baselines.llm.client import Client
from baselines.llm.prompt import guidelines
from baselines.llm.system import annotate

NAME = "llm"
DESCRIPTION = ("Zero-shot LLM prompting: one chat-completions request per document with the annotation "
               "guidelines and the schema's field definitions in the prompt and the submission's "
               "per-document JSON Schema as response_format; answers repaired (fences, offsets "
               "recomputed from text, dangling references dropped).")


def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "talks-ie-bench" / "llm"


def arguments(argv: Sequence[str] | None):
    p = parser(NAME, DESCRIPTION)
    p.add_argument("--base-url", default="http://127.0.0.1:8000/v1",
                   help="server root, e.g. http://127.0.0.1:8000/v1 (vLLM), http://127.0.0.1:11434/v1 (Ollama)")
    p.add_argument("--model", required=True, help="model name as the server knows it")
    p.add_argument("--api-key-env", default="OPENAI_API_KEY", metavar="NAME",
                   help="environment variable holding the API key (default OPENAI_API_KEY; unset: no key)")
    p.add_argument("--cache-dir", default=str(default_cache()), help="raw responses, keyed by request hash")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p.add_argument("--timeout", type=float, default=300.0, help="seconds per request (default 300)")
    p.add_argument("--retries", type=int, default=4, help="retries on 429/5xx/timeouts (default 4)")
    p.add_argument("--backoff", type=float, default=2.0, help="first retry delay in seconds, doubling")
    p.add_argument("--temperature", type=float, default=0.0)
    p.add_argument("--strict", action="store_true", help="ask for strict schema adherence (OpenAI)")
    p.add_argument("--date", default=RELEASE_DATE, help="meta.date (default: a fixed date, for reproducible bytes)")
    p.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    return p.parse_args(argv)


def run(argv: Sequence[str] | None = None, err: TextIO = sys.stderr) -> int:
    args = arguments(argv)
    if args.retries < 0 or args.timeout <= 0:
        raise BaselineError("--retries must be >= 0 and --timeout > 0")
    client = Client(base_url=args.base_url, model=args.model, api_key=os.environ.get(args.api_key_env) or None,
                    timeout=args.timeout, retries=args.retries, backoff=args.backoff,
                    cache_dir=None if args.no_cache else Path(args.cache_dir),
                    options={"temperature": args.temperature})
    docs, text = documents(args.data), guidelines()
    records, failed, repairs = [], [], {}
    for index, document in enumerate(docs, 1):
        outcome = annotate(client, document, text, args.strict)
        records.append(outcome.record)
        repairs[outcome.doc_id] = len(outcome.notes)
        if not outcome.ok:
            failed.append(outcome.doc_id)
        if not args.quiet:
            state = "ok" if outcome.ok else f"FAILED: {outcome.error}"
            extra = f", {len(outcome.notes)} repairs" if outcome.notes else ""
            print(f"[{index}/{len(docs)}] {outcome.doc_id}: {state}{' (cached)' if outcome.cached else ''}{extra}",
                  file=err)
            for note in outcome.notes:
                print(f"    {outcome.doc_id}: {note}", file=err)
    info = meta(f"{NAME}:{args.model}", DESCRIPTION, model=args.model, base_url=args.base_url,
                guidelines=text is not None, failed=failed, repairs=repairs)
    info["date"] = args.date
    write_submission(args.out, info, records)
    if failed:
        print(f"{len(failed)} document(s) failed and were written empty: {', '.join(failed)}", file=err)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main_guard(run))
