"""Privacy controls: "forget me" and the retention purge (see docs/operations.md)."""
