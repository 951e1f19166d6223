"""The dataset as a Hugging Face ``datasets.DatasetDict``, from the files where
the package is: no Hub request, from any working folder, offline.

:func:`load_dataset` (``benchmark.load_dataset``) loads every split of a dataset
folder through the one loader (``model.loading.load_splits``: each file read once
and validated) and types the records with the features of
:mod:`benchmark.dataset.features`. The default folder is the shipped ``data/``
(in a wheel, the bundled copy); any folder laid out the same way works, and so
does the folder ``download --format jsonl`` writes (its test split).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from benchmark.dataset.features import FEATURES
from benchmark.model.loading import load_splits
from benchmark.model.paths import DATA, DOCUMENTS_FILE
from benchmark.model.problems import BenchmarkError

if TYPE_CHECKING:
    from datasets import DatasetDict

CONFIGS = ("documents", "gold")


class DatasetError(BenchmarkError, ValueError):
    """The folder holds no dataset, or one that does not load; the message is its first problem."""


def load_dataset(config: str = "gold", folder: str | Path | None = None) -> DatasetDict:
    """Every split of ``config`` (``"documents"`` or ``"gold"``) in ``folder``
    (default: the shipped dataset) as a ``DatasetDict``: ``test`` (the folder
    itself), ``dev`` and ``heldout`` where present, nested features typed."""
    import datasets

    if config not in CONFIGS:
        raise DatasetError(f"unknown config {config!r} (known: {', '.join(CONFIGS)})")
    root = DATA if folder is None else Path(folder)
    if not (root / DOCUMENTS_FILE).is_file():
        raise DatasetError(f"{root}: no {DOCUMENTS_FILE} in this folder")
    splits = load_splits(root, rows=True)
    result = {}
    for name, split in splits.items():
        if split.problems:
            raise DatasetError(f"{split.problems[0]} (run `python -m benchmark verify --data {split.folder}`)")
        rows = (split.rows or {}).get(config)
        if rows is None:
            continue
        features = FEATURES[config]
        if config == "documents" and not any("story" in row for row in rows):  # a dataset of one story may omit it
            features = datasets.Features({k: v for k, v in features.items() if k != "story"})
        result[name] = datasets.Dataset.from_list(rows, features=features)
    if not result:
        raise DatasetError(f"{root}: no {config} file in this folder")
    return datasets.DatasetDict(result)
