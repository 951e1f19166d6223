"""The assignment solver loaded from SciPy's compiled module is SciPy's public one."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
from scipy.optimize import linear_sum_assignment as public

from benchmark.scoring.assignment import linear_sum_assignment


def test_same_assignment_as_scipy_optimize() -> None:
    rng = np.random.default_rng(0)
    for _ in range(200):
        rows, cols = rng.integers(1, 8, size=2)
        weights = rng.integers(0, 4, size=(rows, cols)).astype(float)  # small integers: many ties
        for maximize in (True, False):
            ours, theirs = linear_sum_assignment(weights, maximize=maximize), public(weights, maximize=maximize)
            assert ours[0].tolist() == theirs[0].tolist() and ours[1].tolist() == theirs[1].tolist()


def test_score_process_does_not_import_scipy_optimize() -> None:
    code = "import sys, benchmark.cli; print('scipy.optimize' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
