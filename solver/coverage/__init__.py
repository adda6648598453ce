"""The one coverage kernel: which running sites still get a coach, and how many of the
contract's coaches, when these people are away (the roster's levels 1 and 2, exactly, per
half), for robustness and pool sizing. A package because the real-morning and money issues
extend it beside `kernel`.
"""

from solver.coverage.kernel import (
    MAX_FAMILIES,
    Cover,
    Judgement,
    Kernel,
    bits,
    bundles,
)

__all__ = [
    "Cover",
    "Judgement",
    "Kernel",
    "MAX_FAMILIES",
    "bits",
    "bundles",
]
