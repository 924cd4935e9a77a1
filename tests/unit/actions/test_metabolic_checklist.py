"""action_metabolic_checklist_result on real trackers: the count, its reading under the
US criteria, the matching topics, and a clean slate for the next run."""

import pytest

from actions.metabolic_checklist import CRITERIA, ActionMetabolicChecklistResult, outcome_response
from tests.unit.actions.conftest import tracker_after


def answered(*values):
    return tracker_after("affirm", "yes", slots=dict(zip(CRITERIA, values)))


async def test_three_yes_answers_match_the_us_definition(dispatcher, domain):
    events = await ActionMetabolicChecklistResult().run(
        dispatcher, answered("yes", "yes", "no", "yes", "unknown"), domain
    )
    count, outcome, topics = dispatcher.messages
    assert (count["response"], count["yes"], count["no"], count["unknown"]) == ("utter_mets_count", 3, 1, 1)
    assert outcome["response"] == "utter_mets_three_or_more"
    assert [b["payload"] for b in topics["buttons"]] == [
        "/metabolic_syndrome", "/weight_loss_target", "/statins_and_heart",
    ]
    assert {e["name"]: e["value"] for e in events} == {slot: None for slot in CRITERIA}


@pytest.mark.parametrize(
    "yes, unknown, response",
    [(5, 0, "utter_mets_three_or_more"), (2, 1, "utter_mets_could_be"),
     (1, 1, "utter_mets_under_three"), (0, 0, "utter_mets_under_three")],
)
def test_what_the_count_means(yes, unknown, response):
    assert outcome_response(yes, unknown) == response


async def test_no_yes_still_offers_the_metabolic_syndrome_topic(dispatcher, domain):
    await ActionMetabolicChecklistResult().run(dispatcher, answered("no", "no", "no", "no", "no"), domain)
    assert [b["payload"] for b in dispatcher.messages[-1]["buttons"]] == ["/metabolic_syndrome"]


def test_the_questions_use_the_us_thresholds_and_a_clinician_confirms(domain):
    responses = domain["responses"]
    asked = " ".join(responses[f"utter_ask_{slot}"][0]["text"] for slot in CRITERIA)
    for threshold in ("40 inches (102 cm)", "35 inches (88 cm)", "150 mg/dL", "under 40 mg/dL",
                      "under 50", "130/85", "100 mg/dL"):
        assert threshold in asked
    assert "three or more" in responses["utter_mets_meaning"][0]["text"]
    assert "doctor or nurse can confirm" in responses["utter_mets_meaning"][0]["text"]
    buttons = responses["utter_ask_mets_waist"][0]["buttons"]
    assert [b["payload"] for b in buttons] == ["/affirm", "/deny", "/dont_know", "/cancel_form"]
