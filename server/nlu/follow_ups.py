"""Short follow-ups read against the conversation: "and how is it treated?", "and for MASLD?",
"how much per week?".

A question is a subject plus an ask (content/phrasing/asks.yml). After each message the
subject and ask it settled on are kept in the slots `subject` and `ask` (as entities of
the parse, mapped by domain.yml). A short message that reads as a follow-up and names only
one of the two takes the other from the conversation, and the grid gives the topic:
"what is NASH" then "and how is it treated?" is (NASH, treatment). A follow-up that names
neither asks for more of the current topic (its details) when the classifier could not
place it, or when it points back ("who qualifies for that?", "how much per week?" after
the exercise answer). A complete question,
an urgent reply, personal advice or small talk is never changed.

Runs on the Rasa server with the tracker, after NLU (server/patches/follow_up_context.py).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Dict, Iterable, List, Optional, Text

from common.asks import WHAT, AskGrid, Reading, load_grid, read_message
from common.content import TELL_ME_MORE
from server.nlu.ranking import ranked_first

SUBJECT = "subject"
ASK = "ask"
TOPIC = "topic"
NONE = "none"  # slot value for "the last question named no subject / no ask"
FALLBACK = "nlu_fallback"
OUT_OF_SCOPE = "out_of_scope"
EXTRACTOR = "FollowUpContext"
# Longer messages are full questions: the classifier reads them on their own.
MAX_FOLLOW_UP_WORDS = 8
# A message pointing back ("who qualifies for that?") is about the current topic at most
# this long; longer ones usually bring their own subject.
MAX_POINTING_BACK_WORDS = 5
# ... unless the classifier is this sure of a topic of its own: "how much coffee?" is about
# coffee, whatever came before (measured: 0.99+ for such, 0.92 for "how much per week?").
POINTING_BACK_UNLESS_SURE = 0.95


@lru_cache(maxsize=1)
def grid() -> AskGrid:
    return load_grid()


def _known(value: Any) -> Optional[Text]:
    return value if isinstance(value, str) and value and value != NONE else None


def _entity(name: Text, value: Text) -> Dict[Text, Any]:
    return {"entity": name, "value": value, "start": 0, "end": 0, "extractor": EXTRACTOR}


def _with_intent(parse_data: Dict[Text, Any], intent: Text) -> Dict[Text, Any]:
    ranking = ranked_first(parse_data.get("intent_ranking"), intent)
    return {**parse_data, "intent": ranking[0], "intent_ranking": ranking}


def in_context(
    parse_data: Dict[Text, Any],
    slot: Callable[[Text], Any],
    topic_ids: Iterable[Text],
    ask_grid: Optional[AskGrid] = None,
) -> Dict[Text, Any]:
    """The parse, with its intent read against the conversation where it is a follow-up,
    and the subject and ask it settled on as entities. `slot` reads the tracker's slots."""
    ask_grid = ask_grid or grid()
    topics = set(topic_ids)
    intent = (parse_data.get("intent") or {}).get("name")
    if (parse_data.get("text") or "").startswith("/"):
        return parse_data  # a button's payload says exactly what it means
    if intent not in topics | {FALLBACK, OUT_OF_SCOPE, TELL_ME_MORE}:
        return parse_data  # urgent replies, personal advice, small talk, menus, forms
    reading: Reading = read_message(ask_grid, parse_data.get("text") or "")
    subject, ask = reading.subject, reading.ask
    current_topic = _known(slot(TOPIC))
    last_subject = _known(slot(SUBJECT)) or ask_grid.subject_of_topic(current_topic)
    last_ask = _known(slot(ASK))
    short_follow_up = reading.follows_up and 0 < reading.words <= MAX_FOLLOW_UP_WORDS

    resolved = None
    if intent == TELL_ME_MORE:
        # "Explain NASH" names a new subject: its topic, not more of the current one.
        if not subject or subject == last_subject:
            return parse_data
        ask = ask or WHAT
        resolved = ask_grid.route(subject, ask)
    elif short_follow_up and subject and not ask and last_ask:
        ask = last_ask
        resolved = ask_grid.route(subject, ask)
    elif short_follow_up and ask and not subject and last_subject:
        subject = last_subject
        resolved = ask_grid.route(subject, ask)

    if resolved:
        parse_data = _with_intent(parse_data, resolved)
    elif current_topic and not (subject or ask) and (
        (short_follow_up and intent in (FALLBACK, OUT_OF_SCOPE))
        or (reading.points_back and reading.words <= MAX_POINTING_BACK_WORDS
            and _confidence(parse_data) < POINTING_BACK_UNLESS_SURE)
    ):
        parse_data = _with_intent(parse_data, TELL_ME_MORE)
        return {**parse_data, "entities": _entities(parse_data) + [_entity(TOPIC, current_topic)]}

    if (parse_data.get("intent") or {}).get("name") not in topics:
        return parse_data
    kept = [_entity(SUBJECT, subject or NONE), _entity(ASK, ask or NONE)]
    return {**parse_data, "entities": _entities(parse_data) + kept}


def _confidence(parse_data: Dict[Text, Any]) -> float:
    return float((parse_data.get("intent") or {}).get("confidence") or 0.0)


def _entities(parse_data: Dict[Text, Any]) -> List[Dict[Text, Any]]:
    return [e for e in parse_data.get("entities") or [] if e.get("entity") not in (SUBJECT, ASK, TOPIC)]
