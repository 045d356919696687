-- Failed sign-ins, kept in the store (not in each server's memory) so that every server
-- behind one database throttles a guessing attacker alike. `key` is a SHA-256 of what is
-- throttled ("email:..." or "client:..."), so the table holds no email or address in clear.

CREATE TABLE sign_in_failures (
  key             TEXT COLLATE "C" PRIMARY KEY,
  failures        BIGINT NOT NULL CHECK (failures > 0),
  last_failure_at TEXT COLLATE "C" NOT NULL,
  blocked_until   TEXT COLLATE "C"
);
-- For forgetting old failures.
CREATE INDEX sign_in_failures_last ON sign_in_failures (last_failure_at);
