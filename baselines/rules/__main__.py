"""``python -m baselines.rules --out FILE [--gold DIR]``"""

from __future__ import annotations

import sys
from typing import Sequence

from baselines.common import documents, main_guard, meta, parser, write_submission
from baselines.rules.system import DESCRIPTION, NAME, extract


def run(argv: Sequence[str] | None = None) -> int:
    args = parser(NAME, DESCRIPTION).parse_args(argv)
    records = [extract(d) for d in documents(args.gold)]
    write_submission(args.out, meta(NAME, DESCRIPTION), records)
    return 0


if __name__ == "__main__":
    sys.exit(main_guard(run))
