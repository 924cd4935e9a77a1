// The conversation key in nginx's access log as a keyed hash (HMAC-SHA256, 16 hex digits):
// the lines of one conversation can still be followed, but the log holds neither a
// socket's session id (a credential) nor an id a client chose (it may be a name or a
// phone number, which an unkeyed hash would not hide). The key comes from
// NGINX_LOG_HASH_KEY through the template ($conversation_log_key).
var crypto = require("crypto");

function keyHash(r) {
  var key = r.variables.conversation_key || "";
  return crypto.createHmac("sha256", r.variables.conversation_log_key).update(key).digest("hex").slice(0, 16);
}

export default { keyHash };
