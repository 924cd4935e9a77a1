"""The care team's contact from the deployer's three settings."""

from common.care_team import contact_lines


def test_no_setting_means_no_contact():
    assert contact_lines({}) == []
    assert contact_lines({"CARE_TEAM_PHONE": "  ", "CARE_TEAM_URL": ""}) == []


def test_each_configured_way_gets_a_line():
    assert contact_lines({
        "CARE_TEAM_PHONE": "+1 555 0100", "CARE_TEAM_URL": "https://clinic.example/contact",
        "CARE_TEAM_HOURS": "Mon-Fri 9am-5pm",
    }) == ["- Phone: +1 555 0100", "- Web: https://clinic.example/contact", "- Open: Mon-Fri 9am-5pm"]


def test_opening_hours_alone_reach_no_one():
    assert contact_lines({"CARE_TEAM_HOURS": "Mon-Fri 9am-5pm"}) == []


def test_the_environment_is_read_when_no_mapping_is_given(monkeypatch):
    monkeypatch.setenv("CARE_TEAM_URL", "https://clinic.example")
    monkeypatch.delenv("CARE_TEAM_PHONE", raising=False)
    assert contact_lines() == ["- Web: https://clinic.example"]
