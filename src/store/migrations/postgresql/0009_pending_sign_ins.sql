-- Single sign-ons (OpenID Connect) begun and not yet finished. In the store rather than in
-- one server's memory so that the provider may send the browser back to any server behind
-- the load balancer, and so that a state is used once (taken with DELETE ... RETURNING).
-- The state itself is kept only as a SHA-256, like session tokens.

CREATE TABLE pending_sign_ins (
  state_hash    TEXT COLLATE "C" PRIMARY KEY,
  provider      TEXT COLLATE "C" NOT NULL,
  code_verifier TEXT COLLATE "C" NOT NULL,
  nonce         TEXT COLLATE "C" NOT NULL,
  browser_hash  TEXT COLLATE "C" NOT NULL,
  return_to     TEXT COLLATE "C" NOT NULL,
  created_at    TEXT COLLATE "C" NOT NULL,
  expires_at    TEXT COLLATE "C" NOT NULL
);
-- For forgetting abandoned sign-ins.
CREATE INDEX pending_sign_ins_expires ON pending_sign_ins (expires_at);
