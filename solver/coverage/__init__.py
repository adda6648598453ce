"""The one coverage kernel: which running sites still get a coach when these people are
away (the roster's level 1, exactly), for robustness and pool sizing. A package because the
real-morning and money issues extend it (half days, levels 1 and 2) beside `kernel`.
"""

from solver.coverage.kernel import (
    MAX_FAMILIES,
    Cover,
    Kernel,
    bits,
    bundles,
)

__all__ = [
    "Cover",
    "Kernel",
    "MAX_FAMILIES",
    "bits",
    "bundles",
]
