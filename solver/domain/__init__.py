"""solver.domain."""
