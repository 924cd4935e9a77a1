"""action_show_topic_menu on real trackers."""

from actions.topic_library import all_topics
from actions.topic_menu import ActionShowTopicMenu
from addons.content import GROUPS
from tests.actions.conftest import tracker_after


async def test_help_shows_one_button_per_group(dispatcher, domain):
    await ActionShowTopicMenu().run(dispatcher, tracker_after("help", "help"), domain)

    (message,) = dispatcher.messages
    assert message["response"] == "utter_menu_intro"
    assert [button["title"] for button in message["buttons"]] == list(GROUPS.values())
    assert all(button["payload"].startswith("/help{") for button in message["buttons"])


async def test_picking_a_group_lists_its_topics(dispatcher, domain):
    entities = [{"entity": "menu_group", "value": "what_helps"}]
    tracker = tracker_after("help", '/help{"menu_group":"what_helps"}', entities=entities)

    await ActionShowTopicMenu().run(dispatcher, tracker, domain)

    (message,) = dispatcher.messages
    expected = [f"/{t.id}" for t in all_topics().values() if t.group == "what_helps"]
    assert [button["payload"] for button in message["buttons"]] == expected
    assert "exercise" in {payload[1:] for payload in expected}


async def test_every_topic_is_reachable_from_the_menu(dispatcher, domain):
    reachable = set()
    for group in GROUPS:
        dispatcher.messages.clear()
        entities = [{"entity": "menu_group", "value": group}]
        await ActionShowTopicMenu().run(dispatcher, tracker_after("help", "", entities), domain)
        reachable |= {button["payload"][1:] for button in dispatcher.messages[0]["buttons"]}
    assert reachable == set(all_topics())


async def test_an_unknown_group_falls_back_to_the_groups(dispatcher, domain):
    entities = [{"entity": "menu_group", "value": "no_such_group"}]
    await ActionShowTopicMenu().run(dispatcher, tracker_after("help", "", entities), domain)

    assert dispatcher.messages[0]["response"] == "utter_menu_intro"


async def test_out_of_scope_says_what_it_covers(dispatcher, domain):
    await ActionShowTopicMenu().run(
        dispatcher, tracker_after("out_of_scope", "tell me a joke"), domain
    )

    assert dispatcher.messages[0]["response"] == "utter_out_of_scope"
    assert dispatcher.messages[0]["buttons"]
