-- The map's points are kept in memory (map/points.rs) and read again when this number moves:
-- every change that can put a campaign on the map, take it off or move it bumps it, in the
-- same transaction as the change, whichever server or command made it.
CREATE TABLE campaign_map_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL
);
INSERT INTO campaign_map_changes (id, generation) VALUES (1, 0);

CREATE TRIGGER campaign_map_changes_insert AFTER INSERT ON campaigns BEGIN
    UPDATE campaign_map_changes SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER campaign_map_changes_delete AFTER DELETE ON campaigns BEGIN
    UPDATE campaign_map_changes SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER campaign_map_changes_update
AFTER UPDATE OF status, region, direction, is_online, starts_at, ends_at, latitude, longitude ON campaigns BEGIN
    UPDATE campaign_map_changes SET generation = generation + 1 WHERE id = 1;
END;
