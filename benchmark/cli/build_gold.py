"""``build-gold --data DIR`` (:mod:`benchmark.cli.build`)."""

from __future__ import annotations

from benchmark.cli.build import Gold

NAME = Gold.NAME
HELP = Gold.HELP
add_arguments = Gold.add_arguments
run = Gold.run
