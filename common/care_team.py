"""The care team's contact, which the deployer sets in one place: three environment
variables of the action server (docs/deploy.md). No Rasa import.

CARE_TEAM_PHONE, CARE_TEAM_URL and CARE_TEAM_HOURS; any of them may be left unset. With
none set the assistant says honestly that no person stands behind it.
"""

from __future__ import annotations

import os
from typing import List, Mapping, Optional

PHONE = "CARE_TEAM_PHONE"
URL = "CARE_TEAM_URL"
HOURS = "CARE_TEAM_HOURS"


def contact_lines(environ: Optional[Mapping[str, str]] = None) -> List[str]:
    """One line per configured way to reach the care team, empty when none is set.

    Hours alone reach no one, so they count only beside a phone number or a web page."""
    environ = os.environ if environ is None else environ
    phone, url, hours = (" ".join((environ.get(name) or "").split()) for name in (PHONE, URL, HOURS))
    lines = [f"- Phone: {phone}"] if phone else []
    if url:
        lines.append(f"- Web: {url}")
    if lines and hours:
        lines.append(f"- Open: {hours}")
    return lines
