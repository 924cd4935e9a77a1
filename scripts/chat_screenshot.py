"""Render a real conversation with the running assistant to docs/conversation.png.

Usage (with `make run` going in another terminal):
    .venv/bin/python scripts/chat_screenshot.py [--url http://localhost:5005]
Needs Chromium (Debian package `chromium`). The README shows the picture.
"""

from __future__ import annotations

import argparse
import html
import subprocess
import tempfile
import uuid
from pathlib import Path

import requests

QUESTIONS = ["whats the difference between nafld and nash", "/weight_loss_target"]
OUT = Path(__file__).resolve().parent.parent / "docs" / "conversation.png"
STYLE = """
body { font: 15px/1.45 "DejaVu Sans", sans-serif; background: #eef2f5; margin: 0; padding: 24px; }
.chat { max-width: 720px; margin: auto; background: #fff; border-radius: 12px; padding: 16px 20px;
        box-shadow: 0 2px 10px rgba(0,0,0,.12); }
h1 { font-size: 17px; margin: 0 0 12px; color: #1d4f73; }
.msg { margin: 8px 0; padding: 9px 13px; border-radius: 14px; max-width: 85%; white-space: pre-wrap; }
.bot { background: #f1f4f7; color: #17212b; }
.user { background: #1d6fa5; color: #fff; margin-left: auto; width: fit-content; }
.buttons button { margin: 4px 6px 0 0; padding: 6px 12px; border: 1px solid #1d6fa5; color: #1d6fa5;
                  background: #fff; border-radius: 16px; font: inherit; }
"""


def bubble(kind: str, text: str, buttons=()) -> str:
    extra = "".join(f"<button>{html.escape(b['title'])}</button>" for b in buttons)
    extra = f'<div class="buttons">{extra}</div>' if extra else ""
    return f'<div class="msg {kind}">{html.escape(text)}{extra}</div>'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://localhost:5005")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    sender, parts = f"screenshot-{uuid.uuid4().hex[:8]}", []
    for question in QUESTIONS:
        replies = requests.post(
            f"{args.url}/webhooks/rest/webhook",
            json={"sender": sender, "message": question},
            timeout=60,
        ).json()
        shown = question if not question.startswith("/") else question[1:].replace("_", " ")
        parts.append(bubble("user", shown))
        parts += [bubble("bot", r.get("text", ""), r.get("buttons", [])) for r in replies]
    page = (
        f"<!doctype html><meta charset=utf-8><style>{STYLE}</style>"
        f'<div class="chat"><h1>Liver Insight assistant</h1>{"".join(parts)}</div>'
    )
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "chat.html"
        source.write_text(page, encoding="utf-8")
        subprocess.run(
            [
                "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={tmp}/profile", "--hide-scrollbars", "--window-size=800,1520",
                f"--screenshot={args.out}", source.as_uri(),
            ],
            check=True, capture_output=True, timeout=120,
        )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
