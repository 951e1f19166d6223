"""The optimal assignment (Kuhn 1955; Crouse 2016) that alignment, coreference
and set-valued fields solve: SciPy's ``linear_sum_assignment``, loaded without
``scipy.optimize``'s package initialiser.

Importing ``scipy.optimize`` loads linear algebra, sparse matrices and
``numpy.f2py`` (~0.7 s of every ``score`` process); the solver is one compiled
module, ``scipy.optimize._lsap``, that needs only NumPy. It is loaded from its
file directly; should that fail (another SciPy layout), the public import is
used, so the function and its results are the same either way.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
from pathlib import Path
from typing import Any, Callable

import numpy as np
import scipy

__all__ = ["linear_sum_assignment"]


def _load() -> Callable[..., tuple[np.ndarray, np.ndarray]]:
    try:
        finder = importlib.machinery.FileFinder(
            str(Path(scipy.__file__).parent / "optimize"),
            (importlib.machinery.ExtensionFileLoader, importlib.machinery.EXTENSION_SUFFIXES),
        )
        spec = finder.find_spec("scipy.optimize._lsap")
        if spec is None or spec.loader is None:
            raise ImportError("scipy.optimize._lsap not found")
        module: Any = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        solve: Callable[..., tuple[np.ndarray, np.ndarray]] = module.linear_sum_assignment
        return solve
    except Exception:  # any other layout: the public, slower import
        from scipy.optimize import linear_sum_assignment as public

        return public


linear_sum_assignment = _load()
