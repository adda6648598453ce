"""solver.reports."""
