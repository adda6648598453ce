"""api.storage."""
