"""What the Rasa server loads: NLU components, the content importer, channels, the
tracker and lock stores, and the patches of Rasa's internals (server/patches/).
"""
