-- Single sign-ons (OpenID Connect) begun and not yet finished. In the store rather than in
-- one server's memory so that the provider may send the browser back to any server behind
-- the load balancer, and so that a state is used once (taken with DELETE ... RETURNING).
-- The state itself is kept only as a SHA-256, like session tokens.

CREATE TABLE pending_sign_ins (
  state_hash    TEXT PRIMARY KEY,
  provider      TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  nonce         TEXT NOT NULL,
  browser_hash  TEXT NOT NULL,
  return_to     TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  expires_at    TEXT NOT NULL
);
-- For forgetting abandoned sign-ins.
CREATE INDEX pending_sign_ins_expires ON pending_sign_ins (expires_at);
