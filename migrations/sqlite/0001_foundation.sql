-- The foundation: reference data, organisations, volunteers and campaigns.
-- Names of regions and directions live in the translation files; these tables hold the codes
-- so that every row points at a real region and direction.

CREATE TABLE regions (
    code TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('region', 'city')),
    centroid_lon REAL NOT NULL,
    centroid_lat REAL NOT NULL
);

CREATE TABLE directions (
    slug TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE
);

CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name_kk TEXT,
    name_ru TEXT,
    name_en TEXT,
    description_kk TEXT,
    description_ru TEXT,
    description_en TEXT,
    region TEXT NOT NULL REFERENCES regions (code),
    verified BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT NOT NULL,
    CHECK (name_kk IS NOT NULL OR name_ru IS NOT NULL OR name_en IS NOT NULL)
);

-- People with an account. The volunteer issue adds sign-in and profile columns.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    region TEXT REFERENCES regions (code),
    created_at TEXT NOT NULL
);

CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    direction TEXT NOT NULL REFERENCES directions (slug),
    region TEXT NOT NULL REFERENCES regions (code),
    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'cancelled')),
    title_kk TEXT,
    title_ru TEXT,
    title_en TEXT,
    description_kk TEXT,
    description_ru TEXT,
    description_en TEXT,
    -- Lower-cased titles and descriptions in every language, folded by the application
    -- (SQLite's own LOWER and LIKE fold only ASCII letters).
    search_text TEXT NOT NULL,
    address TEXT,
    latitude REAL,
    longitude REAL,
    is_online BOOLEAN NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    capacity INTEGER CHECK (capacity IS NULL OR capacity > 0),
    spots_taken INTEGER NOT NULL DEFAULT 0 CHECK (spots_taken >= 0),
    min_age INTEGER CHECK (min_age IS NULL OR min_age BETWEEN 0 AND 100),
    created_at TEXT NOT NULL,
    CHECK (ends_at >= starts_at),
    CHECK (title_kk IS NOT NULL OR title_ru IS NOT NULL OR title_en IS NOT NULL)
);

-- The list reads published campaigns that have not ended, soonest first.
CREATE INDEX campaigns_listing ON campaigns (status, starts_at, id);
-- Counting open campaigns (the home page's figure) reads this index alone.
CREATE INDEX campaigns_open ON campaigns (status, ends_at);
CREATE INDEX campaigns_by_region ON campaigns (region, status, starts_at, id);
CREATE INDEX campaigns_by_direction ON campaigns (direction, status, starts_at, id);
CREATE INDEX campaigns_by_organization ON campaigns (organization_id);

-- One-time facts about this database, such as "demo data loaded".
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

INSERT INTO regions (code, kind, centroid_lon, centroid_lat) VALUES
    ('KZ-10', 'region', 80.11, 48.67),
    ('KZ-11', 'region', 69.90, 51.79),
    ('KZ-15', 'region', 59.46, 48.25),
    ('KZ-19', 'region', 75.82, 44.48),
    ('KZ-23', 'region', 52.12, 47.52),
    ('KZ-27', 'region', 50.67, 49.81),
    ('KZ-31', 'region', 72.14, 44.32),
    ('KZ-33', 'region', 78.93, 45.56),
    ('KZ-35', 'region', 74.66, 48.65),
    ('KZ-39', 'region', 64.02, 51.60),
    ('KZ-43', 'region', 63.63, 45.19),
    ('KZ-47', 'region', 53.98, 44.10),
    ('KZ-55', 'region', 76.24, 52.07),
    ('KZ-59', 'region', 69.27, 53.86),
    ('KZ-61', 'region', 68.44, 43.23),
    ('KZ-62', 'region', 67.95, 47.64),
    ('KZ-63', 'region', 84.16, 49.04),
    ('KZ-71', 'city', 71.45, 51.13),
    ('KZ-75', 'city', 76.94, 43.22),
    ('KZ-79', 'city', 69.58, 42.31);

INSERT INTO directions (slug, position) VALUES
    ('sabaqtastyq', 1),
    ('saulyq', 2),
    ('taza-alem', 3),
    ('asyl-mura', 4),
    ('qamqor', 5),
    ('bilim', 6),
    ('umit', 7),
    ('ayala', 8);
