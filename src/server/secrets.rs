//! Keys the server signs with (form stamps, check-in codes): made at random the first time one
//! is asked for and kept in the database's `settings`, so every server of a deployment shares them.

use super::db::{Db, Sql};

/// The secret called `name`, made now if there is none yet. Two servers asking at once agree:
/// the first insert wins and both read it back.
pub async fn named(db: &Db, name: &str) -> Result<String, sqlx::Error> {
    let mut insert = Sql::new("INSERT INTO settings (key, value) VALUES (");
    insert.bind(name).push(", ").bind(random_hex()).push(") ON CONFLICT (key) DO NOTHING");
    db.execute(insert).await?;
    #[derive(sqlx::FromRow)]
    struct Value {
        value: String,
    }
    let mut select = Sql::new("SELECT value FROM settings WHERE key = ");
    select.bind(name);
    let row: Value = db.fetch_one(select).await?;
    Ok(row.value)
}

/// 32 random bytes, hex.
fn random_hex() -> String {
    use rand_core::RngCore;
    let mut bytes = [0u8; 32];
    rand_core::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}
