"""The per-channel markup, splitting and numbered options, on literal examples and on every answer."""

from __future__ import annotations

import pytest

from server.channels.formatting import (
    shorten,
    split_text,
    to_plain,
    to_slack_mrkdwn,
    to_telegram_html,
    to_whatsapp,
    with_numbered_options,
)
from common.content import load_topics

SAMPLE = "Try this:\n\n- **Walk daily.** See [NIDDK](https://www.niddk.nih.gov/a?b=1&c=2).\n- Sleep <7 h? Fix it."


def test_plain_drops_markup_and_keeps_links_readable():
    assert to_plain(SAMPLE) == (
        "Try this:\n\n• Walk daily. See NIDDK (https://www.niddk.nih.gov/a?b=1&c=2).\n• Sleep <7 h? Fix it."
    )


def test_whatsapp_bold_is_single_asterisks():
    assert to_whatsapp(SAMPLE) == (
        "Try this:\n\n• *Walk daily.* See NIDDK (https://www.niddk.nih.gov/a?b=1&c=2).\n• Sleep <7 h? Fix it."
    )


def test_slack_escapes_then_marks_up():
    assert to_slack_mrkdwn(SAMPLE) == (
        "Try this:\n\n• *Walk daily.* See <https://www.niddk.nih.gov/a?b=1&amp;c=2|NIDDK>.\n• Sleep &lt;7 h? Fix it."
    )


def test_telegram_html_escapes_then_marks_up():
    assert to_telegram_html(SAMPLE) == (
        'Try this:\n\n• <b>Walk daily.</b> See <a href="https://www.niddk.nih.gov/a?b=1&amp;c=2">NIDDK</a>.'
        "\n• Sleep &lt;7 h? Fix it."
    )


def test_a_lone_double_asterisk_is_left_as_it_is():
    assert to_plain("2 ** 3 is 8") == "2 ** 3 is 8"
    assert to_telegram_html("a **b") == "a **b"


def test_short_text_is_one_chunk():
    assert split_text("  One line.  ", 100) == ["One line."]
    assert split_text("   ", 100) == []


def test_split_prefers_paragraphs_then_lines_then_sentences_then_words():
    text = "First paragraph.\n\nSecond one here.\nIts second line.\n\nThird. Has two sentences."
    assert split_text(text, 40) == [
        "First paragraph.",
        "Second one here.\nIts second line.",
        "Third. Has two sentences.",
    ]
    assert split_text("Line one is here.\nLine two is here.", 20) == [
        "Line one is here.",
        "Line two is here.",
    ]
    assert split_text("One two. Three four!", 12) == ["One two.", "Three four!"]
    assert split_text("aaaa bbbb cccc dddd", 9) == ["aaaa bbbb", "cccc dddd"]
    assert split_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_a_link_is_never_split_inside_its_label():
    text = "Read this. [Rinella et al. A study, 2023](https://doi.org/10.1/x) and more words here."
    chunks = split_text(text, 60, to_plain)
    assert any("Rinella et al. A study, 2023 (https://doi.org/10.1/x)" in chunk for chunk in chunks)


def test_split_measures_the_rendered_text():
    # "&" becomes "&amp;" in Telegram HTML: the limit applies to what is sent.
    chunks = split_text("& & & & & & & &", 12, to_telegram_html)
    assert all(len(chunk) <= 12 for chunk in chunks)
    assert " ".join(chunks).count("&amp;") == 8


@pytest.mark.parametrize("limit", [160, 700, 1600, 2000, 3000, 4096])
@pytest.mark.parametrize("render", [to_plain, to_whatsapp, to_slack_mrkdwn, to_telegram_html])
def test_every_answer_splits_under_each_limit_and_loses_no_word(limit, render):
    for topic in load_topics().values():
        text = f"{topic.answer}\n\n{topic.sources_line}"
        chunks = split_text(text, limit, render)
        assert all(0 < len(chunk) <= limit for chunk in chunks), topic.id
        # Nothing lost, in order (a link longer than the limit is cut mid-word).
        assert "".join("".join(chunks).split()) == "".join(render(text).split()), topic.id
        if limit >= 1600:
            assert " ".join(chunks).split() == render(text).split(), topic.id


def test_every_answer_renders_without_markdown_left():
    for topic in load_topics().values():
        for render in (to_plain, to_whatsapp, to_slack_mrkdwn, to_telegram_html):
            assert "**" not in render(topic.answer), (topic.id, render.__name__)


def test_numbered_options_follow_the_button_order():
    buttons = [{"title": "Diet", "payload": "/diet"}, {"title": "Sleep", "payload": "/sleep"}]
    assert (
        with_numbered_options("Read next:", buttons)
        == "Read next:\n\n1. Diet\n2. Sleep\n\nReply with a number."
    )

    # Numbered in the assistant's turn: after the vote's 1 and 2, the next steps go on from 3.
    numbered = [{**button, "number": number} for button, number in zip(buttons, (3, 4))]
    assert with_numbered_options("Read next:", numbered).startswith("Read next:\n\n3. Diet\n4. Sleep")


def test_shorten_marks_a_cut_title():
    assert shorten("What to eat for fatty liver", 20) == "What to eat for fat…"
    assert len(shorten("What to eat for fatty liver", 20)) == 20
    assert shorten("Short", 20) == "Short"
