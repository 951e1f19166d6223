"""The LLM baseline against a local fake server (127.0.0.1 only) serving
recorded responses from tests/fixtures/llm/."""

from __future__ import annotations

import io
import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from baselines.common import documents
from baselines.llm.__main__ import run
from baselines.llm.client import Client, LLMError
from baselines.llm.prompt import messages, response_format
from baselines.llm.repair import parse_json, repair
from baselines.llm.system import annotate
from benchmark.model.loading import load_submission
from benchmark.model.paths import DATA

FIXTURES = Path(__file__).parent / "fixtures" / "llm"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@contextmanager
def fake_server(responses: list[tuple[int, bytes]]):
    """Serve ``responses`` in order (the last one repeats); record requests."""
    requests: list[dict] = []
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server API)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with lock:
                requests.append({"path": self.path, "auth": self.headers.get("Authorization"),
                                 "body": json.loads(body)})
                status, payload = responses[min(len(requests) - 1, len(responses) - 1)]
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def docs():
    return documents(DATA)


def client(url: str, tmp_path: Path, **kw) -> Client:
    sleeps: list[float] = []
    return Client(base_url=url, model="fixture-model", api_key="sk-test", timeout=5, retries=kw.pop("retries", 2),
                  backoff=0.5, cache_dir=tmp_path / "cache", sleep=sleeps.append, **kw)


def test_request_carries_schema_model_and_key(docs, tmp_path):
    with fake_server([(200, fixture("ok.json"))]) as (url, requests):
        outcome = annotate(client(url, tmp_path), docs[0], "GUIDELINES-MARKER")
    assert outcome.ok and not outcome.cached
    (req,) = requests
    assert req["path"] == "/v1/chat/completions"
    assert req["auth"] == "Bearer sk-test"
    body = req["body"]
    assert body["model"] == "fixture-model"
    fmt = body["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is False
    schema = fmt["json_schema"]["schema"]
    assert schema["required"] == ["doc_id"] and "entityFields" in schema["$defs"]
    assert "common.schema.json" not in json.dumps(schema)  # bundled: self-contained
    prompt = " ".join(m["content"] for m in body["messages"])
    assert "GUIDELINES-MARKER" in prompt and docs[0].text in prompt
    assert "metonymy" in prompt  # the schema's field descriptions are in the prompt


def test_answer_is_repaired_into_a_valid_record(docs, tmp_path):
    with fake_server([(200, fixture("ok.json"))]) as (url, _):
        outcome = annotate(client(url, tmp_path), docs[0], None)
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


def test_code_fences_are_stripped(docs, tmp_path):
    with fake_server([(200, fixture("fenced.json"))]) as (url, _):
        outcome = annotate(client(url, tmp_path), docs[0], None)
    assert outcome.ok and "stripped code fence" in outcome.notes
    assert len(outcome.record["entities"]) == 4


def test_malformed_answer_is_reported_not_raised(docs, tmp_path):
    with fake_server([(200, fixture("malformed.json"))]) as (url, _):
        outcome = annotate(client(url, tmp_path), docs[0], None)
    assert not outcome.ok and "not JSON" in outcome.error
    assert outcome.record == {"doc_id": "000", "entities": [], "events": [], "claims": []}


def test_500_then_success_is_retried(docs, tmp_path):
    responses = [(500, b'{"error": "boom"}'), (503, b"busy"), (200, fixture("ok.json"))]
    with fake_server(responses) as (url, requests):
        outcome = annotate(client(url, tmp_path), docs[0], None)
    assert outcome.ok and len(requests) == 3


def test_retries_give_up_with_a_message(docs, tmp_path):
    with fake_server([(500, b"boom")]) as (url, requests):
        outcome = annotate(client(url, tmp_path, retries=1), docs[0], None)
    assert not outcome.ok and "HTTP 500" in outcome.error and "2 attempts" in outcome.error
    assert len(requests) == 2


def test_client_error_is_not_retried(docs, tmp_path):
    with fake_server([(400, b'{"error": "bad schema"}')]) as (url, requests):
        with pytest.raises(LLMError, match="HTTP 400"):
            client(url, tmp_path).complete(messages(docs[0], None), response_format())
    assert len(requests) == 1


def test_response_without_choices_is_an_error_and_not_cached(docs, tmp_path):
    with fake_server([(200, fixture("no_choices.json")), (200, fixture("ok.json"))]) as (url, requests):
        first = annotate(client(url, tmp_path), docs[0], None)
        second = annotate(client(url, tmp_path), docs[0], None)
    assert not first.ok and "choices" in first.error
    assert second.ok and not second.cached and len(requests) == 2


def test_cache_hit_does_not_call_the_server_again(docs, tmp_path):
    with fake_server([(200, fixture("ok.json"))]) as (url, requests):
        first = annotate(client(url, tmp_path), docs[0], None)
        second = annotate(client(url, tmp_path), docs[0], None)
        other_model = Client(base_url=url, model="another", cache_dir=tmp_path / "cache", timeout=5)
        other_model.complete(messages(docs[0], None), response_format())
    assert not first.cached and second.cached
    assert first.record == second.record
    assert len(requests) == 2  # the second model is a different cache key


def test_cli_writes_a_valid_submission_and_reports_failures(docs, tmp_path):
    out = tmp_path / "llm.json"
    responses = [(200, fixture("ok.json")), (200, fixture("malformed.json"))]
    err = io.StringIO()
    argv = ["--out", str(out), "--base-url", "URL", "--model", "fixture-model", "--cache-dir",
            str(tmp_path / "c"), "--retries", "0"]
    with fake_server(responses) as (url, requests):
        argv[argv.index("URL")] = url
        code = run(argv, err=err)
        rerun = run(argv, err=io.StringIO())
    assert code == 1 and rerun == 1
    submission, problems = load_submission(out, {d.doc_id: d for d in docs})
    assert problems == [] and submission is not None
    value = json.loads(out.read_text(encoding="utf-8"))
    assert value["meta"]["failed"] == ["001", "002", "003", "004"]
    assert value["meta"]["date"] == "2026-11-22"
    assert "[2/5] 001: FAILED" in err.getvalue()
    assert len(requests) == 5  # the rerun was answered from the cache: raw responses, malformed ones too
    assert sum(1 for d in value["documents"] if d["entities"]) == 1


def test_parse_json_takes_the_object_out_of_chatter():
    value, notes = parse_json('Sure! {"doc_id": "000"} Hope this helps.')
    assert value == {"doc_id": "000"} and notes == ["stripped text around the JSON object"]


def test_repair_rejects_non_objects(docs):
    assert repair("[1, 2, 3]", docs[0])[0] is None
    assert repair("", docs[0])[0] is None
