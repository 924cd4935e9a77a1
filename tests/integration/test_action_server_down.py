"""With the action server stopped, crashed or hung: urgent replies, answers and disclaimers
go on, the few things that need it get an apology and the topic menu, and it all resumes.

One test walks the whole contract on the real servers, because the action server's state
is shared by the stack: every topic id and every red-flag kind while it is down, a hung
(stopped with SIGSTOP) and a killed server, then the same conversation once it is back.
Another does the same in the middle of a form (server/patches/form_safety.py).
"""

from __future__ import annotations

import os
import signal
import time
import uuid
from typing import Any, Dict, List

import yaml

from actions.topic_library import all_topics
from common.content import GROUPS, menu_intent
from tests.conftest import FIGURES, ROOT
from tests.integration.conftest import new_sender
from tests.unit.server.nlu.kinds import first_phrasing_of_each_kind, urgent_marker

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
APOLOGY = DOMAIN["responses"]["utter_service_unavailable"][0]["text"]
DELETED = DOMAIN["responses"]["utter_conversation_deleted"][0]["text"]
FULL_DISCLAIMER = "Consult a qualified healthcare provider"
DISCLAIMER_LINE = "does not replace professional medical advice"
MENU_PAYLOADS = [f"/{menu_intent(group)}" for group in GROUPS]
ASK_WEIGHT = DOMAIN["responses"]["utter_ask_weight_target_weight"][0]["text"]
ASK_HEIGHT = DOMAIN["responses"]["utter_ask_weight_target_height"][0]["text"]
ASK_WAIST = DOMAIN["responses"]["utter_ask_mets_waist"][0]["text"]
WEIGHT_FORM, CHECKLIST = "weight_target_form", "metabolic_checklist_form"


def replies(stack, sender: str, message: str) -> List[Dict[str, Any]]:
    response = stack.post(sender, message)
    assert response.status_code == 200, response.text
    return response.json()


def texts(said: List[Dict[str, Any]]) -> List[str]:
    return [reply.get("text", "") for reply in said]


def assert_apology_with_the_menu(said: List[Dict[str, Any]]) -> None:
    apology = next(reply for reply in said if reply.get("text") == APOLOGY)
    assert [button["payload"] for button in apology["buttons"]] == MENU_PAYLOADS


def assert_urgent_first(said: List[str], symptom: str) -> None:
    assert urgent_marker(symptom) in said[0], (symptom, said)
    assert "emergency" in said[0], (symptom, said)
    assert APOLOGY not in said, (symptom, said)


def assert_answered(stack, sender: str, topic_id: str, said: List[str]) -> None:
    topic = all_topics()[topic_id]
    assert topic.answer.split("\n\n")[0].strip() in said, (topic_id, said)
    assert DISCLAIMER_LINE in said[-1], (topic_id, said)
    assert APOLOGY not in said, (topic_id, said)
    assert stack.tracker(sender)["slots"]["topic"] == topic_id


def test_urgent_replies_answers_and_disclaimers_never_need_the_action_server(replica):
    stack = replica
    sender, marker = new_sender(), f"mk{uuid.uuid4().hex[:10]}"
    assert FULL_DISCLAIMER in stack.say_texts(sender, "hello")[0]
    kinds = first_phrasing_of_each_kind()
    counts = {"urgent first": 0, "topics answered": 0, "new sessions opened": 0}

    stack.stop_actions()
    try:
        # Every red-flag kind opens a new conversation: the urgent reply comes first, the
        # session disclaimer after it.
        for symptom, text in kinds.items():
            said = stack.say_texts(new_sender(), text)
            assert_urgent_first(said, symptom)
            assert any(FULL_DISCLAIMER in line for line in said[1:]), (symptom, said)
            counts["urgent first"] += 1
        # ... and mid-conversation.
        for symptom, text in kinds.items():
            assert_urgent_first(stack.say_texts(sender, text), symptom)
            counts["urgent first"] += 1

        # Every topic, by its button, answered with its disclaimer line; `topic` is set.
        for topic_id in sorted(all_topics()):
            assert_answered(stack, sender, topic_id, stack.say_texts(sender, f"/{topic_id}"))
            counts["topics answered"] += 1
        # In words too, through NLU.
        said = stack.say_texts(sender, f"what is fatty liver disease {marker}")
        assert_answered(stack, sender, "what_is_fatty_liver", said)

        # A new conversation still opens with the full disclaimer, then the answer.
        other = new_sender()
        said = stack.say_texts(other, "/what_is_nash")
        assert FULL_DISCLAIMER in said[0] and APOLOGY not in said
        assert_answered(stack, other, "what_is_nash", said[1:])
        counts["new sessions opened"] += 1

        # The menu is responses too.
        menu = replies(stack, sender, "/help")
        assert [b["payload"] for b in menu[0]["buttons"]] == MENU_PAYLOADS
        group = replies(stack, sender, MENU_PAYLOADS[0])
        assert group[0]["buttons"] and APOLOGY not in texts(group)

        # What needs the action server: an apology and the menu, never a false deletion.
        assert_apology_with_the_menu(replies(stack, sender, "/nlu_fallback"))
        said = replies(stack, sender, "/confirm_forget_me")
        assert_apology_with_the_menu(said)
        assert DELETED not in texts(said)
        assert any(e.get("text") == f"what is fatty liver disease {marker}"
                   for e in stack.tracker(sender)["events"]), "nothing was deleted"
        # The refusal of personal advice still refuses, and ends with its disclaimer line.
        said = replies(stack, sender, "/personal_medical_advice")
        assert "doctor or healthcare provider" in said[0]["text"]
        assert_apology_with_the_menu(said)
        assert DISCLAIMER_LINE in said[-1]["text"]
        assert stack.is_up()
    finally:
        stack.start_actions()

    # Hung: the action server accepts connections but never answers (SIGSTOP). Answers and
    # urgent replies do not wait for it; a custom action gives up after `timeout`.
    os.killpg(stack.actions.pid, signal.SIGSTOP)
    try:
        assert_answered(stack, sender, "sleep", stack.say_texts(sender, "/sleep"))
        assert_urgent_first(stack.say_texts(sender, kinds["chest_pain"]), "chest_pain")
        assert_apology_with_the_menu(replies(stack, sender, "/nlu_fallback"))
    finally:
        os.killpg(stack.actions.pid, signal.SIGCONT)

    # Crashed: killed outright, then started again; no Rasa restart in between.
    os.killpg(stack.actions.pid, signal.SIGKILL)
    stack.actions.wait(timeout=30)
    assert_answered(stack, sender, "diet", stack.say_texts(sender, "/diet"))
    stack.start_actions()

    # Back: did-you-mean, the general-topic offer and forget me work again.
    said = replies(stack, sender, "/nlu_fallback")
    assert APOLOGY not in texts(said) and any(reply.get("buttons") for reply in said)
    said = replies(stack, sender, "should i stop my metformin")
    assert APOLOGY not in texts(said) and any(reply.get("buttons") for reply in said)
    assert stack.say_texts(sender, "/confirm_forget_me") == [DELETED]
    assert marker not in stack.logs()
    assert "Custom action 'action_default_fallback' failed" in stack.rasa_log.read_text()

    FIGURES["action server down: urgent reply first"] = f"{counts['urgent first']} of {2 * len(kinds)}"
    FIGURES["action server down: topics answered"] = (
        f"{counts['topics answered']} of {len(all_topics())}"
    )


def active_form(stack, sender: str):
    return (stack.tracker(sender).get("active_loop") or {}).get("name")


def in_a_form(stack, start: str, question: str, form: str) -> str:
    """A new conversation with `form` asking its first `question` (the action server up)."""
    sender = new_sender()
    assert question in stack.say_texts(sender, start)
    assert active_form(stack, sender) == form
    return sender


def in_the_weight_form(stack) -> str:
    return in_a_form(stack, "/start_weight_target", ASK_WEIGHT, WEIGHT_FORM)


def assert_apology_and_form_left(stack, sender: str) -> None:
    assert_apology_with_the_menu(replies(stack, sender, "180 lb"))
    assert active_form(stack, sender) is None


def test_a_form_never_holds_back_an_urgent_reply_nor_goes_silent_without_the_action_server(replica):
    stack = replica
    kinds = first_phrasing_of_each_kind()
    urgent = {symptom: in_the_weight_form(stack) for symptom in kinds}
    checklist = in_a_form(stack, "/start_metabolic_checklist", ASK_WAIST, CHECKLIST)
    answering = in_the_weight_form(stack)

    stack.stop_actions()
    try:
        # Rasa runs an active form before any rule: it must step aside, not ask the server.
        for symptom, text in kinds.items():
            assert_urgent_first(stack.say_texts(urgent[symptom], text), symptom)
            assert active_form(stack, urgent[symptom]) is None, symptom
        assert_urgent_first(stack.say_texts(checklist, kinds["chest_pain"]), "chest_pain")
        assert active_form(stack, checklist) is None
        # An answer the form would check: the apology, no silence; the form is left and
        # the conversation goes on.
        assert_apology_and_form_left(stack, answering)
        assert_answered(stack, answering, "sleep", stack.say_texts(answering, "/sleep"))
        assert "Form 'weight_target_form' failed" in stack.rasa_log.read_text()
    finally:
        stack.start_actions()

    # Hung (SIGSTOP): the urgent reply does not wait; an answer gets the apology after `timeout`.
    urgent, answering = in_the_weight_form(stack), in_the_weight_form(stack)
    os.killpg(stack.actions.pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        assert_urgent_first(stack.say_texts(urgent, kinds["chest_pain"]), "chest_pain")
        FIGURES["form with a hung action server: urgent reply"] = f"{time.monotonic() - started:.1f} s"
        assert active_form(stack, urgent) is None
        assert_apology_and_form_left(stack, answering)
    finally:
        os.killpg(stack.actions.pid, signal.SIGCONT)

    # Back: the form reads answers again.
    sender = in_the_weight_form(stack)
    assert ASK_HEIGHT in stack.say_texts(sender, "180 lb")
