// The widget's DOM: a launcher button, a dialog panel with a message log, a typing
// indicator, a status line for connection problems, and the message form. Built with
// DOM calls only; text from people is set with textContent and never parsed as HTML.
import { renderMarkdown } from "./markdown.js";

export const MAX_MESSAGE_CHARS = 1000;

function el(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") node.textContent = value;
    else if (value === true) node.setAttribute(name, "");
    else if (value !== false && value != null) node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

export function buildView(root, title) {
  const launcher = el("button", {
    type: "button",
    class: "li-launcher",
    "aria-expanded": "false",
    "aria-controls": "li-panel",
    text: `Chat with ${title}`,
  });
  const heading = el("h2", { id: "li-title", class: "li-title", text: title });
  const clear = el("button", {
    type: "button",
    class: "li-clear",
    "aria-expanded": "false",
    "aria-controls": "li-confirm",
    text: "Clear conversation",
  });
  const close = el("button", { type: "button", class: "li-close", "aria-label": "Close chat", text: "×" });
  // The inline confirm step of "Clear conversation": a group named by its question.
  const deleteButton = el("button", { type: "button", class: "li-delete", text: "Delete" });
  const keepButton = el("button", { type: "button", class: "li-keep", text: "Keep" });
  const confirm = el("div", { id: "li-confirm", class: "li-confirm", role: "group", "aria-labelledby": "li-confirm-text", hidden: true }, [
    el("p", { id: "li-confirm-text", class: "li-confirm-text", text: "Delete this whole conversation, here and on the server? This cannot be undone." }),
    deleteButton,
    keepButton,
  ]);
  const log = el("div", {
    class: "li-log",
    role: "log",
    "aria-live": "polite",
    "aria-relevant": "additions",
    "aria-labelledby": "li-title",
    tabindex: "0",
  });
  const typing = el("div", { class: "li-typing", hidden: true }, [
    el("span", { class: "li-sr", text: `${title} is typing` }),
    el("span", { class: "li-dots", "aria-hidden": "true" }, [el("span"), el("span"), el("span")]),
  ]);
  const statusText = el("p", { class: "li-status-text", role: "alert" });
  const retry = el("button", { type: "button", class: "li-retry", hidden: true, text: "Retry" });
  const status = el("div", { class: "li-status", hidden: true }, [statusText, retry]);
  const input = el("input", {
    id: "li-input",
    class: "li-input",
    type: "text",
    maxlength: String(MAX_MESSAGE_CHARS),
    autocomplete: "off",
    "aria-describedby": "li-limit",
    placeholder: "Type your question",
  });
  const limit = el("span", { id: "li-limit", class: "li-sr", text: `Up to ${MAX_MESSAGE_CHARS} characters.` });
  const send = el("button", { type: "submit", class: "li-send", text: "Send" });
  const form = el("form", { class: "li-form" }, [
    el("label", { for: "li-input", class: "li-sr", text: "Your message" }),
    input,
    limit,
    send,
  ]);
  const panel = el("section", { id: "li-panel", class: "li-panel", role: "dialog", "aria-labelledby": "li-title", hidden: true }, [
    el("div", { class: "li-header" }, [heading, clear, close]),
    confirm,
    log,
    typing,
    status,
    form,
  ]);
  root.append(launcher, panel);
  return { launcher, panel, clear, confirm, deleteButton, keepButton, close, log, typing, status, statusText, retry, form, input, send };
}

// "Was this helpful?" (utter_ask_helpful in domain.yml): its two buttons are thumbs, named
// for screen readers. The payloads are the assistant's vote intents.
const VOTES = {
  "/helpful": { label: "Yes, this was helpful", direction: "up" },
  "/not_helpful": { label: "No, this was not helpful", direction: "down" },
};
// A thumb (Material Icons' thumb_up, Apache-2.0); the down thumb is the same, turned over.
const THUMB_PATH = "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z";
const SVG = "http://www.w3.org/2000/svg";

function voteButton(vote, used) {
  const button = el("button", {
    type: "button",
    class: `li-choice li-vote li-vote-${vote.direction}`,
    "aria-label": vote.label,
    title: vote.label,
    disabled: used,
  });
  const icon = document.createElementNS(SVG, "svg");
  icon.setAttribute("viewBox", "0 0 24 24");
  icon.setAttribute("aria-hidden", "true");
  icon.setAttribute("focusable", "false");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", THUMB_PATH);
  icon.append(path);
  button.append(icon);
  return button;
}

/** One message in the log; bot text gets the markdown subset, user text stays text. */
export function messageNode(message, title, onChoose) {
  const fromUser = message.from === "user";
  const node = el("div", { class: `li-message ${fromUser ? "li-user" : "li-bot"}` }, [
    el("span", { class: "li-sr", text: fromUser ? "You said: " : `${title} said: ` }),
  ]);
  if (message.kind === "notice") node.classList.add("li-notice");
  if (message.text) {
    const body = el("div", { class: "li-text" });
    if (fromUser) body.textContent = message.text;
    else body.innerHTML = renderMarkdown(message.text);
    node.append(body);
  }
  if (message.image) {
    node.append(el("img", { class: "li-image", src: message.image, alt: "Image sent by the assistant" }));
  }
  if (message.buttons && message.buttons.length) {
    const isVote = message.buttons.every((choice) => VOTES[choice.payload]);
    const group = el("div", {
      class: isVote ? "li-choices li-votes" : "li-choices",
      role: "group",
      "aria-label": isVote ? "Was this helpful?" : "Suggested replies",
    });
    for (const choice of message.buttons) {
      const button = isVote
        ? voteButton(VOTES[choice.payload], !!message.used)
        : el("button", { type: "button", class: "li-choice", text: choice.title, disabled: !!message.used });
      button.addEventListener("click", () => {
        for (const other of group.querySelectorAll("button")) other.disabled = true;
        onChoose(choice);
      });
      group.append(button);
    }
    node.append(group);
  }
  return node;
}
