"""What the Rasa server loads: NLU components, the content importer, channels, the
tracker and lock stores, and the patches of Rasa's internals (server/patches/).

Rasa imports this package before any module of it named in config.yml, endpoints.yml or
credentials.yml: the patches are installed here, once, before the server serves. A Rasa
they were not written for stops start-up here (server/patches/guard.py).
"""

from server import patches

patches.install()
