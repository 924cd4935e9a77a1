// The widget's styles, applied inside its shadow root so the host page's CSS and the
// widget's cannot affect each other. Colours meet WCAG AA contrast on white.
export const STYLES = `
:host { all: initial; }
* { box-sizing: border-box; }
.li-sr {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0;
}
button { font: inherit; cursor: pointer; }
button:focus-visible, input:focus-visible, .li-log:focus-visible, a:focus-visible {
  outline: 3px solid #f5b400; outline-offset: 2px;
}
.li-launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  font-size: 16px; font-weight: 600; color: #fff; background: #0b5d50;
  border: 0; border-radius: 999px; padding: 14px 22px; min-height: 48px;
  box-shadow: 0 4px 14px rgba(0, 0, 0, .25);
}
.li-launcher:hover { background: #084a40; }
.li-panel {
  position: fixed; right: 20px; bottom: 88px; z-index: 2147483001;
  width: 380px; height: min(620px, calc(100vh - 108px));
  display: flex; flex-direction: column; overflow: hidden;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  font-size: 15px; line-height: 1.45; color: #1c1c1c; background: #fff;
  border-radius: 14px; box-shadow: 0 10px 32px rgba(0, 0, 0, .28);
  animation: li-rise .18s ease-out;
}
.li-panel[hidden] { display: none; }
@keyframes li-rise { from { opacity: 0; transform: translateY(12px); } to { opacity: 1; transform: none; } }
.li-header {
  display: flex; align-items: center; gap: 8px; padding: 10px 12px 10px 16px;
  background: #0b5d50; color: #fff;
}
.li-title { flex: 1; margin: 0; font-size: 17px; font-weight: 650; }
.li-clear, .li-close {
  color: #fff; background: transparent; border: 1px solid rgba(255, 255, 255, .7);
  border-radius: 8px; min-height: 36px; padding: 4px 10px; font-size: 14px;
}
.li-close { min-width: 36px; font-size: 22px; line-height: 1; padding: 0 8px; }
.li-clear:hover, .li-close:hover { background: rgba(255, 255, 255, .15); }
.li-confirm {
  display: flex; flex-wrap: wrap; align-items: center; gap: 8px; padding: 10px 12px;
  background: #fff8e1; color: #3d2f00; border-bottom: 1px solid #e0c46c; font-size: 14px;
}
.li-confirm[hidden] { display: none; }
.li-confirm-text { flex: 1 1 100%; margin: 0; }
.li-delete, .li-keep { border-radius: 8px; padding: 6px 14px; min-height: 36px; font-size: 14px; }
.li-delete { color: #fff; background: #a1281b; border: 0; }
.li-keep { color: #0b5d50; background: #fff; border: 2px solid #0b5d50; }
.li-log {
  flex: 1; overflow-y: auto; padding: 14px 12px; background: #f6f7f7;
  display: flex; flex-direction: column; gap: 8px; scroll-behavior: smooth;
}
.li-message { max-width: 88%; padding: 9px 12px; border-radius: 12px; overflow-wrap: anywhere; }
.li-bot { align-self: flex-start; background: #fff; border: 1px solid #d7dcdb; }
.li-user { align-self: flex-end; background: #0b5d50; color: #fff; white-space: pre-wrap; }
.li-notice { background: #fff8e1; border-color: #e0c46c; }
.li-text p { margin: 0 0 6px; }
.li-text p:last-child { margin-bottom: 0; }
.li-text ul, .li-text ol { margin: 4px 0 6px; padding-left: 20px; }
.li-text a { color: #0a4f8a; }
.li-image { max-width: 100%; border-radius: 8px; }
.li-choices { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.li-choice {
  color: #0b5d50; background: #fff; border: 2px solid #0b5d50; border-radius: 999px;
  padding: 6px 12px; min-height: 36px; font-size: 14px; text-align: left;
}
.li-choice:hover:not(:disabled) { background: #e3f1ee; }
.li-choice:disabled { cursor: default; color: #595959; border-color: #8a8a8a; background: #eee; }
.li-vote { display: inline-flex; align-items: center; justify-content: center; min-width: 44px; padding: 6px 10px; }
.li-vote svg { width: 20px; height: 20px; fill: currentColor; }
.li-vote-down svg { transform: scaleY(-1); }
.li-typing { padding: 4px 16px 8px; background: #f6f7f7; }
.li-typing[hidden] { display: none; }
.li-dots { display: inline-flex; gap: 4px; padding: 8px 12px; background: #fff; border: 1px solid #d7dcdb; border-radius: 12px; }
.li-dots span { width: 7px; height: 7px; border-radius: 50%; background: #555; animation: li-blink 1.2s infinite ease-in-out; }
.li-dots span:nth-child(2) { animation-delay: .2s; }
.li-dots span:nth-child(3) { animation-delay: .4s; }
@keyframes li-blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
.li-status {
  display: flex; align-items: center; gap: 10px; padding: 8px 12px;
  background: #fdecea; color: #7a1c12; border-top: 1px solid #f2b8b0; font-size: 14px;
}
.li-status[hidden] { display: none; }
.li-status-text { flex: 1; margin: 0; }
.li-retry { color: #fff; background: #a1281b; border: 0; border-radius: 8px; padding: 6px 14px; min-height: 36px; }
.li-retry[hidden] { display: none; }
.li-form { display: flex; gap: 8px; padding: 10px 12px; border-top: 1px solid #d7dcdb; background: #fff; }
.li-input {
  flex: 1; min-width: 0; font: inherit; font-size: 16px; color: #1c1c1c;
  padding: 10px 12px; border: 1px solid #767676; border-radius: 8px;
}
.li-input::placeholder { color: #6b6b6b; }
.li-send { color: #fff; background: #0b5d50; border: 0; border-radius: 8px; padding: 0 16px; min-height: 44px; font-weight: 600; }
.li-send:hover { background: #084a40; }
@media (max-width: 599px) {
  .li-panel { inset: 0; width: 100%; height: 100%; border-radius: 0; }
  .li-launcher.li-open { display: none; }
}
@media (prefers-reduced-motion: reduce) {
  .li-panel, .li-dots span { animation: none; }
  .li-dots span { opacity: .7; }
  .li-log { scroll-behavior: auto; }
}
`;
