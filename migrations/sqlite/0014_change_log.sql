-- Replicas (docs/replicas.md): every service write commits a row here in the same transaction.
-- SQLite has one writer at a time, so `seq` (the last one plus one) is in commit order. Kept on
-- SQLite too so both backends run the same writes; only PostgreSQL replicas follow it.
-- `service_ids` lists the ids the write touched (a JSON array); NULL means "every service".
CREATE TABLE change_log (
    seq BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    service_ids TEXT
);
