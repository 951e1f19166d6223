"""``python -m baselines.rules --out FILE [--data DIR]``"""

from __future__ import annotations

import sys
from typing import Sequence

from baselines.common import documents, main_guard, run_baseline
from baselines.rules.system import DESCRIPTION, META, NAME, extract


def run(argv: Sequence[str] | None = None) -> int:
    return run_baseline(NAME, DESCRIPTION, lambda folder: [extract(d) for d in documents(folder)], argv, META)


if __name__ == "__main__":
    sys.exit(main_guard(run))
