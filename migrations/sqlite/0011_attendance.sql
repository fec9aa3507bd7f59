-- The volunteer book: hours earned on site. A volunteer checks in and out with the code that
-- the organisers' screen shows (it changes every 30 seconds); the hours between are confirmed
-- by the organisation. Hours typed by the organisation stay possible, marked as such.

-- Each check-in and check-out. `code_window` is the 30-second window of the code that was
-- used: one code records one check-in (or check-out) per person, a replay is refused.
-- `device` is the SHA-256 of the browser's device cookie, to notice one phone checking in many.
CREATE TABLE attendance_marks (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    kind TEXT NOT NULL CHECK (kind IN ('in', 'out')),
    at TEXT NOT NULL,
    code_window BIGINT NOT NULL,
    device TEXT,
    UNIQUE (application_id, kind, code_window)
);
CREATE INDEX attendance_marks_by_application ON attendance_marks (application_id, at);

-- How an application's hours came: 'check_in' (between the volunteer's check-in and check-out,
-- confirmed by the organisation) or 'organization' (typed by the organisation), and when and by
-- whom they were confirmed.
ALTER TABLE applications ADD COLUMN hours_source TEXT CHECK (hours_source IN ('check_in', 'organization'));
ALTER TABLE applications ADD COLUMN hours_confirmed_at TEXT;
ALTER TABLE applications ADD COLUMN hours_confirmed_by INTEGER REFERENCES users (id);
UPDATE applications SET hours_source = 'organization', hours_confirmed_at = updated_at WHERE hours IS NOT NULL;

-- Hours from check-in that look wrong wait for a moderator instead of being confirmed: why
-- (comma-separated: overlap, long_day, late, shared_device) and where the review stands.
ALTER TABLE applications ADD COLUMN hours_flags TEXT;
ALTER TABLE applications ADD COLUMN hours_review TEXT CHECK (hours_review IN ('waiting', 'confirmed', 'rejected'));
CREATE INDEX applications_hours_review ON applications (hours_review);
