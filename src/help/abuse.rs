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
use crate::ui::form::FieldError;
use chrono::Utc;
use sha2::{Digest, Sha256};

/// The form field that must stay empty (hidden from people, tempting for scripts).
pub const TRAP_FIELD: &str = "leave_empty";
/// How long a served form stays good.
const FORM_LIFETIME_SECONDS: i64 = 24 * 3600;

/// The key the form stamps are signed with: made once per database, shared by every server.
async fn secret(db: &Db) -> Result<String, sqlx::Error> {
    let mut insert = Sql::new("INSERT INTO settings (key, value) VALUES ('form_secret', ");
    insert.bind(crate::auth::session::new_token()).push(") ON CONFLICT (key) DO NOTHING");
    db.execute(insert).await?;
    #[derive(sqlx::FromRow)]
    struct Value {
        value: String,
    }
    let row: Value = db.fetch_one(Sql::new("SELECT value FROM settings WHERE key = 'form_secret'")).await?;
    Ok(row.value)
}

/// HMAC-SHA-256 (RFC 2104), hex.
fn hmac(key: &str, message: &str) -> String {
    const BLOCK: usize = 64;
    let mut key_block = [0u8; BLOCK];
    let key = key.as_bytes();
    if key.len() > BLOCK {
        key_block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        key_block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| key_block.iter().map(|k| k ^ byte).collect::<Vec<u8>>();
    let inner = Sha256::new().chain_update(pad(0x36)).chain_update(message.as_bytes()).finalize();
    let outer = Sha256::new().chain_update(pad(0x5c)).chain_update(inner).finalize();
    outer.iter().map(|b| format!("{b:02x}")).collect()
}

fn stamp_for(secret: &str, at: i64) -> String {
    format!("{at}.{}", &hmac(secret, &format!("help-form:{at}"))[..32])
}

/// The stamp to put in a form served now.
pub async fn new_stamp(db: &Db) -> Result<String, sqlx::Error> {
    Ok(stamp_for(&secret(db).await?, Utc::now().timestamp()))
}

/// Refuses a post whose stamp is forged, too fresh or too old, or whose trap field is filled.
pub async fn check(db: &Db, stamp: &str, trap: &str, min_seconds: i64) -> Result<Result<(), FieldError>, sqlx::Error> {
    if !trap.is_empty() {
        return Ok(Err(FieldError::FormTooFast));
    }
    let Some(at) = stamp.split_once('.').and_then(|(at, _)| at.parse::<i64>().ok()) else {
        return Ok(Err(FieldError::FormTooFast));
    };
    if stamp_for(&secret(db).await?, at) != stamp {
        return Ok(Err(FieldError::FormTooFast));
    }
    let age = Utc::now().timestamp() - at;
    Ok(if age < min_seconds || age > FORM_LIFETIME_SECONDS { Err(FieldError::FormTooFast) } else { Ok(()) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231() {
        // Test case 2 of RFC 4231.
        assert_eq!(hmac("Jefe", "what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    #[test]
    fn a_stamp_is_bound_to_its_time_and_key() {
        let stamp = stamp_for("key", 1000);
        assert!(stamp.starts_with("1000."));
        assert_ne!(stamp_for("key", 1001)[5..], stamp[5..]);
        assert_ne!(stamp_for("other", 1000), stamp);
    }
}
