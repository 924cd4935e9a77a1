// The small markdown subset the assistant uses (bold, italics, lists, links, paragraphs),
// turned into HTML and then sanitised: the bot's text is escaped first, so only the tags
// made here can appear, and DOMPurify removes anything else as a second line of defence.
import DOMPurify from "dompurify";

const ALLOWED = {
  ALLOWED_TAGS: ["p", "br", "strong", "em", "ul", "ol", "li", "a"],
  ALLOWED_ATTR: ["href"],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
};

DOMPurify.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName === "A") {
    // Links open outside the chat and cannot reach back into the page.
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer");
  }
});

function escapeHtml(text) {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function inline(text) {
  return escapeHtml(text)
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+|mailto:[^\s)]+)\)/g, '<a href="$2">$1</a>')
    .replace(/(^|[\s(])(https?:\/\/[^\s<)]+[^\s<).,;:!?])/g, '$1<a href="$2">$2</a>')
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*\w])\*([^*\s][^*]*)\*(?!\w)/g, "$1<em>$2</em>");
}

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

/** HTML for one bot message: paragraphs, bullet and numbered lists, bold, links. */
export function renderMarkdown(text) {
  const html = [];
  let list = null;
  const closeList = () => {
    if (list) html.push(`</${list}>`);
    list = null;
  };
  for (const block of String(text).split(/\n{2,}/)) {
    for (const line of block.split("\n")) {
      const bullet = line.match(BULLET);
      const numbered = !bullet && line.match(NUMBERED);
      const kind = bullet ? "ul" : numbered ? "ol" : null;
      if (kind) {
        if (list !== kind) {
          closeList();
          html.push(`<${kind}>`);
          list = kind;
        }
        html.push(`<li>${inline((bullet || numbered)[1])}</li>`);
      } else if (line.trim()) {
        closeList();
        html.push(`<p>${inline(line.trim())}</p>`);
      }
    }
    closeList();
  }
  return DOMPurify.sanitize(html.join(""), ALLOWED);
}
