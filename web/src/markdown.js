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

// A markdown link or a bare URL. Links are found in the raw text, once, and their parts
// escaped on their own: nothing made for one link is ever read again by another pattern,
// so link text or a URL inside a URL can never end up in an attribute.
const LINK = /\[([^\]]+)\]\((https?:\/\/[^\s)]+|mailto:[^\s)]+)\)|(https?:\/\/[^\s<>"')]*[^\s<>"').,;:!?])/g;

function emphasis(text) {
  return escapeHtml(text)
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*\w])\*([^*\s][^*]*)\*(?!\w)/g, "$1<em>$2</em>");
}

function link(href, label) {
  return `<a href="${escapeHtml(href)}">${label}</a>`;
}

function inline(text) {
  let html = "";
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const [whole, label, target, bare] = match;
    html += emphasis(text.slice(last, match.index));
    html += bare ? link(bare, escapeHtml(bare)) : link(target, emphasis(label));
    last = match.index + whole.length;
  }
  return html + emphasis(text.slice(last));
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
