"""What both servers share: the content model, topic ids, names and constants.

Imports nothing of Rasa or rasa_sdk, so the action server's image needs neither Rasa nor
TensorFlow (`make lint-imports` checks the import contracts in pyproject.toml).
"""
