-- Targeted help: requests from people in need, and the append-only ledger of what happened to
-- each one. The ledger's entries are chained by SHA-256 (see src/help/ledger.rs), so an edit of
-- history is detectable; the triggers below refuse edits outright.

-- Front-office operators file requests for people without a phone or internet.
ALTER TABLE users ADD COLUMN is_operator BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE help_requests (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('food', 'medicine', 'transport', 'home_help', 'companionship', 'missing_person', 'online_consultation', 'other')),
    direction TEXT NOT NULL REFERENCES directions (slug),
    region TEXT NOT NULL REFERENCES regions (code),
    urgency TEXT NOT NULL CHECK (urgency IN ('urgent', 'soon', 'planned')),
    status TEXT NOT NULL CHECK (status IN ('new', 'verified', 'taken', 'in_progress', 'delivered', 'confirmed', 'closed', 'declined', 'cancelled')),
    -- Seen by helpers before they take the request (no contacts in it, the form says so).
    locality TEXT NOT NULL,
    description TEXT NOT NULL,
    -- Private: only whoever has taken the request, the person (by the private link) and the
    -- one who filed it see these. Erased some time after the request is finished.
    contact_name TEXT,
    contact_phone TEXT,
    contact_email TEXT,
    address TEXT,
    locale TEXT NOT NULL,
    -- The version of the consent text the person (or the operator for them) agreed to, at filing.
    consent_version TEXT NOT NULL,
    -- Who filed it: nobody signed in (the person in need), an account, an operator, or a member
    -- for their organisation.
    filed_by_user_id INTEGER REFERENCES users (id),
    filed_for_organization_id INTEGER REFERENCES organizations (id),
    filed_by_operator BOOLEAN NOT NULL DEFAULT FALSE,
    -- SHA-256 of the private link's token and of the confirmation code.
    follow_token TEXT NOT NULL UNIQUE,
    confirmation_code TEXT NOT NULL,
    confirmation_failures BIGINT NOT NULL DEFAULT 0,
    taken_by_user_id INTEGER REFERENCES users (id),
    taken_by_organization_id INTEGER REFERENCES organizations (id),
    filed_at TEXT NOT NULL,
    -- The filing day in Kazakhstan time (YYYY-MM-DD): periods and months are read from it.
    filed_on TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    verified_at TEXT,
    delivered_at TEXT,
    confirmed_at TEXT,
    -- Seconds from filing to delivery, for the median on both engines.
    delivery_seconds BIGINT,
    contacts_erased_at TEXT
);
CREATE INDEX help_requests_public ON help_requests (status, region, id);
CREATE INDEX help_requests_by_day ON help_requests (filed_on, region, direction);
CREATE INDEX help_requests_by_taker ON help_requests (taken_by_user_id);
CREATE INDEX help_requests_by_taking_organization ON help_requests (taken_by_organization_id);
CREATE INDEX help_requests_by_filer ON help_requests (filed_by_user_id);

CREATE TABLE help_ledger (
    -- The entry's place in the one chain of all requests: 1, 2, 3, …
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES help_requests (id),
    at TEXT NOT NULL,
    -- requester, filer, organization, volunteer, moderator, system
    actor_kind TEXT NOT NULL,
    actor_user_id INTEGER REFERENCES users (id),
    actor_organization_id INTEGER REFERENCES organizations (id),
    from_status TEXT,
    to_status TEXT NOT NULL,
    note TEXT,
    -- SHA-256 of a random salt, the actor and the note: the public ledger carries this digest
    -- instead of the private details, and anyone can still check the chain.
    salt TEXT NOT NULL,
    details_digest TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE INDEX help_ledger_by_request ON help_ledger (request_id, id);

-- The chain's head: how many entries and the last hash. Writers update it first, which
-- serialises them, so the chain never forks.
CREATE TABLE help_ledger_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    entries BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO help_ledger_head (id, entries, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER help_ledger_no_update BEFORE UPDATE ON help_ledger
BEGIN
    SELECT RAISE(ABORT, 'the help ledger is append-only');
END;
CREATE TRIGGER help_ledger_no_delete BEFORE DELETE ON help_ledger
BEGIN
    SELECT RAISE(ABORT, 'the help ledger is append-only');
END;
