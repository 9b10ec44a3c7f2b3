"""Per-unit API tokens: how a city's or a department's own system files progress through the API."""
