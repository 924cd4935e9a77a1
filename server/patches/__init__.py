"""Every change to Rasa's internals, installed from one place: server/__init__.py.

Python runs server/__init__.py before any module of `server/` that Rasa loads by its path
from config.yml, endpoints.yml or credentials.yml, in `rasa run`, `rasa shell` and
training alike, so `install()` has run before the server serves. Each patch first checks
the Rasa version and the signature of what it replaces (server/patches/guard.py) and stops
start-up with RasaMismatch when they differ; install() is idempotent.

- action_failure: a short apology, never silence, when a custom action fails, and "forget
  me" deleting before it confirms;
- form_safety: during a form, an urgent message goes to the safety rules before the action
  server is asked, and a form whose action server fails apologises and ends;
- log_privacy: message text kept out of Rasa's warnings;
- action_validation: action server responses checked with a validator built once;
- rule_cache: RulePolicy's rule-key cache sized for this model's rules;
- follow_up_context: short follow-ups ("and how is it treated?") read against the
  conversation's subject, ask and topic;
- private_api: not a patch, the checks of Rasa's private names the store and channels use.

api_token_from_environment (the HTTP API token for `rasa run`) is installed by
server/launch.py alone: it changes the command line Rasa parses, before it parses it.
Where Rasa has an extension point, the project uses it instead of a patch: the tracker
store (server/store/conversation_store.py) and the lock store (server/store/lock_store.py).
"""

from __future__ import annotations

from server.patches import (
    action_failure,
    action_validation,
    follow_up_context,
    form_safety,
    log_privacy,
    private_api,
    rule_cache,
)


def install() -> None:
    private_api.check()
    action_failure.install()
    form_safety.install()
    log_privacy.install()
    action_validation.install()
    follow_up_context.install()
    rule_cache.install()
