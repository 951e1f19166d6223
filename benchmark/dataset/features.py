"""The Hugging Face ``datasets`` feature types of the two configs.

They are written into the dataset card's YAML (``dataset_info``), so that
``benchmark.load_dataset`` (and ``datasets.load_dataset`` on the card) type the nested fields instead of inferring
them, and checked against the JSON Schemas by the tests.
"""

from __future__ import annotations

from datasets import Features, List, Value

_span = {"start": Value("int32"), "end": Value("int32")}

DOCUMENT_FEATURES = Features(
    {
        "doc_id": Value("string"),
        "seed_file": Value("string"),
        "outlet": Value("string"),
        "title": Value("string"),
        "published": Value("date32"),
        "text": Value("string"),
        "sha256": Value("string"),
        "excluded": List({**_span, "reason": Value("string")}),
        "story": Value("string"),
    }
)

GOLD_FEATURES = Features(
    {
        "doc_id": Value("string"),
        "entities": List(
            {
                "id": Value("string"),
                "type": Value("string"),
                "name": Value("string"),
                "aliases": List(Value("string")),
                "mentions": List({**_span, "text": Value("string"), "kind": Value("string")}),
                "cluster": Value("string"),
            }
        ),
        "events": List(
            {
                "id": Value("string"),
                "type": Value("string"),
                "trigger": {**_span, "text": Value("string")},
                "date": Value("string"),
                "location": Value("string"),
                "participants": List(Value("string")),
                "modality": Value("string"),
                "cluster": Value("string"),
            }
        ),
        "claims": List(
            {
                "id": Value("string"),
                "claimant": Value("string"),
                "cue": Value("string"),
                "content": Value("string"),
                "span": dict(_span),
                "quote": Value("string"),
                "polarity": Value("string"),
                "about": List(Value("string")),
                "cluster": Value("string"),
            }
        ),
    }
)

FEATURES = {"documents": DOCUMENT_FEATURES, "gold": GOLD_FEATURES}
