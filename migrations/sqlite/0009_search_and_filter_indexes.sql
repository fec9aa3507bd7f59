-- Search without reading every campaign (issue 25): a trigram full-text index over the folded
-- text the search compares (`campaigns.search_text`, lower case, `ё` read as `е`). A trigram
-- index finds any part of a word of three letters or more, as `LIKE '%…%'` did. The index holds
-- no text of its own (`content='campaigns'`): triggers keep it in step with the campaign, in the
-- same transaction as the change.
CREATE VIRTUAL TABLE campaign_search USING fts5(search_text, content = 'campaigns', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO campaign_search (campaign_search) VALUES ('rebuild');

CREATE TRIGGER campaign_search_insert AFTER INSERT ON campaigns BEGIN
    INSERT INTO campaign_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TRIGGER campaign_search_delete AFTER DELETE ON campaigns BEGIN
    INSERT INTO campaign_search (campaign_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;

CREATE TRIGGER campaign_search_update AFTER UPDATE OF search_text ON campaigns BEGIN
    INSERT INTO campaign_search (campaign_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO campaign_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

-- The organisation directory's search, the same way.
CREATE VIRTUAL TABLE organization_search USING fts5(search_text, content = 'organizations', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO organization_search (organization_search) VALUES ('rebuild');

CREATE TRIGGER organization_search_insert AFTER INSERT ON organizations BEGIN
    INSERT INTO organization_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TRIGGER organization_search_delete AFTER DELETE ON organizations BEGIN
    INSERT INTO organization_search (organization_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;

CREATE TRIGGER organization_search_update AFTER UPDATE OF search_text ON organizations BEGIN
    INSERT INTO organization_search (organization_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO organization_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

-- Every filter of the list on an index (issue 25). Region and direction together had none: the
-- direction's index was walked and each row read to check its region (22–180 ms on 105,600
-- campaigns; 1–2 ms on this one). Each index also holds the end and the format, so rows that
-- ended or are of the other format are skipped without reading the table.
DROP INDEX campaigns_by_region;
CREATE INDEX campaigns_by_region ON campaigns (region, status, starts_at, id, ends_at, is_online);
DROP INDEX campaigns_by_direction;
CREATE INDEX campaigns_by_direction ON campaigns (direction, status, starts_at, id, ends_at, is_online);
CREATE INDEX campaigns_by_region_and_direction ON campaigns (region, direction, status, starts_at, id, ends_at, is_online);
