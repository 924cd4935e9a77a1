"""validate_weight_target_form on real rasa_sdk trackers: each unit, bad values, the
lean-MASLD path, and the messages it leaves to the rules (questions, stop, red flags)."""

import pytest
from rasa_sdk.events import SlotSet

from actions.weight_target import FORM, ValidateWeightTargetForm
from tests.unit.actions.conftest import tracker_after


def in_form(text, intent="nlu_fallback", asked="weight_target_weight", entities=None, **slots):
    tracker = tracker_after(intent, text, entities=entities, slots={"requested_slot": asked, **slots})
    tracker.active_loop = {"name": FORM}
    return tracker


async def turn(dispatcher, tracker):
    events = await ValidateWeightTargetForm().run(dispatcher, tracker, {})
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def responses(dispatcher):
    return [m["response"] for m in dispatcher.messages]


@pytest.mark.parametrize(
    "text, weight, five, range_, ten, pace",
    [
        ("180 lbs", "180 lb", "9 lb", "13 to 18 lb", "18 lb", "1 to 2 lb (0.5 to 1 kg)"),
        ("82 kg", "82 kg", "4.1 kg", "5.7 to 8.2 kg", "8.2 kg", "0.5 to 1 kg (1 to 2 lb)"),
        ("13 stone", "13 st", "9 lb", "13 to 18 lb", "18 lb", "1 to 2 lb (0.5 to 1 kg)"),
        ("13 st 4 lb", "13 st 4 lb", "9 lb", "13 to 19 lb", "19 lb", "1 to 2 lb (0.5 to 1 kg)"),
    ],
)
async def test_a_weight_in_each_unit_gives_the_figures_in_that_unit(
    dispatcher, text, weight, five, range_, ten, pace
):
    slots = await turn(dispatcher, in_form(text))
    assert slots["weight_target_weight"] == weight
    assert (slots["weight_target_five"], slots["weight_target_seven_to_ten"]) == (five, range_)
    assert (slots["weight_target_ten"], slots["weight_target_pace"]) == (ten, pace)
    assert dispatcher.messages == []


async def test_a_bare_number_says_which_unit_it_was_read_in(dispatcher):
    slots = await turn(dispatcher, in_form("180"))
    assert slots["weight_target_weight"] == "180 lb"
    (message,) = dispatcher.messages
    assert message["response"] == "utter_weight_target_assumed_unit"
    assert (message["number"], message["unit"], message["other"]) == ("180", "pounds", "180 kg")


@pytest.mark.parametrize(
    "text, intent, response",
    [
        ("0", "personal_medical_advice", "utter_weight_target_implausible_weight"),
        ("2,000 lb", "personal_medical_advice", "utter_weight_target_implausible_weight"),
        ("heavy", "metald", "utter_weight_target_not_a_weight"),
        ("pizza", "out_of_scope", "utter_weight_target_not_a_weight"),
        ("no", "deny", "utter_weight_target_not_a_weight"),
    ],
)
async def test_a_bad_value_is_re_asked_clearly(dispatcher, text, intent, response):
    slots = await turn(dispatcher, in_form(text, intent))
    assert slots["weight_target_weight"] is None  # the form asks again
    assert responses(dispatcher) == [response]


@pytest.mark.parametrize(
    "text, intent, entities",
    [
        ("wait, what is nash?", "what_is_nash", None),
        ("how does coffee help", "coffee", None),
        ("stop", "cancel_form", None),
        ("can i talk to a nurse", "human_contact", None),
        ("/help", "help", None),
        ("180 lb and i vomited blood", "emergency", [{"entity": "red_flag", "value": "vomiting_blood"}]),
    ],
)
async def test_other_requests_and_red_flags_are_left_to_the_rules(dispatcher, text, intent, entities):
    # No slot set at all: Rasa's form rejects, and the rule for the message replies.
    assert await turn(dispatcher, in_form(text, intent, entities=entities)) == {}
    assert dispatcher.messages == []


async def test_not_overweight_at_the_weight_question_keeps_asking_for_the_weight(dispatcher):
    slots = await turn(dispatcher, in_form("I'm not overweight"))
    assert slots == {"weight_target_weight": None, "weight_target_height": "not overweight",
                     "weight_target_lean": True}


@pytest.mark.parametrize(
    "text, lean, height",
    [
        ("5 ft 8", True, "1.73 m"),  # 140 lb at 5 ft 8: BMI 21
        ("skip", False, "skipped"),
        ("I'm not overweight", True, "not overweight"),
    ],
)
async def test_the_height_decides_the_lean_masld_note(dispatcher, text, lean, height):
    tracker = in_form(text, asked="weight_target_height", weight_target_kg=63.5)
    slots = await turn(dispatcher, tracker)
    assert (slots["weight_target_height"], slots["weight_target_lean"]) == (height, lean)


async def test_a_heavier_weight_at_that_height_is_not_lean(dispatcher):
    tracker = in_form("173 cm", asked="weight_target_height", weight_target_kg=95.0)
    assert (await turn(dispatcher, tracker))["weight_target_lean"] is False


@pytest.mark.parametrize(
    "text, response",
    [("300 cm", "utter_weight_target_implausible_height"), ("tall", "utter_weight_target_not_a_height")],
)
async def test_a_bad_height_is_re_asked(dispatcher, text, response):
    tracker = in_form(text, asked="weight_target_height", weight_target_kg=80.0)
    assert (await turn(dispatcher, tracker))["weight_target_height"] is None
    assert responses(dispatcher) == [response]


async def test_a_weight_with_its_unit_at_the_height_question_corrects_the_weight(dispatcher):
    tracker = in_form("180 kg", asked="weight_target_height", weight_target_kg=81.6)
    slots = await turn(dispatcher, tracker)
    assert (slots["weight_target_weight"], slots["weight_target_height"]) == ("180 kg", None)


async def test_a_new_start_forgets_last_times_answers_and_keeps_a_weight_given_up_front(dispatcher):
    tracker = tracker_after(
        "start_weight_target", "work out my target, i weigh 220 pounds",
        slots={"weight_target_weight": "13 st", "weight_target_height": "skipped"},
    )
    tracker.active_loop = {"name": FORM}  # as Rasa sends it when starting the form
    events = await ValidateWeightTargetForm().run(dispatcher, tracker, {})
    slots = {e["name"]: e["value"] for e in events}
    assert dispatcher.messages == []
    assert slots["weight_target_weight"] == "220 lb"
    assert slots["weight_target_height"] is None and slots["weight_target_lean"] is None
    assert SlotSet("weight_target_ten", "22 lb") in events


def test_no_response_of_the_helper_gives_calories_or_doses(domain):
    said = " ".join(
        v.get("text", "") for name, variants in domain["responses"].items()
        if name.startswith(("utter_weight_target", "utter_ask_weight_target")) for v in variants
    ).lower()
    for word in ("calorie", "kcal", "mg", "dose", "tablet"):
        assert word not in said
    assert "doctor or a dietitian" in said and "3 to 5%" in said


async def test_back_from_a_side_question_it_offers_to_go_on(dispatcher):
    tracker = in_form("wait, what is nash?", "what_is_nash")
    tracker.events += [
        {"event": "action", "name": "utter_answer_what_is_nash"},
        {"event": "action", "name": "utter_disclaimer_line"},
        {"event": "action", "name": FORM},
    ]
    assert await turn(dispatcher, tracker) == {}
    assert responses(dispatcher) == ["utter_form_go_on"]


async def test_an_answer_just_typed_is_no_side_question(dispatcher):
    tracker = in_form("82 kg")
    tracker.events.append({"event": "action", "name": FORM})
    assert (await turn(dispatcher, tracker))["weight_target_weight"] == "82 kg"
    assert dispatcher.messages == []
