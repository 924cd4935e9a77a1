"""Training-time code: the importer that turns content/ into intents, responses and rules."""
