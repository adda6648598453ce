"""solver.analysis."""
