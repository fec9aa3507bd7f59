-- Hours of online campaigns (cyber-volunteers' consultations): there is no place to check in,
-- so each session is recorded with its start and end and confirmed by someone other than the
-- volunteer: a member of the organisation, or the person helped through a one-time link mailed
-- to them. A volunteer's confirmed sessions add up to the application's hours.

-- `status`: 'claimed' (recorded by the volunteer, awaiting confirmation), 'confirmed' or
-- 'rejected'. `confirmed_by`: who decided, 'organization' (then `decided_by` is the member) or
-- 'helped' (the person helped, who has no account). `helped_token` is the SHA-256 of the mailed
-- link's token; the address it was mailed to is not kept.
CREATE TABLE online_sessions (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('claimed', 'confirmed', 'rejected')),
    confirmed_by TEXT CHECK (confirmed_by IN ('organization', 'helped')),
    decided_at TEXT,
    decided_by INTEGER REFERENCES users (id),
    helped_token TEXT UNIQUE,
    helped_expires_at TEXT,
    created_at TEXT NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX online_sessions_by_application ON online_sessions (application_id, starts_at);

-- Hours may now come from online sessions: 'online'. SQLite cannot change a column's CHECK, so
-- the column is made anew under the same name.
ALTER TABLE applications ADD COLUMN hours_source_new TEXT CHECK (hours_source_new IN ('check_in', 'organization', 'online'));
UPDATE applications SET hours_source_new = hours_source;
ALTER TABLE applications DROP COLUMN hours_source;
ALTER TABLE applications RENAME COLUMN hours_source_new TO hours_source;
