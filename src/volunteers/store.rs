//! People with an account, in the database.

use crate::server::db::Sql;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug)]
pub struct NewUser {
    pub email: String,
    pub full_name: String,
    pub region: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// One INSERT statement for many users.
pub fn insert_many(users: &[NewUser]) -> Sql {
    let mut sql = Sql::new("INSERT INTO users (email, full_name, region, created_at) VALUES ");
    for (i, u) in users.iter().enumerate() {
        sql.push(if i == 0 { "(" } else { ", (" });
        sql.bind(u.email.as_str()).push(", ").bind(u.full_name.as_str()).push(", ").bind(u.region.clone()).push(", ").bind(u.created_at).push(")");
    }
    sql
}
