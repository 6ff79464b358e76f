-- Values that `import --lenient` and `harvest` set aside (docs/cli.md, "Lenient import"): one row
-- per value, in the order found, replaced whenever the service is imported or harvested again.
CREATE TABLE data_problems (
    service_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    path TEXT NOT NULL,
    value TEXT NOT NULL,
    reason TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (service_id, position)
) WITHOUT ROWID;

-- Where a harvested service came from (docs/oruk.md, "Harvesting"): the source that last listed
-- it and when, so a service its source no longer lists can be withdrawn.
CREATE TABLE harvested_services (
    service_id TEXT PRIMARY KEY NOT NULL,
    source TEXT NOT NULL,
    harvested_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX harvested_services_by_source ON harvested_services (source, service_id);
