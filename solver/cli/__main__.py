"""`python -m solver.cli.app ...`: the same as the `enclaveplan` command."""

import sys

from solver.cli.app import main

sys.exit(main())
