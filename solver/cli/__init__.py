"""solver.cli."""
