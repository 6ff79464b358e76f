-- ORUK `modified_after` (docs/oruk.md): services by the time of their last write. `updated_at` is
-- the service's last_modified, stamped by every import and API write.
CREATE INDEX services_by_updated_at ON services (updated_at);
