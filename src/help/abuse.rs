//! Checks against automated abuse of the help form, which works without an account:
//!
//! - a signed timestamp in the form: a post must come at least a few seconds after the form was
//!   served (a person reads and types; a script posts at once) and within a day;
//! - a field that people never see and scripts fill in;
//! - limits per client address (visitors) and per account (operators file many);
//! - and, above all, no request reaches helpers before an organisation or moderator verifies it.
//!
//! No third-party CAPTCHA: it would send visitors' data abroad and fail without JavaScript.

use crate::server::db::{Db, Sql};
use crate::forms::FieldError;
use chrono::Utc;
use hmac::{Hmac, Mac as _};
use sha2::{Digest, Sha256};

/// The form field that must stay empty (hidden from people, tempting for scripts).
pub const TRAP_FIELD: &str = "leave_empty";
/// How long a served form stays good.
const FORM_LIFETIME_SECONDS: i64 = 24 * 3600;

/// The key the form stamps are signed with: made once per database, shared by every server.
async fn secret(db: &Db) -> Result<String, sqlx::Error> {
    crate::server::secrets::named(db, "form_secret").await
}

type Mac = Hmac<Sha256>;

fn mac(secret: &str, at: i64, nonce: &str) -> Mac {
    let mut mac = Mac::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(format!("help-form:{at}:{nonce}").as_bytes());
    mac
}

/// `{unix time}.{random nonce}.{HMAC of both, hex}`: the nonce makes every served form's stamp
/// different, so a stamp can be spent once ([`spend`]).
fn stamp_for(secret: &str, at: i64, nonce: &str) -> String {
    format!("{at}.{nonce}.{}", hex::encode(mac(secret, at, nonce).finalize().into_bytes()))
}

/// The stamp to put in a form served now.
pub async fn new_stamp(db: &Db) -> Result<String, sqlx::Error> {
    let nonce = &crate::auth::session::new_token()[..16];
    Ok(stamp_for(&secret(db).await?, Utc::now().timestamp(), nonce))
}

/// Whether `stamp` was made with `secret` (compared in constant time); its time if so.
fn signed_time(secret: &str, stamp: &str) -> Option<i64> {
    let mut parts = stamp.splitn(3, '.');
    let (at, nonce, signature) = (parts.next()?, parts.next()?, parts.next()?);
    let at = at.parse::<i64>().ok()?;
    let signature = hex::decode(signature).ok()?;
    mac(secret, at, nonce).verify_slice(&signature).ok().map(|_| at)
}

/// Refuses a post whose stamp is forged or too old (the form is out of date: open it again), too
/// fresh, or whose trap field is filled (sent faster or otherwise than a person does).
pub async fn check(db: &Db, stamp: &str, trap: &str, min_seconds: i64) -> Result<Result<(), FieldError>, sqlx::Error> {
    if !trap.is_empty() {
        return Ok(Err(FieldError::FormTooFast));
    }
    let Some(at) = signed_time(&secret(db).await?, stamp) else {
        return Ok(Err(FieldError::FormOutOfDate));
    };
    let age = Utc::now().timestamp() - at;
    Ok(if age < min_seconds {
        Err(FieldError::FormTooFast)
    } else if age > FORM_LIFETIME_SECONDS {
        Err(FieldError::FormOutOfDate)
    } else {
        Ok(())
    })
}

/// The statement that spends a stamp, run in the transaction that files the request: it changes
/// no row when the stamp was spent before (a replayed post), and the caller refuses the post.
pub fn spend(stamp: &str) -> Sql {
    let mut sql = Sql::new("INSERT INTO spent_form_stamps (id, spent_at) VALUES (");
    sql.bind(hex::encode(Sha256::digest(stamp.as_bytes()))).push(", ").bind(Utc::now()).push(") ON CONFLICT (id) DO NOTHING");
    sql
}

/// Forgets stamps too old to be accepted anyway (hourly housekeeping).
pub fn forget_spent() -> Sql {
    let mut sql = Sql::new("DELETE FROM spent_form_stamps WHERE spent_at < ");
    sql.bind(Utc::now() - chrono::Duration::seconds(FORM_LIFETIME_SECONDS + 3600));
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_is_bound_to_its_time_nonce_and_key() {
        let stamp = stamp_for("key", 1000, "abc");
        assert!(stamp.starts_with("1000.abc."));
        assert_eq!(signed_time("key", &stamp), Some(1000));
        assert_eq!(signed_time("other", &stamp), None, "another key");
        let (_, signature) = stamp.rsplit_once('.').unwrap();
        assert_eq!(signed_time("key", &format!("1001.abc.{signature}")), None, "another time");
        assert_eq!(signed_time("key", &format!("1000.abd.{signature}")), None, "another nonce");
        assert_eq!(signed_time("key", &format!("1000.abc.{}", &signature[..40])), None, "a cut signature");
        assert_eq!(signed_time("key", "1000.abc.zz"), None);
        assert_eq!(signed_time("key", "1000"), None);
    }
}
