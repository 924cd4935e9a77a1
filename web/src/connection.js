// The Socket.IO link to Rasa's socketio channel (session_persistence: true): the widget
// chooses the session id, asks the server to join it, then sends user_uttered and
// receives bot_uttered. Reconnects by itself; tells the view when the server is unreachable.
import { io } from "socket.io-client";

export const USER_EVENT = "user_uttered";
export const BOT_EVENT = "bot_uttered";

export class Connection {
  /**
   * @param {object} options serverUrl, socketPath, token
   * @param {object} handlers onReady(), onMessage(data), onProblem(kind), onRefused()
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
      // Rasa's socketio channel reads the JWT from the handshake's auth.token.
      auth: token ? { token } : {},
      // Not read by Rasa: lets a proxy send each conversation to one replica (docs/deploy.md).
      query: { session_id: sessionId },
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10000,
      timeout: 10000,
    });
    this.socket.on("connect", () => this.requestSession());
    this.socket.on("session_confirm", (confirmed) => {
      if (confirmed !== this.sessionId) return; // an answer to a request made before a reset
      this.ready = true;
      this.handlers.onReady();
    });
    this.socket.on(BOT_EVENT, (data) => {
      if (this.ready) this.handlers.onMessage(data);
    });
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

  requestSession() {
    this.ready = false;
    this.socket.emit("session_request", { session_id: this.sessionId });
  }

  send(message) {
    if (!this.ready) return false;
    this.socket.emit(USER_EVENT, { message, session_id: this.sessionId });
    return true;
  }

  /** Sends a last message on the current session, then moves to a new one. */
  switchSession(lastMessage, nextSessionId) {
    const previous = this.sessionId;
    this.sessionId = nextSessionId;
    this.ready = false;
    if (!this.socket) return;
    // Sending needs no room, only the session id; socket.io queues it until connected.
    if (lastMessage) this.socket.emit(USER_EVENT, { message: lastMessage, session_id: previous });
    this.socket.io.opts.query = { session_id: nextSessionId }; // used from the next connect
    if (this.socket.connected) {
      // A new socket leaves the old session's room, so its replies never reach the new
      // chat. Packets go out in order: the last message leaves before the disconnect.
      this.socket.disconnect();
      this.socket.connect();
    }
  }

  retry() {
    if (!this.socket) return;
    this.socket.disconnect();
    this.socket.connect();
  }
}
