"""What both servers share: the content model, topic ids, names and constants.

Imports nothing of Rasa or rasa_sdk, so the action server's image needs neither Rasa nor
TensorFlow (tests/unit/test_layout.py checks the import contracts).
"""
