"""NLU components named in config.yml: message cleaning, the red-flag detector."""
