"""True-positive / false-positive / false-negative counts and the scores derived
from them, modelled on spaCy's ``PRFScore``: only the counts are stored, counts
add with ``+``, and precision, recall and F1 are derived on demand, so that any
aggregate (over fields, kinds, documents) is computed from summed counts (micro
averaging) and never from averaged scores.

precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2·TP/(2·TP+FP+FN) (the harmonic
mean of the two, van Rijsbergen 1979). A score whose denominator is zero is 0 and
flagged as undefined.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


def ratio(numerator: float, denominator: float) -> float:
    """numerator/denominator, or 0.0 when the denominator is 0."""
    return numerator / denominator if denominator else 0.0


def harmonic_mean(precision: float, recall: float) -> float:
    """F1 from precision and recall; 0.0 when both are 0."""
    return ratio(2 * precision * recall, precision + recall)


@dataclass(frozen=True, slots=True)
class Counts:
    """TP/FP/FN of one field (or any sum of fields, documents or kinds)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        if not isinstance(other, Counts):
            return NotImplemented
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def __radd__(self, other: object) -> "Counts":
        if other == 0:  # so that sum(counts) works
            return self
        return NotImplemented

    @property
    def predicted(self) -> int:
        """Filled predicted values (elements for set-valued fields): TP + FP."""
        return self.tp + self.fp

    @property
    def gold(self) -> int:
        """Filled gold values (elements): TP + FN."""
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def precision_defined(self) -> bool:
        return self.tp + self.fp > 0

    @property
    def recall_defined(self) -> bool:
        return self.tp + self.fn > 0

    @property
    def f1_defined(self) -> bool:
        return self.tp + self.fp + self.fn > 0


def f1_from_arrays(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> np.ndarray:
    """Vectorised F1 = 2·TP/(2·TP+FP+FN) over NumPy arrays; 0 where undefined."""
    import numpy as np

    denominator = 2 * tp + fp + fn
    return np.divide(2 * tp, denominator, out=np.zeros(np.shape(denominator), dtype=float), where=denominator > 0)
