//! The ledger: anyone can check it, page through it, and tampering is found.

use super::*;


#[tokio::test]
async fn the_public_ledger_can_be_checked_by_anyone_and_pages_through() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut person = Browser::new("10.45.0.1");
        for _ in 0..3 {
            file_request(&app, &db, &mut person).await;
        }
        let first = crate::testing::http::get(&app, "/api/v1/help/ledger?limit=2").await.json();
        assert_eq!(first["entries"].as_array().unwrap().len(), 2);
        let next = first["next"].as_str().unwrap().to_string();
        let second = crate::testing::http::get(&app, &next).await.json();
        let mut entries = first["entries"].as_array().unwrap().clone();
        entries.extend(second["entries"].as_array().unwrap().iter().cloned());
        assert_eq!(entries.len(), 3);
        // Recomputing each hash from the published fields alone gives the published hash.
        let mut previous = crate::help::ledger::GENESIS.to_string();
        for e in &entries {
            assert_eq!(e["prev_hash"], previous.as_str());
            let at: chrono::DateTime<chrono::Utc> = serde_json::from_value(e["at"].clone()).unwrap();
            let facts = crate::help::ledger::Facts {
                seq: e["seq"].as_i64().unwrap(),
                prev_hash: e["prev_hash"].as_str().unwrap(),
                request_id: e["request"].as_i64().unwrap(),
                at,
                actor: e["actor"].as_str().unwrap(),
                from: e["from"].as_str(),
                to: e["to"].as_str().unwrap(),
                details_digest: e["details_digest"].as_str().unwrap(),
            };
            assert_eq!(crate::help::ledger::entry_hash(&facts), e["hash"].as_str().unwrap());
            previous = e["hash"].as_str().unwrap().to_string();
        }
        assert_eq!(second["head"]["hash"], previous.as_str());
        for bad in ["/api/v1/help/ledger?limit=0", "/api/v1/help/ledger?limit=1001", "/api/v1/help/ledger?after=x", "/api/v1/help/ledger?who=me", "/api/v1/help/requests?status=lost"] {
            let answer = crate::testing::http::get(&app, bad).await;
            assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{bad}");
            assert!(answer.json()["error"]["parameter"].is_string(), "{bad}");
        }
    })
    .await;
}

/// Turns the append-only triggers off, as someone with direct access to the database could.
async fn disable_append_only(db: &Db) {
    let statements: &[&str] = match db.backend() {
        Backend::Sqlite => &["DROP TRIGGER help_ledger_no_update", "DROP TRIGGER help_ledger_no_delete"],
        Backend::Postgres => &["ALTER TABLE help_ledger DISABLE TRIGGER help_ledger_no_change"],
    };
    for sql in statements {
        db.execute(Sql::new(sql)).await.unwrap();
    }
}

async fn tamper(db: &Db, sql: &str) {
    db.execute(Sql::new(sql)).await.unwrap();
}

#[tokio::test]
async fn tampering_with_the_ledger_is_detected() {
    use crate::help::ledger::Break;
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut person = Browser::new("10.50.0.1");
        let (id, _) = file_request(&app, &db, &mut person).await;
        file_request(&app, &db, &mut person).await;
        let mut moderator = signed_in(&app, &db, "moderator@birgemiz.kz", true).await;
        step(&app, &mut moderator, id, "decline", &[("note", "Өтінім қайталанды.")]).await;
        assert_eq!(crate::help::ledger::verify(&db).await.unwrap().problem, None);

        // The database itself refuses edits.
        assert!(db.execute(Sql::new("UPDATE help_ledger SET to_status = 'closed'")).await.is_err());
        assert!(db.execute(Sql::new("DELETE FROM help_ledger")).await.is_err());
        disable_append_only(&db).await;

        let verify = || async { crate::help::ledger::verify(&db).await.unwrap().problem };
        tamper(&db, "UPDATE help_ledger_details SET note = 'Бәрі жақсы.' WHERE entry_id = 3").await;
        assert_eq!(verify().await, Some(Break::Details { entry: 3 }));
        tamper(&db, "UPDATE help_ledger_details SET note = 'Өтінім қайталанды.' WHERE entry_id = 3").await;
        assert_eq!(verify().await, None, "restoring the note restores the chain");
        // A note erased (personal data) is no longer checked; one removed without a trace is a break.
        db.execute(crate::help::ledger::erase_notes_where("l.id = 3")).await.unwrap();
        assert_eq!(verify().await, None, "an erased note");
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM help_ledger_details WHERE note IS NOT NULL AND entry_id = 3").await, 0);
        tamper(&db, "DELETE FROM help_ledger_details WHERE entry_id = 2").await;
        assert_eq!(verify().await, Some(Break::Details { entry: 2 }));
        tamper(&db, "INSERT INTO help_ledger_details (entry_id, erased_at) VALUES (2, '2026-01-01T00:00:00+00:00')").await;
        assert_eq!(verify().await, None);

        tamper(&db, "UPDATE help_ledger SET to_status = 'delivered' WHERE id = 3").await;
        assert_eq!(verify().await, Some(Break::Hash { entry: 3 }));
        tamper(&db, "UPDATE help_ledger SET to_status = 'declined' WHERE id = 3").await;

        tamper(&db, "UPDATE help_ledger SET actor_kind = 'organization' WHERE id = 3").await;
        assert_eq!(verify().await, Some(Break::Hash { entry: 3 }));
        tamper(&db, "UPDATE help_ledger SET actor_kind = 'moderator' WHERE id = 3").await;
        assert_eq!(verify().await, None);

        // Changing a request's status behind the ledger's back.
        db.execute(Sql::new(&format!("UPDATE help_requests SET status = 'closed' WHERE id = {id}"))).await.unwrap();
        assert_eq!(verify().await, Some(Break::Status { request: id }));
        db.execute(Sql::new(&format!("UPDATE help_requests SET status = 'declined' WHERE id = {id}"))).await.unwrap();

        // Rewriting an entry with a fresh hash still breaks the link of the next one.
        tamper(&db, "UPDATE help_ledger SET hash = 'f00d' WHERE id = 1").await;
        assert_eq!(verify().await, Some(Break::Hash { entry: 1 }));
        tamper(&db, "UPDATE help_ledger SET hash = (SELECT prev_hash FROM help_ledger WHERE id = 2) WHERE id = 1").await;
        assert_eq!(verify().await, None);

        // Removing an entry leaves a gap.
        tamper(&db, "DELETE FROM help_ledger WHERE id = 2").await;
        assert_eq!(verify().await, Some(Break::Gap { expected: 2, found: 3 }));
    })
    .await;
}

