"""Changes to the Rasa 3.6 server that it offers no setting for, installed in one place.

Rasa loads project code into its server only through what the configuration names: the
tracker store (endpoints.yml), the channels (credentials.yml) and the NLU components
(config.yml, loaded with the model, later). Both ConversationStore and HealthInput call
`install()`, so every configuration of the project gets all of these, whichever of the
two it uses; each install is idempotent.

- action_failure: a short apology, never silence, when a custom action fails, and "forget
  me" deleting before it confirms;
- log_privacy: message text kept out of Rasa's warnings;
- action_validation: action server responses checked with a validator built once.
"""

from __future__ import annotations


def install() -> None:
    # Imported here: these pull in Rasa's processor and TensorFlow, which `make purge`
    # (it imports the store) does not need.
    from server.patches import action_failure, action_validation, log_privacy

    action_failure.install()
    log_privacy.install()
    action_validation.install()
