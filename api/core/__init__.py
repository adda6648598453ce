"""api.core."""
