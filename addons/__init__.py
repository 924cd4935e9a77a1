"""Project code that the Rasa server loads by module path from config.yml."""
