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

export class History {
  constructor(key, kind) {
    this.key = key;
    this.store = pickStore(kind);
    // The server issues the (signed) session id; null until it has.
    this.state = this.load() || { sessionId: null, messages: [] };
  }

  load() {
    if (!this.store) return null;
    try {
      const saved = JSON.parse(this.store.getItem(this.key));
      const id = saved && saved.sessionId;
      if (saved && (id === null || typeof id === "string") && Array.isArray(saved.messages)) return saved;
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

  /** Keeps the session id the server issued. */
  set sessionId(id) {
    this.state.sessionId = id;
    this.save();
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

  /** Forgets every message and the session id (the server issues the next one). */
  reset() {
    this.state = { sessionId: null, messages: [] };
    if (this.store) this.store.removeItem(this.key);
    this.save();
  }
}
