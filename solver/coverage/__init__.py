"""solver.coverage."""
