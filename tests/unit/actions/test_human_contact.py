"""action_human_contact with and without a configured care team, and the contact offered
after a second miss in a row."""

import pytest

from actions.fallback import ActionDefaultFallback
from actions.human_contact import ActionHumanContact
from tests.unit.actions.conftest import tracker_after
from tests.unit.actions.test_fallback import UNSURE_RANKING, second_miss, unsure


@pytest.fixture
def configured(monkeypatch):
    monkeypatch.setenv("CARE_TEAM_PHONE", "+1 555 0100")
    monkeypatch.setenv("CARE_TEAM_URL", "https://clinic.example/nurse-line")
    monkeypatch.setenv("CARE_TEAM_HOURS", "Mon-Fri 8am-6pm")


@pytest.fixture
def unconfigured(monkeypatch):
    for name in ("CARE_TEAM_PHONE", "CARE_TEAM_URL", "CARE_TEAM_HOURS"):
        monkeypatch.delenv(name, raising=False)


async def test_with_a_configured_care_team_the_contact_is_given(configured, dispatcher, domain):
    await ActionHumanContact().run(dispatcher, tracker_after("human_contact", "can i talk to a nurse"), domain)
    (message,) = dispatcher.messages
    assert message["response"] == "utter_care_team_contact"
    assert message["contact"] == (
        "- Phone: +1 555 0100\n- Web: https://clinic.example/nurse-line\n- Open: Mon-Fri 8am-6pm"
    )
    assert "{contact}" in domain["responses"]["utter_care_team_contact"][0]["text"]


async def test_without_one_it_says_no_staff_is_behind_it(unconfigured, dispatcher, domain):
    await ActionHumanContact().run(dispatcher, tracker_after("human_contact", "get me a human"), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_no_staff"]
    assert "no staff behind it" in domain["responses"]["utter_no_staff"][0]["text"]


async def test_a_second_miss_in_a_row_offers_the_care_team(configured, dispatcher, domain):
    await ActionDefaultFallback().run(dispatcher, second_miss(), domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_default", "utter_ask_a_provider", "utter_care_team_contact",
    ]


async def test_a_second_miss_without_a_care_team_stays_as_it_was(unconfigured, dispatcher, domain):
    await ActionDefaultFallback().run(dispatcher, second_miss(), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_default", "utter_ask_a_provider"]


async def test_a_first_miss_does_not_offer_the_care_team(configured, dispatcher, domain):
    await ActionDefaultFallback().run(dispatcher, unsure("nash thing?", *UNSURE_RANKING), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_did_you_mean"]
