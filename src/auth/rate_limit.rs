//! Limits on sign-in, signup and password-reset attempts, counted in the database so that every
//! server of the platform shares them.
//!
//! Per client address, every attempt counts. Per account, every sign-in from a browser that has
//! not signed in to that account before counts; a browser that has is not held back: an
//! attacker guessing someone's password cannot lock the owner out.

use crate::server::db::{Db, Sql};
use chrono::Utc;

#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub name: &'static str,
    pub max: i64,
    pub window_seconds: i64,
}

pub const SIGN_IN_PER_ADDRESS: Limit = Limit { name: "sign-in/address", max: 30, window_seconds: 15 * 60 };
pub const SIGN_IN_PER_ACCOUNT: Limit = Limit { name: "sign-in/account", max: 10, window_seconds: 15 * 60 };
/// Password checks on the signed-in person's own page (password change, account deletion).
pub const PASSWORD_CHECK_PER_ACCOUNT: Limit = Limit { name: "password-check/account", max: 10, window_seconds: 15 * 60 };
pub const SIGNUP_PER_ADDRESS: Limit = Limit { name: "signup/address", max: 10, window_seconds: 60 * 60 };
/// Signups with one email address, from anywhere: a taken address is refused, so trying many
/// from many machines would otherwise tell which addresses have accounts.
pub const SIGNUP_PER_EMAIL: Limit = Limit { name: "signup/email", max: 5, window_seconds: 60 * 60 };
pub const RESET_PER_ADDRESS: Limit = Limit { name: "reset/address", max: 10, window_seconds: 60 * 60 };
pub const RESET_PER_ACCOUNT: Limit = Limit { name: "reset/account", max: 3, window_seconds: 60 * 60 };
pub const ORGANIZATIONS_PER_ACCOUNT: Limit = Limit { name: "organizations/account", max: 5, window_seconds: 24 * 60 * 60 };
pub const MAIL_PER_ACCOUNT: Limit = Limit { name: "mail/account", max: 5, window_seconds: 60 * 60 };
/// Check-in codes typed by one volunteer: enough for mistakes, far too few to guess six digits.
pub const ATTENDANCE_CODE_PER_ACCOUNT: Limit = Limit { name: "attendance-code/account", max: 20, window_seconds: 10 * 60 };

/// Too many attempts: try again after this many minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryAfter(pub i64);

pub fn bucket(limit: Limit, key: &str) -> String {
    format!("{}:{}", limit.name, key.to_lowercase())
}

/// Counts one attempt; refuses it when the last `window_seconds` already hold `max`.
///
/// Attempts are stored per fixed window, and the count slides: the previous window's attempts
/// count in the share of it that still lies within the last `window_seconds`. With fixed windows
/// alone, a burst across a window's edge would get the limit twice.
pub async fn hit(db: &Db, limit: Limit, key: &str) -> Result<Result<(), RetryAfter>, sqlx::Error> {
    hit_at(db, limit, key, Utc::now().timestamp()).await
}

async fn hit_at(db: &Db, limit: Limit, key: &str, now: i64) -> Result<Result<(), RetryAfter>, sqlx::Error> {
    let window = limit.window_seconds;
    let start = now - now.rem_euclid(window);
    let bucket = bucket(limit, key);
    let mut sql = Sql::new("INSERT INTO rate_limits (bucket, window_start, hits) VALUES (");
    sql.bind(bucket.clone()).push(", ").bind(start).push(", 1) ON CONFLICT (bucket, window_start) ");
    // Attempts past the limit are refused, and stop counting one over it: a client that keeps
    // trying while refused does not lengthen the next window's wait.
    sql.push("DO UPDATE SET hits = CASE WHEN rate_limits.hits > ").bind(limit.max);
    sql.push(" THEN rate_limits.hits ELSE rate_limits.hits + 1 END RETURNING hits AS n");
    let current = db.fetch_count(sql).await?;
    let mut sql = Sql::new("SELECT COALESCE(MAX(hits), 0) AS n FROM rate_limits WHERE bucket = ");
    sql.bind(bucket).push(" AND window_start = ").bind(start - window);
    let previous = db.fetch_count(sql).await?;
    let count = SlidingCount { previous, current, elapsed: now - start, window };
    Ok(if count.exceeds(limit.max) { Err(RetryAfter(count.minutes_until_room(limit.max))) } else { Ok(()) })
}

/// The attempts of the previous and of the current fixed window, `elapsed` seconds into it.
#[derive(Clone, Copy, Debug)]
struct SlidingCount {
    previous: i64,
    current: i64,
    elapsed: i64,
    window: i64,
}

impl SlidingCount {
    /// previous × (share of it still counted) + current > max, in whole numbers.
    fn exceeds(self, max: i64) -> bool {
        self.previous * (self.window - self.elapsed) + self.current * self.window > max * self.window
    }

    /// Minutes (at least one) until one more attempt would be allowed, if none is made meanwhile.
    fn minutes_until_room(self, max: i64) -> i64 {
        let (window, room) = (self.window, max - 1);
        let seconds = if self.current > room {
            // This window alone is full: it must become the previous one and fade enough.
            (window - self.elapsed) + div_ceil(window * (self.current - room), self.current)
        } else {
            // The previous window must fade until previous × share ≤ room − current.
            let share_allowed = (window * (room - self.current)).div_euclid(self.previous.max(1));
            (window - self.elapsed - share_allowed).max(0)
        };
        div_ceil(seconds, 60).max(1)
    }
}

fn div_ceil(a: i64, b: i64) -> i64 {
    (a + b - 1).div_euclid(b)
}

/// The longest period of any limit: a window counts while it is the current or the previous one.
const LONGEST_WINDOW_SECONDS: i64 = {
    let windows = [
        SIGN_IN_PER_ADDRESS, SIGN_IN_PER_ACCOUNT, PASSWORD_CHECK_PER_ACCOUNT, SIGNUP_PER_ADDRESS, SIGNUP_PER_EMAIL,
        RESET_PER_ADDRESS, RESET_PER_ACCOUNT, ORGANIZATIONS_PER_ACCOUNT, MAIL_PER_ACCOUNT, ATTENDANCE_CODE_PER_ACCOUNT,
    ];
    let (mut longest, mut i) = (0, 0);
    while i < windows.len() {
        if windows[i].window_seconds > longest {
            longest = windows[i].window_seconds;
        }
        i += 1;
    }
    longest
};

/// Forgets windows that no longer count: older than the previous window of the longest limit.
pub async fn forget_old(db: &Db) -> Result<u64, sqlx::Error> {
    let mut sql = Sql::new("DELETE FROM rate_limits WHERE window_start < ");
    sql.bind(Utc::now().timestamp() - 2 * LONGEST_WINDOW_SECONDS);
    db.execute(sql).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::on_each_backend;

    const WINDOW: i64 = 15 * 60;

    fn count(previous: i64, current: i64, elapsed: i64) -> SlidingCount {
        SlidingCount { previous, current, elapsed, window: WINDOW }
    }

    #[test]
    fn a_burst_across_a_window_edge_is_counted_whole() {
        // 30 attempts just before the edge, then more just after: the limit of 30 holds.
        assert!(!count(0, 30, WINDOW - 1).exceeds(30));
        assert!(count(30, 1, 1).exceeds(30));
        // Halfway through the next window, half of the previous one still counts.
        assert!(!count(30, 15, WINDOW / 2).exceeds(30));
        assert!(count(30, 16, WINDOW / 2).exceeds(30));
        // A window later, the previous attempts no longer count.
        assert!(!count(30, 30, WINDOW).exceeds(30));
    }

    #[test]
    fn the_wait_named_is_when_an_attempt_is_allowed_again() {
        for (previous, current, elapsed) in [(30, 1, 1), (30, 16, WINDOW / 2), (0, 31, 60), (0, 40, WINDOW - 1), (12, 25, 300)] {
            let max = 30;
            let state = count(previous, current, elapsed);
            assert!(state.exceeds(max), "{state:?}");
            let minutes = state.minutes_until_room(max);
            // At that time (moving into the next window if need be), one more attempt fits; a
            // minute earlier it would not have.
            let at = |seconds: i64| {
                let now = elapsed + seconds;
                let later = if now >= WINDOW { count(current, 1, now - WINDOW) } else { count(previous, current + 1, now) };
                !later.exceeds(max)
            };
            assert!(at(minutes * 60), "{state:?}: {minutes} min");
            assert!(minutes == 1 || !at((minutes - 1) * 60), "{state:?}: {minutes} min is longer than needed");
        }
    }

    #[tokio::test]
    async fn attempts_of_the_previous_window_still_count() {
        on_each_backend(|db| async move {
            const LIMIT: Limit = Limit { name: "test/address", max: 5, window_seconds: 3600 };
            // One clock reading for the whole test: the share of the previous hour that counts
            // changes as time passes.
            let now = Utc::now().timestamp();
            let previous_start = now - now.rem_euclid(LIMIT.window_seconds) - LIMIT.window_seconds;
            // The previous hour was used to the full, as a burst just before the edge would.
            let mut sql = Sql::new("INSERT INTO rate_limits (bucket, window_start, hits) VALUES (");
            sql.bind(bucket(LIMIT, "10.0.0.9")).push(", ").bind(previous_start).push(", 5)");
            db.execute(sql).await.unwrap();
            // Early in this hour most of it still counts: no fresh five attempts.
            let elapsed = now.rem_euclid(LIMIT.window_seconds);
            let allowed_now = (0..5).take_while(|i| !SlidingCount { previous: 5, current: i + 1, elapsed, window: 3600 }.exceeds(5)).count() as i64;
            for _ in 0..allowed_now {
                assert_eq!(hit_at(&db, LIMIT, "10.0.0.9", now).await.unwrap(), Ok(()));
            }
            assert!(allowed_now < 5);
            // Once this hour alone is full, the wait runs past its end while the hour fades as the
            // previous one: up to two windows, early in the hour.
            for _ in 0..20 {
                assert!(matches!(hit_at(&db, LIMIT, "10.0.0.9", now).await.unwrap(), Err(RetryAfter(m)) if (1..=120).contains(&m)));
            }
            // Refused attempts stop counting one past the limit.
            let mut sql = Sql::new("SELECT hits AS n FROM rate_limits WHERE bucket = ");
            sql.bind(bucket(LIMIT, "10.0.0.9")).push(" AND window_start = ").bind(previous_start + LIMIT.window_seconds);
            assert_eq!(db.fetch_count(sql).await.unwrap(), 6);
            // Another address has its own count.
            assert_eq!(hit_at(&db, LIMIT, "10.0.0.10", now).await.unwrap(), Ok(()));
        })
        .await;
    }
}
