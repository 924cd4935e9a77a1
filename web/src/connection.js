// The Socket.IO link to the assistant's socketio channel. The server issues each session id,
// signed; the widget keeps it and asks for it again on every connect, so a reload continues
// the conversation. Then it sends user_uttered and receives bot_uttered. Reconnects by
// itself; tells the view when the server is unreachable.
import { io } from "socket.io-client";

export const USER_EVENT = "user_uttered";
export const BOT_EVENT = "bot_uttered";

export class Connection {
  /**
   * @param {object} options serverUrl, socketPath, token
   * @param {object} handlers onSession(id), onReady(), onMessage(data), onProblem(kind), onRefused()
   */
  constructor(options, handlers) {
    this.options = options;
    this.handlers = handlers;
    this.sessionId = null;
    this.ready = false;
    this.socket = null;
  }

  open(sessionId) {
    this.sessionId = sessionId;
    if (this.socket) return;
    const { serverUrl, socketPath, token } = this.options;
    this.socket = io(serverUrl, {
      path: socketPath,
      // WebSocket only: the origin check happens on the upgrade and no polling fallback
      // needs cross-origin XHR.
      transports: ["websocket"],
      // The channel reads the JWT from the handshake's auth.token.
      auth: token ? { token } : {},
      // Not read by the channel: lets a proxy send each conversation to one replica.
      query: this.routingQuery(),
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10000,
      timeout: 10000,
    });
    this.socket.on("connect", () => this.requestSession());
    this.socket.on("session_confirm", (issued) => {
      if (typeof issued !== "string" || !issued) return;
      this.sessionId = issued;
      this.socket.io.opts.query = this.routingQuery(); // for the next connect
      this.ready = true;
      this.handlers.onSession(issued);
      this.handlers.onReady();
    });
    this.socket.on(BOT_EVENT, (data) => {
      if (this.ready) this.handlers.onMessage(data);
    });
    // The channel refused a message or a session id (never the widget's own).
    this.socket.on("error", () => this.handlers.onProblem("refused_message"));
    this.socket.on("disconnect", (reason) => {
      this.ready = false;
      if (reason !== "io client disconnect") this.handlers.onProblem("disconnected");
    });
    this.socket.on("connect_error", () => {
      this.ready = false;
      // socket.active is false when the server refused the handshake (a missing or invalid
      // token): retrying on its own would not help.
      if (this.socket.active) this.handlers.onProblem("unreachable");
      else this.handlers.onRefused();
    });
  }

  routingQuery() {
    return this.sessionId ? { session_id: this.sessionId } : {};
  }

  /** Asks for the kept session (the server checks its signature) or, with none, a new one. */
  requestSession() {
    this.ready = false;
    this.socket.emit("session_request", { session_id: this.sessionId });
  }

  send(message) {
    if (!this.ready) return false;
    this.socket.emit(USER_EVENT, { message, session_id: this.sessionId });
    return true;
  }

  /** Leaves the current session for a new one the server issues. */
  newSession() {
    this.sessionId = null;
    if (this.socket && this.socket.connected) this.requestSession();
    else this.ready = false;
  }

  retry() {
    if (!this.socket) return;
    this.socket.disconnect();
    this.socket.connect();
  }
}
