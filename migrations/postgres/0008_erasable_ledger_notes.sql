-- The notes of the help ledger leave the chain: a note may hold personal data (a third party's
-- phone in "handed over to her neighbour, +7 …"), and the chain can never be changed. The chain
-- keeps the digest of the note (with the actor and a salt); the note and its salt live here,
-- where they can be erased. While a note exists, `verify-ledger` checks it against the digest;
-- an erased one (`erased_at`) is skipped, and a missing row is a break.
CREATE TABLE help_ledger_details (
    -- No foreign key, as on SQLite: the chain stands on its own (verify-ledger finds a gap).
    entry_id BIGINT PRIMARY KEY,
    note TEXT,
    salt TEXT,
    erased_at TIMESTAMPTZ
);
INSERT INTO help_ledger_details (entry_id, note, salt) SELECT id, note, salt FROM help_ledger;
ALTER TABLE help_ledger DROP COLUMN note, DROP COLUMN salt;
