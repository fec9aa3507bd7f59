-- The notes of the help ledger leave the chain: a note may hold personal data (a third party's
-- phone in "handed over to her neighbour, +7 …"), and the chain can never be changed. The chain
-- keeps the digest of the note (with the actor and a salt); the note and its salt live here,
-- where they can be erased. While a note exists, `verify-ledger` checks it against the digest;
-- an erased one (`erased_at`) is skipped, and a missing row is a break.
CREATE TABLE help_ledger_details (
    -- No foreign key: the chain stands on its own (verify-ledger finds a gap or a missing note).
    entry_id INTEGER PRIMARY KEY,
    note TEXT,
    salt TEXT,
    erased_at TEXT
);
INSERT INTO help_ledger_details (entry_id, note, salt) SELECT id, note, salt FROM help_ledger;

-- SQLite cannot drop a column that has a foreign key: the chain is copied into a table without
-- the two columns and takes the old one's place (a DROP TABLE fires no trigger).
CREATE TABLE help_ledger_chain (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES help_requests (id),
    at TEXT NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_user_id INTEGER REFERENCES users (id),
    actor_organization_id INTEGER REFERENCES organizations (id),
    from_status TEXT,
    to_status TEXT NOT NULL,
    details_digest TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
INSERT INTO help_ledger_chain (id, request_id, at, actor_kind, actor_user_id, actor_organization_id, from_status, to_status, details_digest, prev_hash, hash)
    SELECT id, request_id, at, actor_kind, actor_user_id, actor_organization_id, from_status, to_status, details_digest, prev_hash, hash FROM help_ledger;
DROP TABLE help_ledger;
ALTER TABLE help_ledger_chain RENAME TO help_ledger;
CREATE INDEX help_ledger_by_request ON help_ledger (request_id, id);
CREATE TRIGGER help_ledger_no_update BEFORE UPDATE ON help_ledger
BEGIN
    SELECT RAISE(ABORT, 'the help ledger is append-only');
END;
CREATE TRIGGER help_ledger_no_delete BEFORE DELETE ON help_ledger
BEGIN
    SELECT RAISE(ABORT, 'the help ledger is append-only');
END;
