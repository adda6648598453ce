"""solver.checker."""
