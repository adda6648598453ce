"""api.runtime."""
