"""Production profile. A package only so that Rasa can load deploy.channels by module path."""
