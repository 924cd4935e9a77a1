"""The checks a patch makes before it changes Rasa, so that a different Rasa stops the server.

A patch replaces or leans on code Rasa does not promise to keep. Each one names the Rasa
version it was written and tested for, and the parameters of every function it replaces
or calls; at start-up these are compared with the Rasa that is installed, and a difference
raises RasaMismatch, which stops the server naming the patch, what it expected and what it
found. Updating Rasa then means re-reading each patch against the new code and updating
these expectations (docs/operations.md, "Patches of Rasa's internals").
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, Callable, Text

import rasa
from rasa.shared.exceptions import RasaException


class RasaMismatch(RasaException):
    """The installed Rasa is not the one a patch was written for."""


def parameters(function: Callable) -> Text:
    """The parameters as a signature prints them, without annotations (Rasa's modules write
    them as strings or as types depending on their imports): "(self, action, tracker)"."""
    signature = inspect.signature(function)
    plain = [parameter.replace(annotation=inspect.Parameter.empty)
             for parameter in signature.parameters.values()]
    return str(signature.replace(parameters=plain, return_annotation=inspect.Signature.empty))


def qualified_name(owner: Any) -> Text:
    return f"{owner.__module__}.{owner.__qualname__}" if inspect.isclass(owner) else owner.__name__


@dataclass(frozen=True)
class Patch:
    """One patch: its name in errors (its module) and the Rasa version it was written and
    tested for."""

    name: Text
    written_for: Text

    def mismatch(self, problem: Text) -> RasaMismatch:
        return RasaMismatch(
            f"Patch {self.name} {problem}. Check the patch against this "
            f"Rasa and update it (docs/operations.md, \"Patches of Rasa's internals\")."
        )

    def require_version(self) -> None:
        if rasa.__version__ != self.written_for:
            raise self.mismatch(
                f"was written for Rasa {self.written_for}, but Rasa {rasa.__version__} is installed"
            )

    def require(self, condition: bool, expected: Text, found: Text) -> None:
        """Raises unless `condition`: `expected` is what the patch needs, `found` what this
        Rasa has instead (for a signature, an attribute a constructor sets, a message text)."""
        if not condition:
            raise self.mismatch(
                f"expects {expected}, as in Rasa {self.written_for}, but Rasa "
                f"{rasa.__version__} has {found}"
            )

    def require_signature(self, owner: Any, name: Text, expected: Text) -> Any:
        """`owner.name`, when `owner` itself defines it (not a base class, not moved
        elsewhere) with the `expected` parameters."""
        where = f"{qualified_name(owner)}.{name}"
        if name not in vars(owner):
            self.require(False, f"{where}{expected}", f"no {name} defined on {qualified_name(owner)}")
        target = getattr(owner, name)
        found = parameters(target)
        self.require(found == expected, f"{where}{expected}", f"{where}{found}")
        return target
