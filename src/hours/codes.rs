//! The check-in codes: six digits that the organisers' screen shows and that change every 30
//! seconds, like the codes of an authenticator app. A code is the HMAC of the campaign, whether
//! it checks in or out, and its 30-second window, under a key only the server knows: nobody can
//! work out the next code, or one of another campaign, from codes seen before.

use super::model::MarkKind;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac as _};
use sha2::Sha256;

/// How long one code is shown.
pub const WINDOW_SECONDS: i64 = 30;
/// A code is still taken one window after it left the screen: scanning it, opening the page and
/// pressing its button takes a few seconds, and it may have changed meanwhile.
const GRACE_WINDOWS: i64 = 1;
/// A code this many windows old is recognised as an expired one (said so), not as a wrong one.
const RECOGNISED_WINDOWS: i64 = 20;

/// The key codes are signed with (see `server::secrets`).
pub const SECRET_NAME: &str = "attendance_secret";

/// The 30-second window a moment falls in.
pub fn window_of(at: DateTime<Utc>) -> i64 {
    at.timestamp().div_euclid(WINDOW_SECONDS)
}

/// Seconds until the code of `at`'s window changes.
pub fn seconds_left(at: DateTime<Utc>) -> u32 {
    (WINDOW_SECONDS - at.timestamp().rem_euclid(WINDOW_SECONDS)) as u32
}

/// The code of one campaign, kind and window.
pub fn code(secret: &str, campaign_id: i64, kind: MarkKind, window: i64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(format!("attendance:{campaign_id}:{}:{window}", kind.code()).as_bytes());
    let digest = mac.finalize().into_bytes();
    // As HOTP (RFC 4226) truncates: four bytes at an offset the digest itself chooses.
    let offset = (digest[digest.len() - 1] & 0x0f) as usize;
    let number = u32::from_be_bytes([digest[offset] & 0x7f, digest[offset + 1], digest[offset + 2], digest[offset + 3]]);
    format!("{:06}", number % 1_000_000)
}

/// What a typed or scanned code is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Good now: it records this kind of mark, in this window.
    Good { kind: MarkKind, window: i64 },
    /// This campaign's, but no longer shown.
    Expired,
    /// Not a code of this campaign (mistyped, or another campaign's).
    Unknown,
}

/// Reads `typed` (spaces and dashes allowed) as a code of `campaign_id` at `now`.
pub fn read(secret: &str, campaign_id: i64, typed: &str, now: DateTime<Utc>) -> Reading {
    let Some(typed) = normalized(typed) else { return Reading::Unknown };
    let current = window_of(now);
    for age in 0..=RECOGNISED_WINDOWS {
        let window = current - age;
        for kind in MarkKind::ALL.iter().copied() {
            // Compared in constant time: how far two codes agree must not show in the answer's timing.
            if constant_time_eq(code(secret, campaign_id, kind, window).as_bytes(), typed.as_bytes()) {
                return if age <= GRACE_WINDOWS { Reading::Good { kind, window } } else { Reading::Expired };
            }
        }
    }
    Reading::Unknown
}

/// Six digits, from what a person typed ("123 456", "123-456").
pub fn normalized(typed: &str) -> Option<String> {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    (digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const SECRET: &str = "test secret";

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_800_000_000 + seconds, 0).unwrap()
    }

    #[test]
    fn a_code_is_six_digits_and_changes_every_window() {
        let now = at(0);
        let first = code(SECRET, 7, MarkKind::In, window_of(now));
        assert_eq!(first.len(), 6);
        assert!(first.bytes().all(|b| b.is_ascii_digit()));
        assert_ne!(first, code(SECRET, 7, MarkKind::In, window_of(now) + 1));
        assert_ne!(first, code(SECRET, 7, MarkKind::Out, window_of(now)));
        assert_ne!(first, code(SECRET, 8, MarkKind::In, window_of(now)));
        assert_ne!(first, code("another key", 7, MarkKind::In, window_of(now)));
    }

    #[test]
    fn a_code_is_good_for_its_window_and_the_next_then_expired() {
        let shown = at(0);
        let window = window_of(shown);
        let typed = code(SECRET, 7, MarkKind::Out, window);
        assert_eq!(read(SECRET, 7, &typed, shown), Reading::Good { kind: MarkKind::Out, window });
        assert_eq!(read(SECRET, 7, &format!("{} {}", &typed[..3], &typed[3..]), shown), Reading::Good { kind: MarkKind::Out, window });
        assert_eq!(read(SECRET, 7, &typed, at(WINDOW_SECONDS)), Reading::Good { kind: MarkKind::Out, window });
        assert_eq!(read(SECRET, 7, &typed, at(2 * WINDOW_SECONDS + 1)), Reading::Expired);
        assert_eq!(read(SECRET, 7, &typed, at(3600)), Reading::Unknown);
        // Another campaign's code, or a mistyped one.
        assert_eq!(read(SECRET, 8, &typed, shown), Reading::Unknown);
        assert_eq!(read(SECRET, 7, "12345", shown), Reading::Unknown);
        assert_eq!(read(SECRET, 7, "abcdef", shown), Reading::Unknown);
    }
}
