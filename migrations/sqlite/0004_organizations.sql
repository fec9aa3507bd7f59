-- Organisations: registration, profile, membership invitations, moderation and its audit log.

-- What kind of body it is, its business id (BIN) when it has one, and its contacts.
ALTER TABLE organizations ADD COLUMN kind TEXT NOT NULL DEFAULT 'public_association'
    CHECK (kind IN ('public_association', 'foundation', 'initiative_group', 'state_body', 'school', 'company'));
ALTER TABLE organizations ADD COLUMN bin TEXT;
ALTER TABLE organizations ADD COLUMN phone TEXT;
ALTER TABLE organizations ADD COLUMN email TEXT;
ALTER TABLE organizations ADD COLUMN address_kk TEXT;
ALTER TABLE organizations ADD COLUMN address_ru TEXT;
ALTER TABLE organizations ADD COLUMN address_en TEXT;
ALTER TABLE organizations ADD COLUMN website TEXT;
-- One https link per line.
ALTER TABLE organizations ADD COLUMN social_links TEXT NOT NULL DEFAULT '';
-- The generated file name of the re-encoded logo under the uploads folder.
ALTER TABLE organizations ADD COLUMN logo TEXT;
-- Names and descriptions in every language, folded by the application for search.
ALTER TABLE organizations ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
-- `verified` says whether campaigns may be published; a rejection keeps its reason here
-- (NULL while awaiting a decision or once verified).
ALTER TABLE organizations ADD COLUMN rejection_reason TEXT;
-- Hidden by a moderator for breaking the rules: gone from every public page.
ALTER TABLE organizations ADD COLUMN hidden_at TEXT;
ALTER TABLE organizations ADD COLUMN hidden_reason TEXT;
ALTER TABLE organizations ADD COLUMN updated_at TEXT;

-- The regions and directions an organisation works in (the `region` column is its seat).
CREATE TABLE organization_regions (
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    region TEXT NOT NULL REFERENCES regions (code),
    PRIMARY KEY (organization_id, region)
);
CREATE INDEX organization_regions_by_region ON organization_regions (region, organization_id);
INSERT INTO organization_regions (organization_id, region) SELECT id, region FROM organizations;

CREATE TABLE organization_directions (
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    direction TEXT NOT NULL REFERENCES directions (slug),
    PRIMARY KEY (organization_id, direction)
);
CREATE INDEX organization_directions_by_direction ON organization_directions (direction, organization_id);
INSERT INTO organization_directions (organization_id, direction)
    SELECT DISTINCT organization_id, direction FROM campaigns;

-- One organisation per business id.
CREATE UNIQUE INDEX organizations_bin ON organizations (bin) WHERE bin IS NOT NULL;

-- The directory lists visible organisations in registration order.
CREATE INDEX organizations_directory ON organizations (hidden_at, verified, id);

-- An owner's invitation to become an editor, sent by mail; the id is the SHA-256 of the link's
-- token. Used once, expires.
CREATE TABLE organization_invitations (
    id TEXT PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    email TEXT NOT NULL,
    invited_by INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    accepted_at TEXT,
    revoked_at TEXT
);
CREATE INDEX organization_invitations_by_organization ON organization_invitations (organization_id, created_at);

-- Campaign texts an organisation writes besides title and description.
ALTER TABLE campaigns ADD COLUMN requirements_kk TEXT;
ALTER TABLE campaigns ADD COLUMN requirements_ru TEXT;
ALTER TABLE campaigns ADD COLUMN requirements_en TEXT;
-- A moderator hid the campaign (it is also cancelled, so no list shows it).
ALTER TABLE campaigns ADD COLUMN hidden_at TEXT;
ALTER TABLE campaigns ADD COLUMN hidden_reason TEXT;
ALTER TABLE campaigns ADD COLUMN updated_at TEXT;

-- After the campaign: did the volunteer come (hours are in `hours`).
ALTER TABLE applications ADD COLUMN attended BOOLEAN;
CREATE INDEX applications_by_campaign ON applications (campaign_id, created_at, id);

-- Every moderator action: who, what, on what, why and when. Rows are only ever added.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    actor_id INTEGER NOT NULL REFERENCES users (id),
    action TEXT NOT NULL,
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('organization', 'campaign')),
    subject_id INTEGER NOT NULL,
    reason TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX audit_log_by_subject ON audit_log (subject_kind, subject_id, created_at);
