"""Input channels listed in credentials.yml by module path."""
