-- The help form's stamps already used: a stamp files one request, a replayed post is refused.
-- Kept for a little longer than a stamp stays good, then forgotten by the hourly housekeeping.
CREATE TABLE spent_form_stamps (
    id TEXT PRIMARY KEY,
    spent_at TEXT NOT NULL
);

-- A parent's or guardian's consent for a minor is given by the guardian, through a link mailed
-- to them (the token is kept as its SHA-256). Confirming is possible until `expires_at`;
-- withdrawing, from a confirmed link, at any time.
CREATE TABLE guardian_requests (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    guardian_email TEXT NOT NULL,
    locale TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    confirmed_at TEXT,
    withdrawn_at TEXT
);
CREATE INDEX guardian_requests_by_user ON guardian_requests (user_id, created_at);

-- Guardian consents recorded before this were ticked by the minor, never confirmed by the
-- guardian: they no longer count, and those minors are asked to name their guardian's email.
UPDATE consents SET withdrawn_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')
    WHERE kind = 'guardian' AND withdrawn_at IS NULL;

-- A browser stays known to an account for 90 days after it last signed in to it.
ALTER TABLE known_devices ADD COLUMN last_used_at TEXT;

-- One-time sign-in links (mailed when an account's failed sign-ins are at their limit and its
-- owner arrives with the right password on a new browser): the purpose's list grows, which
-- SQLite can only do by rebuilding the table.
CREATE TABLE email_tokens_new (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    purpose TEXT NOT NULL CHECK (purpose IN ('verify', 'reset', 'sign_in')),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
INSERT INTO email_tokens_new (id, user_id, purpose, created_at, expires_at, used_at)
    SELECT id, user_id, purpose, created_at, expires_at, used_at FROM email_tokens;
DROP TABLE email_tokens;
ALTER TABLE email_tokens_new RENAME TO email_tokens;
CREATE INDEX email_tokens_by_user ON email_tokens (user_id, purpose);

-- A signup waits here until its address is confirmed: the account is made only when the link
-- mailed to the address is opened. So the signup form answers a taken address exactly as a new
-- one, and nobody can hold an address they do not read. The token is kept as its SHA-256.
CREATE TABLE pending_signups (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    locale TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX pending_signups_by_email ON pending_signups (email);
