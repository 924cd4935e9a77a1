"""Where conversations and their locks are kept (endpoints.yml names these classes)."""
