//! Applications on both engines: capacity under concurrency, the waiting list, re-applying.

use super::store::{self, Applied};
use super::model::ApplicationStatus;
use crate::campaigns::store::{self as campaigns, NewCampaign, OrganizationKey};
use crate::i18n::LocalizedText;
use crate::organizations::store::{self as organizations, NewOrganization};
use crate::server::db::{Db, Sql};
use crate::testing::on_each_backend;
use crate::volunteers::store::{insert_many, NewUser};
use chrono::{Duration, Utc};

/// Nobody is born after this day: every test volunteer counts as an adult.
const ADULTS: &str = "9999-12-31";

pub(crate) async fn campaign_with_places(db: &Db, capacity: i32) -> i64 {
    let now = Utc::now();
    let organization = organizations::insert(
        db,
        &NewOrganization {
            slug: "qamqor-almaty".into(),
            name: LocalizedText::new(Some("Қамқор".into()), None, None),
            description: LocalizedText::default(),
            region: "KZ-75".into(),
            verified: true,
            created_at: now,
        },
    )
    .await
    .unwrap();
    campaigns::insert(
        db,
        &NewCampaign {
            organization: OrganizationKey::Id(organization),
            direction: "qamqor".into(),
            region: "KZ-75".into(),
            published: true,
            title: LocalizedText::new(Some("Азық-түлік жинау".into()), None, None),
            description: LocalizedText::default(),
            address: None,
            point: None,
            is_online: false,
            starts_at: now + Duration::days(3),
            ends_at: now + Duration::days(3) + Duration::hours(4),
            capacity: Some(capacity),
            spots_taken: 0,
            min_age: None,
            created_at: now,
        },
    )
    .await
    .unwrap()
}

async fn volunteers(db: &Db, count: usize) -> Vec<i64> {
    let users: Vec<NewUser> = (0..count)
        .map(|i| NewUser { email: format!("v{i}@example.kz"), full_name: format!("Волонтер {i}"), region: None, created_at: Utc::now() })
        .collect();
    db.execute(insert_many(&users)).await.unwrap();
    let mut ids = Vec::new();
    for user in &users {
        let mut sql = Sql::new("SELECT id AS n FROM users WHERE email = ");
        sql.bind(user.email.as_str());
        ids.push(db.fetch_count(sql).await.unwrap());
    }
    ids
}

async fn places_taken(db: &Db, campaign: i64) -> i64 {
    let mut sql = Sql::new("SELECT CAST(spots_taken AS BIGINT) AS n FROM campaigns WHERE id = ");
    sql.bind(campaign);
    db.fetch_count(sql).await.unwrap()
}

async fn status(db: &Db, campaign: i64, user: i64) -> Option<(ApplicationStatus, Option<i64>)> {
    store::my_application(db, campaign, user).await.unwrap().map(|a| (a.status, a.waitlist_position))
}

#[tokio::test]
async fn many_applications_at_the_last_place_at_once_place_exactly_one() {
    on_each_backend(|db| async move {
        let campaign = campaign_with_places(&db, 1).await;
        let people = volunteers(&db, 24).await;
        let attempts = people.iter().map(|&user| {
            let db = db.clone();
            tokio::spawn(async move { store::apply(&db, campaign, user, None, ADULTS).await.expect("apply") })
        });
        let results: Vec<Applied> = futures_join(attempts.collect()).await;
        assert_eq!(results.iter().filter(|r| **r == Applied::Placed).count(), 1, "{results:?}");
        assert_eq!(results.iter().filter(|r| **r == Applied::Waitlisted).count(), 23);
        assert_eq!(places_taken(&db, campaign).await, 1);
    })
    .await;
}

async fn futures_join(handles: Vec<tokio::task::JoinHandle<Applied>>) -> Vec<Applied> {
    let mut results = Vec::new();
    for handle in handles {
        results.push(handle.await.expect("task"));
    }
    results
}

#[tokio::test]
async fn a_cancellation_moves_the_first_on_the_waiting_list_up() {
    on_each_backend(|db| async move {
        let campaign = campaign_with_places(&db, 2).await;
        let people = volunteers(&db, 4).await;
        for &user in &people {
            store::apply(&db, campaign, user, Some("Көлігім бар".into()), ADULTS).await.unwrap();
        }
        assert_eq!(status(&db, campaign, people[0]).await, Some((ApplicationStatus::Pending, None)));
        assert_eq!(status(&db, campaign, people[2]).await, Some((ApplicationStatus::Waitlisted, Some(1))));
        assert_eq!(status(&db, campaign, people[3]).await, Some((ApplicationStatus::Waitlisted, Some(2))));

        // Applying twice changes nothing.
        assert_eq!(store::apply(&db, campaign, people[0], None, ADULTS).await.unwrap(), Applied::AlreadyApplied);
        assert_eq!(places_taken(&db, campaign).await, 2);

        let promoted = store::cancel(&db, campaign, people[1]).await.unwrap();
        assert_eq!(promoted, Some(people[2]));
        assert_eq!(status(&db, campaign, people[1]).await, Some((ApplicationStatus::Cancelled, None)));
        assert_eq!(status(&db, campaign, people[2]).await, Some((ApplicationStatus::Pending, None)));
        assert_eq!(status(&db, campaign, people[3]).await, Some((ApplicationStatus::Waitlisted, Some(1))));
        assert_eq!(places_taken(&db, campaign).await, 2);

        // Leaving the waiting list frees no place.
        assert_eq!(store::cancel(&db, campaign, people[3]).await.unwrap(), None);
        assert_eq!(places_taken(&db, campaign).await, 2);

        // With nobody waiting, a cancellation frees the place; applying again takes it back.
        assert_eq!(store::cancel(&db, campaign, people[0]).await.unwrap(), None);
        assert_eq!(places_taken(&db, campaign).await, 1);
        assert_eq!(store::apply(&db, campaign, people[0], None, ADULTS).await.unwrap(), Applied::Placed);
        assert_eq!(places_taken(&db, campaign).await, 2);
    })
    .await;
}
