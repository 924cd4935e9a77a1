"""Replies shaped for what each messaging channel can show. Pure functions, no I/O.

The answers in content/ are written in a small Markdown subset: paragraphs, **bold**,
"- " bullet lists and [links](https://...). Each channel renders a different part of it,
so the channel modules turn it into that channel's markup, split it under the channel's
size limit and, where a channel cannot show buttons, list them as numbered options.
"""

from __future__ import annotations

import html
import re
from typing import Any, Callable, Dict, List, Sequence

Render = Callable[[str], str]

BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.DOTALL)
LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")
BULLET = re.compile(r"^([ \t]*)[-*][ \t]+", re.MULTILINE)
BULLET_MARK = "• "
ELLIPSIS = "…"

# Where a long reply may be broken, from the best place to the last resort.
SENTENCE_END = re.compile(r"(?<=[.!?])[ \t]+")
SEPARATORS = ("\n\n", "\n", SENTENCE_END, " ")

NUMBER_PROMPT = "Reply with a number."
# The services want text in every message: the text of one that only carries buttons.
BUTTONS_ONLY_TEXT = "Choose one:"
# Stands for a link while a text is split (a character no message holds).
LINK_MARK = "\x00"
HIDDEN_LINK = re.compile(r"\x00(\d+)\x00")


def _bullets(text: str) -> str:
    return BULLET.sub(lambda match: match.group(1) + BULLET_MARK, text)


def to_plain(text: str) -> str:
    """For channels that show text as it is (Messenger, SMS): no markup characters."""
    text = LINK.sub(r"\1 (\2)", text)
    text = BOLD.sub(r"\1", text)
    return _bullets(text)


def to_whatsapp(text: str) -> str:
    """WhatsApp shows *bold*; links are shown as plain URLs."""
    text = LINK.sub(r"\1 (\2)", text)
    text = BOLD.sub(r"*\1*", text)
    return _bullets(text)


def to_slack_mrkdwn(text: str) -> str:
    """Slack mrkdwn: *bold*, <url|label>; &, < and > must be escaped."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = LINK.sub(r"<\2|\1>", text)
    text = BOLD.sub(r"*\1*", text)
    return _bullets(text)


def _telegram_link(match: "re.Match[str]") -> str:
    # The URL was escaped with the rest of the text; only the attribute's quote is left.
    url = match.group(2).replace('"', "&quot;")
    return f'<a href="{url}">{match.group(1)}</a>'


def to_telegram_html(text: str) -> str:
    """Telegram's HTML parse mode: easier to escape safely than MarkdownV2."""
    text = html.escape(text, quote=False)
    text = LINK.sub(_telegram_link, text)
    text = BOLD.sub(r"<b>\1</b>", text)
    return _bullets(text)


def split_text(text: str, limit: int, render: Render = str) -> List[str]:
    """The text rendered in chunks of at most `limit` characters each.

    Breaks between paragraphs if it can, else between lines, sentences, words, and only
    as a last resort inside a word. Chunks keep their order; empty chunks are dropped.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    text = text.strip()
    if not text:
        return []
    # A link is never split: its label may hold spaces and full stops ("et al. 2023").
    links: List[str] = []

    def hide(match: "re.Match[str]") -> str:
        links.append(match.group(0))
        return f"{LINK_MARK}{len(links) - 1}{LINK_MARK}"

    def restore(chunk: str) -> str:
        return HIDDEN_LINK.sub(lambda match: links[int(match.group(1))], chunk)

    hidden = LINK.sub(hide, text)
    chunks = _chunks(hidden, limit, lambda chunk: render(restore(chunk)), 0, restore)
    return [chunk if isinstance(chunk, Rendered) else render(restore(chunk)) for chunk in chunks]


class Rendered(str):
    """A chunk already in the channel's markup (a cut link), not to be rendered again."""


def _fits(text: str, limit: int, render: Render) -> bool:
    return len(render(text)) <= limit


def _pieces(text: str, level: int) -> List[str]:
    separator = SEPARATORS[level]
    if isinstance(separator, str):
        parts = text.split(separator)
    else:
        parts = separator.split(text)
    return [part.strip() for part in parts if part.strip()]


def _joiner(level: int) -> str:
    separator = SEPARATORS[level]
    return separator if isinstance(separator, str) else " "


def _chunks(
    text: str, limit: int, render: Render, level: int, restore: Render = str
) -> List[str]:
    if _fits(text, limit, render):
        return [text]
    if level == len(SEPARATORS):
        if HIDDEN_LINK.search(text):
            # A link longer than the whole limit: its rendered form is cut as it is.
            rendered = render(restore(text))
            return [Rendered(rendered[at : at + limit]) for at in range(0, len(rendered), limit)]
        return _hard_cut(text, limit, render)
    joiner = _joiner(level)
    chunks: List[str] = []
    current = ""
    for piece in _pieces(text, level):
        candidate = f"{current}{joiner}{piece}" if current else piece
        if _fits(candidate, limit, render):
            current = candidate
            continue
        if current:
            chunks.append(current)
        if _fits(piece, limit, render):
            current = piece
        else:
            chunks.extend(_chunks(piece, limit, render, level + 1, restore))
            current = ""
    if current:
        chunks.append(current)
    return chunks


def _hard_cut(text: str, limit: int, render: Render) -> List[str]:
    chunks = []
    while text:
        size = min(limit, len(text))
        while size > 1 and not _fits(text[:size], limit, render):
            # Markup can make the rendered text longer: shrink by the overshoot.
            size -= max(1, len(render(text[:size])) - limit)
        chunks.append(text[:size])
        text = text[size:]
    return chunks


def shorten(title: str, max_chars: int) -> str:
    """A button title cut to a channel's limit, marked with an ellipsis when cut."""
    title = " ".join(title.split())
    if len(title) <= max_chars:
        return title
    return title[: max_chars - 1].rstrip() + ELLIPSIS


def option_number(button: Dict[str, Any], position: int) -> int:
    """The number a button is chosen by: its number in the turn, else its position."""
    return int(button.get("number") or position)


def with_numbered_options(text: str, buttons: Sequence[Dict[str, str]]) -> str:
    """The text followed by the buttons as a numbered list, for channels without buttons.

    The numbers follow the order of the buttons, which is how a reply like "2" is mapped
    back to the second button's payload (see server.channels.numbered_replies); a button
    numbered in its turn keeps its `number` (after "Was this helpful?", the next steps
    start at 3).
    """
    options = "\n".join(
        f"{option_number(button, position)}. {button.get('title', '')}"
        for position, button in enumerate(buttons, 1)
    )
    parts = [part for part in (text.strip(), options, NUMBER_PROMPT) if part]
    return "\n\n".join(parts)
