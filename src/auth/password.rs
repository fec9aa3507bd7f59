//! Password hashing with argon2id (OWASP's parameters: 19 MiB, 2 passes), always on a blocking
//! thread so that a burst of sign-ins never stalls the async workers serving pages.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::OnceLock;
use tokio::sync::Semaphore;

/// At most this many hashes are computed at once (each takes 19 MiB and a core for ~50 ms):
/// a burst of sign-ins waits its turn instead of exhausting memory.
const PARALLEL_HASHES: usize = 4;

fn hashing_slots() -> &'static Semaphore {
    static SLOTS: OnceLock<Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| Semaphore::new(PARALLEL_HASHES))
}

pub async fn hash(password: String) -> Result<String, crate::errors::AppError> {
    let _slot = hashing_slots().acquire().await.map_err(|_| crate::errors::AppError::Internal)?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut rand_core::OsRng);
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await
    .map_err(|_| crate::errors::AppError::Internal)?
    .map_err(|error| {
        tracing::error!(%error, "password hashing failed");
        crate::errors::AppError::Internal
    })
}

/// A hash of nothing, checked when an address has no account, so that an unknown address
/// takes as long to refuse as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        let salt = SaltString::generate(&mut rand_core::OsRng);
        Argon2::default().hash_password(b"decoy", &salt).map(|h| h.to_string()).unwrap_or_default()
    })
}

/// True when `password` matches `stored`; with no stored hash, spends the same time and says no.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    let Ok(_slot) = hashing_slots().acquire().await else { return false };
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| decoy_hash().to_string());
        let Ok(parsed) = PasswordHash::new(&stored) else { return false };
        Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok() && known
    })
    .await
    .unwrap_or(false)
}
