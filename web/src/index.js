// Entry point of the one-script-tag embed:
//   <script src="https://assistant.example.org/widget.js" data-server-url="https://rasa.example.org"></script>
// Options come from the tag's data-* attributes, or from LiverInsightChat.init({...}) when
// the tag has data-manual (a site that fetches a JWT first). See docs/widget.md.
import { ChatWidget } from "./widget.js";
import { renderMarkdown } from "./markdown.js";

const DEFAULTS = {
  serverUrl: "http://localhost:5005",
  socketPath: "/socket.io",
  title: "Liver Insight",
  token: "",
  storage: "session",
  open: false,
  replyTimeoutMs: 20000,
  disclaimer:
    "Hello! I answer questions about insulin resistance and fatty liver disease (MASLD). " +
    "**This is general education, not medical advice.** In an emergency, call your local " +
    "emergency number (911 in the US).",
};

function optionsFromTag(script) {
  if (!script) return {};
  const data = script.dataset;
  const options = {};
  for (const name of ["serverUrl", "socketPath", "title", "token", "storage", "disclaimer"]) {
    if (data[name]) options[name] = data[name];
  }
  if (data.open) options.open = data.open === "true";
  if (data.replyTimeoutMs) options.replyTimeoutMs = Number(data.replyTimeoutMs) || DEFAULTS.replyTimeoutMs;
  return options;
}

let widget = null;

function init(overrides = {}) {
  if (widget) return widget;
  const options = { ...DEFAULTS, ...optionsFromTag(currentScript), ...overrides };
  options.storageKey = `liver-insight-chat:${options.serverUrl}`;
  const host = document.createElement("div");
  host.id = "liver-insight-chat";
  document.body.append(host);
  widget = new ChatWidget(host, options);
  return widget;
}

const currentScript = document.currentScript;

window.LiverInsightChat = {
  init,
  open: () => init().open(),
  close: () => widget && widget.close(),
  forgetConversation: () => widget && widget.forgetConversation(),
  // The sanitised HTML a bot text becomes: for previewing content (and for the tests).
  renderMarkdown,
};

if (!currentScript || !("manual" in currentScript.dataset)) {
  if (document.body) init();
  else document.addEventListener("DOMContentLoaded", () => init());
}
