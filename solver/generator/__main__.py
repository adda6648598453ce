"""`python -m solver.generator OUT_DIR [--scale N] [--seed S]`: write a seeded company folder."""

import sys

from solver.generator.files import main

sys.exit(main())
