"""actions/topic_library.py: every topic file read once per process, and the menu's group buttons."""

from actions.topic_library import all_topics, group_buttons
from common import content
from common.content import GROUPS, load_topics


def test_all_topics_are_the_topic_files_by_id():
    topics = all_topics()
    assert topics == load_topics()
    assert len(topics) == len(list(content.CONTENT_DIR.glob("*.yml")))
    assert all(topic_id == topic.path.stem for topic_id, topic in topics.items())


def test_the_files_are_read_once_per_process(monkeypatch, tmp_path):
    first = all_topics()
    # Another content folder (here an empty one) is not read: the first load is kept.
    monkeypatch.setattr(content, "CONTENT_DIR", tmp_path)
    assert all_topics() is first


def test_one_group_button_per_group_with_topics_in_menu_order():
    buttons = group_buttons()
    used = {topic.group for topic in all_topics().values()}
    assert [button["title"] for button in buttons] == [GROUPS[group] for group in GROUPS if group in used]
    assert [button["payload"] for button in buttons] == [f"/menu_{group}" for group in GROUPS if group in used]
    assert len(buttons) == len(GROUPS), "every group of the menu has topics"
