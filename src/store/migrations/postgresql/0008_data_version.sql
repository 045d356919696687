-- The version of the trust data: one number that every committed write of anything but the
-- audit log, sessions and sign-in failures increases, in the same transaction (SqlStore adds
-- the increase to each such write transaction). A server keeps what it computed from the
-- data (the succession dashboard, a 9-box grid) against the version it read first, and asks
-- for the version again on each request: one cheap read tells it whether anything changed,
-- through this server, another server on the same database or the command line.

CREATE TABLE data_version (
  id      BIGINT PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL CHECK (version >= 0)
);
INSERT INTO data_version (id, version) VALUES (1, 0);
