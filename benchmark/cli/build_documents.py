"""``build-documents --seeds DIR --data DIR`` (:mod:`benchmark.cli.build`)."""

from __future__ import annotations

from benchmark.cli.build import Documents

NAME = Documents.NAME
HELP = Documents.HELP
add_arguments = Documents.add_arguments
run = Documents.run
