// The chat widget: ties the view, the stored history and the Socket.IO connection together.
import { Connection } from "./connection.js";
import { History } from "./storage.js";
import { buildView, messageNode } from "./view.js";
import { STYLES } from "./styles.js";

// Sent by "Clear conversation" after its confirm step: the assistant deletes the current
// session's conversation at once and answers with a reply marked conversation_deleted.
export const FORGET_MESSAGE = "/confirm_forget_me";
// Bot messages that arrive this close together are one reply: the typing dots stay on.
const QUIET_AFTER_REPLY_MS = 1200;

const PROBLEMS = {
  unreachable: "Can't reach the assistant right now. Check your internet connection, then press Retry.",
  disconnected: "The connection to the assistant was lost. Trying to reconnect…",
  refused: "The assistant refused the connection: this page is not allowed to use it, or its sign-in has expired. Reload the page to try again.",
  timeout: "No reply yet. The assistant may be busy or offline. Press Retry to send your message again.",
  forget_failed: "The conversation could not be deleted right now, so it is kept. Please try again later.",
  refused_message: "The assistant did not accept that message. Reload the page and try again.",
};

/** A bot_uttered payload from Rasa's socketio channel as a message to show and keep. */
export function botMessage(data) {
  const message = { from: "bot", text: "" };
  if (!data || typeof data !== "object") return message;
  if (typeof data.text === "string") message.text = data.text;
  const choices = data.quick_replies || data.buttons;
  if (Array.isArray(choices)) {
    message.buttons = choices
      .filter((choice) => choice && typeof choice.title === "string")
      .map((choice) => ({ title: choice.title, payload: String(choice.payload ?? choice.title) }));
  }
  const src = data.attachment && data.attachment.payload && data.attachment.payload.src;
  if (typeof src === "string" && /^https?:\/\//i.test(src)) message.image = src;
  return message;
}

export class ChatWidget {
  constructor(host, options) {
    this.options = options;
    this.shadow = host.attachShadow({ mode: "open" });
    this.applyStyles();
    this.view = buildView(this.shadow, options.title);
    this.history = new History(options.storageKey, options.storage);
    this.connection = new Connection(options, {
      onSession: (id) => (this.history.sessionId = id),
      onReady: () => this.onReady(),
      onMessage: (data) => this.onBotMessage(data),
      onProblem: (kind) => this.showProblem(kind),
      onRefused: () => this.showProblem("refused", false),
    });
    this.pending = [];
    this.lastSent = null;
    this.forgetting = false;
    this.timers = {};
    this.bindEvents();
    this.renderHistory();
    if (options.open) this.open();
  }

  applyStyles() {
    if ("adoptedStyleSheets" in this.shadow && typeof CSSStyleSheet === "function") {
      // A constructed sheet needs no inline style permission in the host page's CSP.
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLES);
      this.shadow.adoptedStyleSheets = [sheet];
    } else {
      const style = document.createElement("style");
      style.textContent = STYLES;
      this.shadow.append(style);
    }
  }

  bindEvents() {
    const { launcher, close, clear, confirm, deleteButton, keepButton, form, input, retry, panel } = this.view;
    launcher.addEventListener("click", () => (panel.hidden ? this.open() : this.close()));
    close.addEventListener("click", () => this.close());
    clear.addEventListener("click", () => (confirm.hidden ? this.forgetConversation() : this.keepConversation()));
    deleteButton.addEventListener("click", () => this.deleteConversation());
    keepButton.addEventListener("click", () => this.keepConversation());
    confirm.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.stopPropagation(); // Escape here keeps the conversation, the panel stays open
        this.keepConversation();
      }
    });
    retry.addEventListener("click", () => this.retry());
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      input.value = "";
      this.say(text, text);
    });
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.stopPropagation();
        this.close();
      }
    });
  }

  open() {
    const { panel, launcher, input } = this.view;
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    this.view.launcher.classList.add("li-open");
    this.connection.open(this.history.sessionId);
    this.scrollToEnd();
    input.focus();
  }

  close() {
    const { panel, launcher } = this.view;
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.classList.remove("li-open");
    launcher.focus();
  }

  renderHistory() {
    this.view.log.replaceChildren();
    if (!this.history.messages.length) {
      this.history.add({ from: "bot", kind: "notice", text: this.options.disclaimer });
    }
    this.history.messages.forEach((message, index) => this.show(message, index));
  }

  show(message, index) {
    const node = messageNode(message, this.options.title, (choice) => {
      this.history.markUsed(index);
      this.say(choice.title, choice.payload);
      this.view.input.focus();
    });
    this.view.log.append(node);
    this.scrollToEnd();
  }

  record(message) {
    this.show(message, this.history.add(message));
  }

  /** Shows what the person chose or typed, and sends the payload (the same for typed text). */
  say(shown, payload) {
    this.record({ from: "user", text: shown });
    this.lastSent = payload;
    if (this.connection.send(payload)) this.waitForReply();
    else {
      this.pending.push(payload);
      this.connection.open(this.history.sessionId);
    }
  }

  onReady() {
    this.hideProblem();
    const pending = this.pending.splice(0);
    for (const payload of pending) this.connection.send(payload);
    if (pending.length) this.waitForReply();
  }

  onBotMessage(data) {
    if (this.forgetting) {
      this.onForgetReply(data);
      return;
    }
    const message = botMessage(data);
    if (!message.text && !message.buttons && !message.image) return;
    this.record(message);
    this.hideProblem();
    clearTimeout(this.timers.reply);
    clearTimeout(this.timers.quiet);
    this.timers.quiet = setTimeout(() => this.setTyping(false), QUIET_AFTER_REPLY_MS);
  }

  waitForReply() {
    this.setTyping(true);
    clearTimeout(this.timers.reply);
    this.timers.reply = setTimeout(() => {
      this.setTyping(false);
      this.showProblem("timeout");
    }, this.options.replyTimeoutMs);
  }

  setTyping(on) {
    this.view.typing.hidden = !on;
    if (on) this.scrollToEnd();
  }

  showProblem(kind, canRetry = true) {
    const { status, statusText, retry } = this.view;
    this.setTyping(false);
    clearTimeout(this.timers.reply);
    statusText.textContent = PROBLEMS[kind];
    retry.hidden = !canRetry;
    status.hidden = false;
    status.dataset.problem = kind;
  }

  hideProblem() {
    const { status, statusText } = this.view;
    status.hidden = true;
    statusText.textContent = "";
    delete status.dataset.problem;
  }

  retry() {
    const timedOut = this.view.status.dataset.problem === "timeout";
    this.hideProblem();
    if (timedOut && this.lastSent && !this.pending.length) this.pending.push(this.lastSent);
    if (this.connection.ready && this.pending.length) this.onReady();
    else this.connection.retry();
  }

  /** "Clear conversation", step 1: the inline confirm step (Delete / Keep). */
  forgetConversation() {
    const { confirm, clear, keepButton } = this.view;
    if (this.forgetting) return;
    confirm.hidden = false;
    clear.setAttribute("aria-expanded", "true");
    keepButton.focus();
  }

  keepConversation() {
    const { confirm, clear } = this.view;
    confirm.hidden = true;
    clear.setAttribute("aria-expanded", "false");
    clear.focus();
  }

  /**
   * Step 2, Delete: asks the assistant to delete the current session's conversation and
   * waits for its answer. Only the marked confirmation clears the history here; an
   * apology, no connection or no answer in time keeps it and says so.
   */
  deleteConversation() {
    const { confirm, clear } = this.view;
    confirm.hidden = true;
    clear.setAttribute("aria-expanded", "false");
    this.hideProblem();
    if (!this.history.sessionId) {
      this.forgotten(null); // nothing was ever sent: nothing to delete on the server
      return;
    }
    if (!this.connection.send(FORGET_MESSAGE)) {
      this.showProblem("forget_failed", false);
      return;
    }
    this.forgetting = true;
    clearTimeout(this.timers.reply);
    this.setTyping(true);
    this.timers.forget = setTimeout(() => this.forgetFailed(), this.options.replyTimeoutMs);
  }

  onForgetReply(data) {
    this.forgetting = false;
    clearTimeout(this.timers.forget);
    if (data && data.conversation_deleted === true) {
      this.forgotten(data);
      return;
    }
    // The apology (the action server or the database is down): the history stays.
    const message = botMessage(data);
    if (message.text || message.buttons) this.record(message);
    this.showProblem("forget_failed", false);
  }

  forgetFailed() {
    this.forgetting = false;
    this.showProblem("forget_failed", false);
  }

  /** The server deleted the conversation: a new session, the history gone but its notice. */
  forgotten(confirmation) {
    this.setTyping(false);
    this.pending = [];
    this.lastSent = null;
    this.history.reset();
    this.renderHistory();
    if (confirmation) this.record(botMessage(confirmation));
    this.connection.newSession();
    this.view.input.focus();
  }

  scrollToEnd() {
    const { log } = this.view;
    log.scrollTop = log.scrollHeight;
  }
}
