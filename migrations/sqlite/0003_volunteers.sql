-- Volunteers: sign-in, profiles, consent, sessions, mail, rate limits and applications.

-- Profile and sign-in columns. Rows made before this migration (demo volunteers) have no
-- password and so cannot sign in; their signup counts as finished.
ALTER TABLE users ADD COLUMN password_hash TEXT;
ALTER TABLE users ADD COLUMN email_verified_at TEXT;
ALTER TABLE users ADD COLUMN phone TEXT;
-- YYYY-MM-DD
ALTER TABLE users ADD COLUMN birth_date TEXT;
ALTER TABLE users ADD COLUMN locality TEXT;
-- Comma-separated codes: languages (kk,ru,en), directions (slugs), availability.
ALTER TABLE users ADD COLUMN languages TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN directions TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN skills TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN availability TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN guardian_name TEXT;
ALTER TABLE users ADD COLUMN guardian_contact TEXT;
-- The step of the signup flow to show next; 'done' once finished.
ALTER TABLE users ADD COLUMN signup_step TEXT NOT NULL DEFAULT 'done'
    CHECK (signup_step IN ('about', 'interests', 'consent', 'done'));
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'kk';
ALTER TABLE users ADD COLUMN is_moderator BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN password_changed_at TEXT;
-- Set when the person deleted their account: personal data are erased, the row stays so that
-- hours given still count in the figures.
ALTER TABLE users ADD COLUMN deleted_at TEXT;

-- Who agreed to which version of which consent text, in which language, and when.
CREATE TABLE consents (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('personal_data', 'guardian')),
    version TEXT NOT NULL,
    locale TEXT NOT NULL,
    given_at TEXT NOT NULL,
    withdrawn_at TEXT
);
CREATE INDEX consents_by_user ON consents (user_id);

-- Server-side sessions. The id is the SHA-256 of the cookie's token, so a leaked table
-- cannot be replayed as cookies.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Links sent by mail (address verification, password reset): hashed, single use, expiring.
CREATE TABLE email_tokens (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    purpose TEXT NOT NULL CHECK (purpose IN ('verify', 'reset')),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX email_tokens_by_user ON email_tokens (user_id, purpose);

-- Browsers that signed in to an account before: the per-account limit on failed sign-ins does
-- not apply to them, so an attacker cannot lock the owner out.
CREATE TABLE known_devices (
    id TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (id, user_id)
);

-- Mail waiting to be delivered (SMTP or the outbox folder).
CREATE TABLE mail_queue (
    id INTEGER PRIMARY KEY,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX mail_queue_unsent ON mail_queue (sent_at, id);

-- Fixed-window counters for rate limits.
CREATE TABLE rate_limits (
    bucket TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (bucket, window_start)
);

-- An optional question a campaign asks its applicants, per language.
ALTER TABLE campaigns ADD COLUMN question_kk TEXT;
ALTER TABLE campaigns ADD COLUMN question_ru TEXT;
ALTER TABLE campaigns ADD COLUMN question_en TEXT;

-- A volunteer's application to a campaign. 'pending' and 'approved' hold one of the
-- campaign's places (campaigns.spots_taken); 'waitlisted' waits for one, in order of waitlisted_at.
CREATE TABLE applications (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'waitlisted', 'rejected', 'cancelled')),
    answer TEXT,
    hours REAL CHECK (hours IS NULL OR hours >= 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    waitlisted_at TEXT,
    UNIQUE (campaign_id, user_id)
);
CREATE INDEX applications_by_user ON applications (user_id, created_at);
CREATE INDEX applications_waitlist ON applications (campaign_id, status, waitlisted_at, id);

-- Organisation membership (managed in the organisations issue): a user may belong to several.
CREATE TABLE organization_members (
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    role TEXT NOT NULL CHECK (role IN ('owner', 'editor')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX organization_members_by_user ON organization_members (user_id);
