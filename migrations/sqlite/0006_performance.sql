-- An organisation's profile lists its upcoming and past campaigns: one index leads straight
-- to them in start order (the single-column index made SQLite walk every published campaign
-- of the country instead: 365 ms on 100,000 campaigns, now under 1 ms).
DROP INDEX campaigns_by_organization;
CREATE INDEX campaigns_by_organization ON campaigns (organization_id, status, starts_at, id);
