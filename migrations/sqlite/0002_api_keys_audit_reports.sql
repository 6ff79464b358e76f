-- What the HTTP server needs: API keys (hashes only), an audit log of writes, problem reports.
CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('editor', 'admin')),
    hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    key_name TEXT NOT NULL,
    action TEXT NOT NULL,
    service_id TEXT NOT NULL,
    before TEXT,
    after TEXT
);
CREATE INDEX audit_log_by_service ON audit_log (service_id, id);

CREATE TABLE problem_reports (
    id INTEGER PRIMARY KEY,
    service_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    message TEXT NOT NULL,
    contact TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed'))
);
CREATE INDEX problem_reports_by_status ON problem_reports (status, id);
