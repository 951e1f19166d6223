"""Materialise the dataset through Hugging Face ``datasets``.

The shipped ``data/`` folder is a dataset repository in the Hub's layout (a
card whose YAML ``configs`` name the files and whose ``dataset_info`` types the
nested features), so the same code loads it from disk or from a Hub id.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datasets import Dataset

from benchmark.model.files import atomic_write_all
from benchmark.model.paths import DOCUMENTS_FILE, GOLD_FILE
from benchmark.model.problems import BenchmarkError

CONFIGS = ("documents", "gold")
DOWNLOAD_FORMATS = ("jsonl", "parquet", "csv")
SPLIT = "test"


class DownloadError(BenchmarkError):
    """The dataset could not be loaded or written; the message is one line."""


CONFIG_FILES = {"documents": DOCUMENTS_FILE, "gold": GOLD_FILE}


def plain_folder_file(source: str, config: str) -> Path | None:
    """The JSON Lines file of ``config`` when ``source`` is a local folder whose
    card (README.md) does not declare the config (a dataset of your own: just
    documents.jsonl and gold.jsonl); None for a Hub id or a folder with a card."""
    folder = Path(source)
    if not folder.is_dir():
        return None
    card = folder / "README.md"
    if card.is_file() and f"config_name: {config}" in card.read_text(encoding="utf-8", errors="replace"):
        return None
    return folder / CONFIG_FILES[config]


def load_config(source: str, config: str) -> Dataset:
    """``datasets.load_dataset(source, config, split="test")`` with errors made one
    line; a plain local folder loads through the ``json`` builder with the
    dataset's typed features (:mod:`benchmark.dataset.features`)."""
    import datasets

    from benchmark.dataset.features import FEATURES

    import huggingface_hub

    datasets.disable_progress_bars()
    datasets.logging.set_verbosity_error()
    huggingface_hub.utils.logging.set_verbosity_error()  # its retry warnings are not our one line
    plain = plain_folder_file(source, config)
    if plain is not None and not plain.is_file():
        raise DownloadError(f"cannot load config {config!r} from {source!r}: no {plain.name} in this folder")
    try:
        if plain is not None:
            return datasets.load_dataset("json", data_files={SPLIT: str(plain)}, features=FEATURES[config], split=SPLIT)
        return datasets.load_dataset(source, config, split=SPLIT)
    except Exception as exc:  # datasets raises many unrelated types for "not reachable"
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DownloadError(f"cannot load config {config!r} from {source!r}: {first}") from None


def _csv_bytes(dataset: Dataset) -> bytes:
    """CSV with nested columns as JSON strings (CSV has no nesting)."""
    frame = dataset.to_pandas()
    for column in frame.columns:
        if frame[column].map(lambda v: isinstance(v, (dict, list)) or hasattr(v, "tolist")).any():
            frame[column] = [json.dumps(_plain(v), ensure_ascii=False) for v in dataset[column]]
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _bytes(dataset: Dataset, fmt: str) -> bytes:
    if fmt == "jsonl":
        lines = [json.dumps(_plain(row), ensure_ascii=False) for row in dataset]
        return ("\n".join(lines) + "\n").encode("utf-8")
    if fmt == "csv":
        return _csv_bytes(dataset)
    import io

    buffer = io.BytesIO()
    dataset.to_parquet(buffer)
    return buffer.getvalue()


def download(source: str, out: Path, fmt: str, configs: tuple[str, ...] = CONFIGS) -> list[tuple[Path, int]]:
    """Write each config's test split to ``out/<config>.<fmt>``, all files as one
    set (every temporary file written before any rename); returns (path, rows)."""
    if fmt not in DOWNLOAD_FORMATS:
        raise DownloadError(f"unknown format {fmt!r}")
    loaded = [(config, load_config(source, config)) for config in configs]
    files = {out / f"{config}.{fmt}": _bytes(dataset, fmt) for config, dataset in loaded}
    atomic_write_all(files)
    return [(out / f"{config}.{fmt}", len(dataset)) for config, dataset in loaded]
