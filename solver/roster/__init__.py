"""solver.roster."""
