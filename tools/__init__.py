"""Command-line tools: content check, retention purge, fallback tuning, the demo page server."""
