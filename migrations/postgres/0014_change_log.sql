-- Replicas (docs/replicas.md): every service write commits a row here in the same transaction.
-- `seq` is given out under `LOCK TABLE change_log IN EXCLUSIVE MODE`, held to the commit, so
-- sequence numbers become visible in commit order and a reader never skips one. `service_ids`
-- lists the ids the write touched (a JSON array); NULL means "every service" (a huge import).
CREATE TABLE change_log (
    seq BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    service_ids TEXT
);
