-- The map's points are kept in memory (map/points.rs) and read again when this number moves:
-- every change that can put a campaign on the map, take it off or move it bumps it, in the
-- same transaction as the change, whichever server or command made it.
CREATE TABLE campaign_map_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    generation BIGINT NOT NULL
);
INSERT INTO campaign_map_changes (id, generation) VALUES (1, 0);

CREATE FUNCTION campaign_map_changes_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE campaign_map_changes SET generation = generation + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

-- Once per statement: a batch of a thousand campaigns is one change.
CREATE TRIGGER campaign_map_changes_bump
AFTER INSERT OR DELETE OR UPDATE OF status, region, direction, is_online, starts_at, ends_at, latitude, longitude ON campaigns
FOR EACH STATEMENT EXECUTE FUNCTION campaign_map_changes_bump();
