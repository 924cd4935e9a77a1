"""Custom actions of the assistant, one module per concern (run by `rasa run actions`)."""
