-- Navigators' decisions on proposed duplicates (docs/cli.md, "dedupe"): one row per pair, a < b.
-- A kept-apart pair is never proposed again; a merge keeps `kept` and makes the other inactive,
-- so the merged ids of a service are the other ids of its merge rows.
CREATE TABLE duplicate_decisions (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('merge', 'keep-apart')),
    kept TEXT,
    key_name TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX duplicate_decisions_by_kept ON duplicate_decisions (kept);
