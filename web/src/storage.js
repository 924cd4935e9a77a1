// The conversation kept in the browser so a page reload shows it again. Session storage by
// default: conversations are health data, and it is forgotten when the tab closes.
const MAX_MESSAGES = 200;

function pickStore(kind) {
  try {
    if (kind === "local") return window.localStorage;
    if (kind === "session") return window.sessionStorage;
  } catch (error) {
    // Storage can be blocked (private modes, sandboxed frames): keep the chat in memory.
  }
  return null;
}

export function newSessionId() {
  if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID().replace(/-/g, "");
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export class History {
  constructor(key, kind) {
    this.key = key;
    this.store = pickStore(kind);
    this.state = this.load() || { sessionId: newSessionId(), messages: [] };
  }

  load() {
    if (!this.store) return null;
    try {
      const saved = JSON.parse(this.store.getItem(this.key));
      if (saved && typeof saved.sessionId === "string" && Array.isArray(saved.messages)) return saved;
    } catch (error) {
      // A damaged entry is dropped and a new conversation starts.
    }
    return null;
  }

  save() {
    if (!this.store) return;
    this.state.messages = this.state.messages.slice(-MAX_MESSAGES);
    try {
      this.store.setItem(this.key, JSON.stringify(this.state));
    } catch (error) {
      // Full or blocked storage only costs the history after a reload.
    }
  }

  get sessionId() {
    return this.state.sessionId;
  }

  get messages() {
    return this.state.messages;
  }

  add(message) {
    this.state.messages.push(message);
    this.save();
    return this.state.messages.length - 1;
  }

  markUsed(index) {
    if (this.state.messages[index]) this.state.messages[index].used = true;
    this.save();
  }

  /** Forgets every message and starts a new session id. */
  reset() {
    this.state = { sessionId: newSessionId(), messages: [] };
    if (this.store) this.store.removeItem(this.key);
    this.save();
  }
}
