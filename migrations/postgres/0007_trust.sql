-- The help form's stamps already used: a stamp files one request, a replayed post is refused.
-- Kept for a little longer than a stamp stays good, then forgotten by the hourly housekeeping.
CREATE TABLE spent_form_stamps (
    id TEXT PRIMARY KEY,
    spent_at TIMESTAMPTZ NOT NULL
);

-- A parent's or guardian's consent for a minor is given by the guardian, through a link mailed
-- to them (the token is kept as its SHA-256). Confirming is possible until `expires_at`;
-- withdrawing, from a confirmed link, at any time.
CREATE TABLE guardian_requests (
    id TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    guardian_email TEXT NOT NULL,
    locale TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    confirmed_at TIMESTAMPTZ,
    withdrawn_at TIMESTAMPTZ
);
CREATE INDEX guardian_requests_by_user ON guardian_requests (user_id, created_at);

-- Guardian consents recorded before this were ticked by the minor, never confirmed by the
-- guardian: they no longer count, and those minors are asked to name their guardian's email.
UPDATE consents SET withdrawn_at = now() WHERE kind = 'guardian' AND withdrawn_at IS NULL;

-- A browser stays known to an account for 90 days after it last signed in to it.
ALTER TABLE known_devices ADD COLUMN last_used_at TIMESTAMPTZ;

-- One-time sign-in links (mailed when an account's failed sign-ins are at their limit and its
-- owner arrives with the right password on a new browser).
ALTER TABLE email_tokens DROP CONSTRAINT email_tokens_purpose_check;
ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_purpose_check CHECK (purpose IN ('verify', 'reset', 'sign_in'));

-- A signup waits here until its address is confirmed: the account is made only when the link
-- mailed to the address is opened. So the signup form answers a taken address exactly as a new
-- one, and nobody can hold an address they do not read. The token is kept as its SHA-256.
CREATE TABLE pending_signups (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    locale TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX pending_signups_by_email ON pending_signups (email);
