-- One index serves the list, the home page's count and the map: published campaigns in start
-- order, carrying the columns those queries read, so SQLite and PostgreSQL answer from the
-- index alone. (A separate (status, ends_at) index tempted SQLite into sorting every open
-- campaign for the list: 2 ms became 270 ms on 100,000 campaigns.)
DROP INDEX campaigns_open;
DROP INDEX campaigns_listing;
CREATE INDEX campaigns_listing ON campaigns (status, starts_at, id, ends_at, region, latitude, longitude);
