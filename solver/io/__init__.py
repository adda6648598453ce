"""solver.io."""
