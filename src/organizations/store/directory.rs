//! The directory of organisations and the moderators' queue: one page of a listing, filtered,
//! with its total.

use super::*;

/// Which organisations a listing of the directory's kind shows, and in which order.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// The public directory: every visible organisation, oldest first.
    Directory,
    /// The moderators' queue: those awaiting verification, newest first.
    AwaitingVerification,
}

fn push_directory_conditions(sql: &mut Sql, backend: Backend, filter: &DirectoryFilter, listing: Listing) {
    sql.push(" WHERE o.hidden_at IS NULL");
    if listing == Listing::AwaitingVerification {
        sql.push(" AND o.verified = FALSE AND o.rejection_reason IS NULL");
    }
    // `IN` the organisations of a region (or direction), read from its index, rather than
    // `EXISTS` for each organisation: SQLite probed the tags of all 5,000 organisations at
    // scale for every page and every count.
    if let Some(region) = &filter.region {
        sql.push(" AND o.id IN (SELECT r.organization_id FROM organization_regions r WHERE r.region = ").bind(region.as_str()).push(")");
    }
    if let Some(direction) = &filter.direction {
        sql.push(" AND o.id IN (SELECT d.organization_id FROM organization_directions d WHERE d.direction = ")
            .bind(direction.as_str())
            .push(")");
    }
    if let Some(text) = &filter.text {
        let words: Vec<&str> = text.split_whitespace().take(8).collect();
        sql.push_contains_words(backend, "o.id", "o.search_text", "organization_search", &words);
    }
}

/// One page of `listing`, with the total that match. `after` is the next page in the listing's
/// order, `before` the previous one.
pub async fn directory(db: &Db, filter: &DirectoryFilter, listing: Listing) -> Result<DirectoryPage, sqlx::Error> {
    let limit = i64::from(filter.limit.max(1));
    // (comparison, order) reading forwards, then backwards.
    let (forwards, backwards_order) = match listing {
        Listing::Directory => ((" AND o.id > ", " ORDER BY o.id"), (" AND o.id < ", " ORDER BY o.id DESC")),
        Listing::AwaitingVerification => ((" AND o.id < ", " ORDER BY o.id DESC"), (" AND o.id > ", " ORDER BY o.id")),
    };
    let fetch = |after: Option<i64>, before: Option<i64>| {
        let mut sql = Sql::new(&format!("SELECT {CARD_COLUMNS} FROM organizations o"));
        push_directory_conditions(&mut sql, db.backend(), filter, listing);
        match (after, before) {
            (_, Some(before)) => sql.push(backwards_order.0).bind(before).push(backwards_order.1),
            (Some(after), None) => sql.push(forwards.0).bind(after).push(forwards.1),
            (None, None) => sql.push(forwards.1),
        };
        sql.push(" LIMIT ").bind(limit + 1);
        sql
    };
    let backwards = filter.before.is_some();
    let mut rows: Vec<CardRow> = db.fetch_all(fetch(filter.after, filter.before)).await?;
    let mut at_start = filter.after.is_none() && !backwards;
    if backwards && rows.len() as i64 <= limit {
        // Going back reached the start: show a full first page.
        rows = db.fetch_all(fetch(None, None)).await?;
        at_start = true;
    }
    let has_more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    if backwards && !at_start {
        rows.reverse();
    }
    let (first, last) = (rows.first().map(|r| r.id), rows.last().map(|r| r.id));
    let (next, previous) = match (at_start, backwards) {
        (true, _) => (has_more.then_some(last).flatten(), None),
        (false, false) => (has_more.then_some(last).flatten(), first),
        (false, true) => (last, first),
    };
    let mut count = Sql::new("SELECT COUNT(*) AS n FROM organizations o");
    push_directory_conditions(&mut count, db.backend(), filter, listing);
    let total = db.fetch_count(count).await?;
    Ok(DirectoryPage { items: with_tags(db, rows).await?, next, previous, total })
}

