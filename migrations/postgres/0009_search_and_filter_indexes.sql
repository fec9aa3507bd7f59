-- The list's search compares with LIKE here: PostgreSQL scanned 105,600 campaigns in 1–4 ms, and a
-- pg_trgm GIN index made a common word slower (see server/db.rs, push_contains_words).

-- Every filter of the list on an index (issue 25). Region and direction together had none: the
-- direction's index was walked and each row read to check its region (22–180 ms on 105,600
-- campaigns; 1–2 ms on this one). Each index also holds the end and the format, so rows that
-- ended or are of the other format are skipped without reading the table.
DROP INDEX campaigns_by_region;
CREATE INDEX campaigns_by_region ON campaigns (region, status, starts_at, id, ends_at, is_online);
DROP INDEX campaigns_by_direction;
CREATE INDEX campaigns_by_direction ON campaigns (direction, status, starts_at, id, ends_at, is_online);
CREATE INDEX campaigns_by_region_and_direction ON campaigns (region, direction, status, starts_at, id, ends_at, is_online);
