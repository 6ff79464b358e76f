-- Closed-loop referrals (docs/referrals.md). The equality fields are one AEAD ciphertext
-- (nonce followed by sealed JSON, the referral id as associated data): never plain text here.
-- `case_ref` and `needs` are emptied (set NULL) when a closed referral passes its retention period.
CREATE TABLE referrals (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL,
    organization_id TEXT,
    team TEXT NOT NULL,
    sent_by TEXT NOT NULL,
    case_ref TEXT,
    needs TEXT,
    equality BLOB,
    status TEXT NOT NULL CHECK (status IN ('sent', 'accepted', 'declined', 'attended', 'did_not_attend', 'closed')),
    reason TEXT,
    sent_at TEXT NOT NULL,
    accepted_at TEXT,
    declined_at TEXT,
    attended_at TEXT,
    did_not_attend_at TEXT,
    closed_at TEXT,
    purged_at TEXT
);
CREATE INDEX referrals_by_team ON referrals (team, sent_at);
CREATE INDEX referrals_by_organization ON referrals (organization_id, sent_at);
CREATE INDEX referrals_by_sent_at ON referrals (sent_at);

-- A key may be scoped to one organisation: its holders act for that organisation's services.
ALTER TABLE api_keys ADD COLUMN organization_id TEXT;
