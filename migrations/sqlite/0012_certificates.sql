-- Certificates of a volunteer's book. What a certificate states is kept as it was issued (the
-- entries as JSON), so its public page shows exactly that, beside whether the hours still hold:
-- a revoked certificate or hours corrected since are shown as such, never changed silently.
CREATE TABLE certificates (
    -- Short and typed by hand from paper: letters and digits that cannot be mistaken.
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    locale TEXT NOT NULL CHECK (locale IN ('kk', 'ru', 'en')),
    -- The name as the volunteer chose to show it: in full, as initials, or not at all ('').
    name_shown TEXT NOT NULL CHECK (name_shown IN ('full', 'initials', 'hidden')),
    holder TEXT NOT NULL,
    -- One organisation's hours, or every organisation's.
    organization_id INTEGER REFERENCES organizations (id),
    -- YYYY-MM-DD, either end open.
    period_from TEXT,
    period_to TEXT,
    hours REAL NOT NULL,
    entries TEXT NOT NULL,
    -- Its place in the published revocation list of the credentials (W3C Bitstring Status List).
    status_index BIGINT NOT NULL UNIQUE,
    issued_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX certificates_by_user ON certificates (user_id, issued_at);
