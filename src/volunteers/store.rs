//! People with an account, in the database.

use super::model::{split_list, Profile, SignupStep};
use crate::server::db::{Db, Sql, Tx};
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

/// A volunteer's stored profile.
#[derive(sqlx::FromRow, serde::Serialize)]
pub struct ProfileRow {
    pub full_name: String,
    pub phone: Option<String>,
    pub birth_date: Option<String>,
    pub region: Option<String>,
    pub locality: Option<String>,
    pub languages: String,
    pub directions: String,
    pub skills: String,
    pub availability: String,
}

impl ProfileRow {
    pub fn into_profile(self) -> Profile {
        Profile {
            full_name: self.full_name,
            phone: self.phone.unwrap_or_default(),
            birth_date: self.birth_date.unwrap_or_default(),
            region: self.region.unwrap_or_default(),
            locality: self.locality.unwrap_or_default(),
            languages: split_list(&self.languages),
            directions: split_list(&self.directions),
            skills: self.skills,
            availability: split_list(&self.availability),
        }
    }
}

pub async fn profile(db: &Db, user_id: i64) -> Result<Option<Profile>, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT full_name, phone, birth_date, region, locality, languages, directions, skills, availability \
         FROM users WHERE deleted_at IS NULL AND id = ",
    );
    sql.bind(user_id);
    Ok(db.fetch_optional::<ProfileRow>(sql).await?.map(ProfileRow::into_profile))
}

/// A signup waiting for its address to be confirmed (see `pending_signups`): three days.
const PENDING_SIGNUP_DAYS: i64 = 3;

/// The statement that keeps a signup's first step until the link mailed with `token` is opened.
pub fn insert_pending_signup(token: &str, email: &str, password_hash: &str, locale: &str) -> Sql {
    let now = Utc::now();
    let mut sql = Sql::new("INSERT INTO pending_signups (id, email, password_hash, locale, created_at, expires_at) VALUES (");
    sql.bind(crate::auth::session::token_hash(token)).push(", ").bind(email).push(", ").bind(password_hash).push(", ").bind(locale);
    sql.push(", ").bind(now).push(", ").bind(now + chrono::Duration::days(PENDING_SIGNUP_DAYS)).push(")");
    sql
}

#[derive(sqlx::FromRow)]
pub struct PendingSignup {
    pub email: String,
    pub password_hash: String,
    pub locale: String,
}

/// Uses up a pending signup's link inside `tx` (once, while good); what was entered with it.
pub async fn take_pending_signup(tx: &mut Tx, token: &str) -> Result<Option<PendingSignup>, sqlx::Error> {
    let mut sql = Sql::new("DELETE FROM pending_signups WHERE id = ");
    sql.bind(crate::auth::session::token_hash(token)).push(" AND expires_at > ").bind(Utc::now());
    sql.push(" RETURNING email, password_hash, locale");
    tx.fetch_optional(sql).await
}

/// Every pending signup of an address (the account now exists, or is deleted), and expired ones.
pub fn forget_pending_signups(email: Option<&str>) -> Sql {
    let mut sql = Sql::new("DELETE FROM pending_signups WHERE expires_at < ");
    sql.bind(Utc::now());
    if let Some(email) = email {
        sql.push(" OR email = ").bind(email);
    }
    sql
}

/// The statement that creates an account, its address confirmed by the link just opened, at the
/// "about you" step; its id comes back as `n`.
pub fn insert_account(email: &str, password_hash: &str, locale: &str) -> Sql {
    let now = Utc::now();
    let mut sql = Sql::new("INSERT INTO users (email, full_name, password_hash, email_verified_at, signup_step, locale, created_at) VALUES (");
    sql.bind(email).push(", '', ").bind(password_hash).push(", ").bind(now).push(", 'about', ").bind(locale).push(", ").bind(now);
    sql.push(") RETURNING id AS n");
    sql
}

/// Saves the "about you" fields.
pub fn update_about(user_id: i64, p: &Profile) -> Sql {
    let mut sql = Sql::new("UPDATE users SET full_name = ");
    sql.bind(p.full_name.as_str()).push(", phone = ").bind(p.phone.as_str()).push(", birth_date = ").bind(p.birth_date.as_str());
    sql.push(", region = ").bind(p.region.as_str()).push(", locality = ").bind(p.locality.as_str());
    sql.push(", languages = ").bind(p.languages.join(",")).push(" WHERE id = ").bind(user_id);
    sql
}

/// Saves the "interests" fields.
pub fn update_interests(user_id: i64, p: &Profile) -> Sql {
    let mut sql = Sql::new("UPDATE users SET directions = ");
    sql.bind(p.directions.join(",")).push(", skills = ").bind(p.skills.as_str());
    sql.push(", availability = ").bind(p.availability.join(",")).push(" WHERE id = ").bind(user_id);
    sql
}

/// Moves a signup on to `step`, never back.
pub fn reach_step(user_id: i64, step: SignupStep) -> Sql {
    let earlier: Vec<&str> = SignupStep::ALL.iter().filter(|s| **s < step).map(|s| s.code()).collect();
    let mut sql = Sql::new("UPDATE users SET signup_step = ");
    sql.bind(step.code()).push(" WHERE id = ").bind(user_id).push(" AND signup_step IN (");
    for (i, slug) in earlier.iter().enumerate() {
        sql.push(if i == 0 { "" } else { ", " }).bind(*slug);
    }
    sql.push(")");
    sql
}

/// After a birth date is saved: a finished signup goes back to the consent step when the date
/// as stored makes the person a minor (born after `minors_born_after`) who has named no
/// guardian yet. Run in the transaction that saves the date, so no other post can slip past.
pub fn back_to_consent_if_minor(user_id: i64, minors_born_after: &str) -> Sql {
    let mut sql = Sql::new("UPDATE users SET signup_step = 'consent' WHERE signup_step = 'done' AND guardian_contact IS NULL AND id = ");
    sql.bind(user_id).push(" AND COALESCE(birth_date, '') > ").bind(minors_born_after);
    sql
}

/// Finishes the signup, only while the birth date is still the one the consent step was decided
/// by (it changes no row otherwise, and the caller shows the step again).
pub fn finish_signup_if_born(user_id: i64, birth_date: &str) -> Sql {
    let mut sql = Sql::new("UPDATE users SET signup_step = 'done' WHERE id = ");
    sql.bind(user_id).push(" AND COALESCE(birth_date, '') = ").bind(birth_date);
    sql
}

pub async fn signup_step(db: &Db, user_id: i64) -> Result<SignupStep, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Step {
        signup_step: String,
    }
    let mut sql = Sql::new("SELECT signup_step FROM users WHERE id = ");
    sql.bind(user_id);
    let row: Step = db.fetch_one(sql).await?;
    Ok(SignupStep::from_code(&row.signup_step).unwrap_or(SignupStep::Done))
}

pub fn set_guardian(user_id: i64, name: Option<&str>, contact: Option<&str>) -> Sql {
    let mut sql = Sql::new("UPDATE users SET guardian_name = ");
    sql.bind(name.map(str::to_string)).push(", guardian_contact = ").bind(contact.map(str::to_string));
    sql.push(" WHERE id = ").bind(user_id);
    sql
}

pub fn record_consent(user_id: i64, kind: &str, version: &str, locale: &str) -> Sql {
    let mut sql = Sql::new("INSERT INTO consents (user_id, kind, version, locale, given_at) VALUES (");
    sql.bind(user_id).push(", ").bind(kind).push(", ").bind(version).push(", ").bind(locale).push(", ").bind(Utc::now()).push(")");
    sql
}

#[derive(sqlx::FromRow)]
pub struct ConsentRow {
    pub version: String,
    pub given_at: DateTime<Utc>,
}

pub async fn latest_consent(db: &Db, user_id: i64) -> Result<Option<ConsentRow>, sqlx::Error> {
    let mut sql = Sql::new("SELECT version, given_at FROM consents WHERE kind = 'personal_data' AND withdrawn_at IS NULL AND user_id = ");
    sql.bind(user_id).push(" ORDER BY given_at DESC, id DESC LIMIT 1");
    db.fetch_optional(sql).await
}

/// Deleting an account: personal data erased, sign-ins ended, consents marked withdrawn. The
/// row itself and its applications' hours stay, anonymous, so the figures stay true.
pub fn erase_personal_data(user_id: i64, email: &str) -> Vec<Sql> {
    let now = Utc::now();
    let mut erase = Sql::new("UPDATE users SET email = ");
    erase.bind(format!("deleted-{user_id}@deleted.invalid"));
    erase.push(", full_name = '', password_hash = NULL, email_verified_at = NULL, phone = NULL, birth_date = NULL, ");
    erase.push("region = NULL, is_moderator = FALSE, ");
    erase.push("locality = NULL, languages = '', directions = '', skills = '', availability = '', guardian_name = NULL, ");
    erase.push("guardian_contact = NULL, deleted_at = ").bind(now).push(" WHERE id = ").bind(user_id);
    let by_user = |table: &str| {
        let mut sql = Sql::new(&format!("DELETE FROM {table} WHERE user_id = "));
        sql.bind(user_id);
        sql
    };
    // An organisation whose only owner leaves passes to its longest-standing editor, so it is
    // never left without someone who can manage it. With no editor it stays, without members,
    // for the moderators.
    let mut hand_over = Sql::new(
        "UPDATE organization_members SET role = 'owner' WHERE role = 'editor' AND (organization_id, user_id) IN (\
         SELECT m.organization_id, (SELECT e.user_id FROM organization_members e WHERE e.organization_id = m.organization_id \
         AND e.role = 'editor' ORDER BY e.created_at, e.user_id LIMIT 1) FROM organization_members m WHERE m.role = 'owner' AND m.user_id = ",
    );
    hand_over.bind(user_id).push(" AND NOT EXISTS (SELECT 1 FROM organization_members o WHERE o.organization_id = m.organization_id AND o.role = 'owner' AND o.user_id <> ");
    hand_over.bind(user_id).push("))");
    let mut withdraw = Sql::new("UPDATE consents SET withdrawn_at = ");
    withdraw.bind(now).push(" WHERE withdrawn_at IS NULL AND user_id = ").bind(user_id);
    let mut answers = Sql::new("UPDATE applications SET answer = NULL WHERE user_id = ");
    answers.bind(user_id);
    // The hours stay on the applications; when and through which browser they were checked, not.
    let mut check_ins = Sql::new("DELETE FROM attendance_marks WHERE application_id IN (SELECT id FROM applications WHERE user_id = ");
    check_ins.bind(user_id).push(")");
    let online_sessions = crate::hours::online::store::erase(user_id);
    let mut mail = Sql::new("DELETE FROM mail_queue WHERE recipient = ");
    mail.bind(email);
    let pending = forget_pending_signups(Some(email));
    let mut limits = Sql::new("DELETE FROM rate_limits WHERE bucket IN (");
    let buckets = [crate::auth::rate_limit::SIGN_IN_PER_ACCOUNT, crate::auth::rate_limit::RESET_PER_ACCOUNT, crate::auth::rate_limit::SIGNUP_PER_EMAIL];
    for (i, limit) in buckets.iter().enumerate() {
        limits.push(if i == 0 { "" } else { ", " }).bind(crate::auth::rate_limit::bucket(*limit, email));
    }
    limits.push(")");
    let mut statements = vec![
        erase,
        by_user("sessions"),
        by_user("email_tokens"),
        by_user("known_devices"),
        by_user("guardian_requests"),
        hand_over,
    ];
    statements.extend(crate::organizations::store::orphaned_by(user_id));
    statements.extend([
        by_user("organization_members"),
        crate::organizations::store::members::delete_open_invitations_to(email),
        withdraw,
        answers,
        check_ins,
        online_sessions,
        crate::hours::certificates::store::erase_for(user_id),
        mail,
        pending,
        limits,
    ]);
    statements
}

#[derive(sqlx::FromRow, serde::Serialize)]
pub struct AccountExport {
    pub email: String,
    pub email_verified_at: Option<DateTime<Utc>>,
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub profile: ProfileRow,
    pub guardian_name: Option<String>,
    pub guardian_contact: Option<String>,
    pub locale: String,
    pub created_at: DateTime<Utc>,
    pub password_changed_at: Option<DateTime<Utc>>,
}

pub async fn account_export(db: &Db, user_id: i64) -> Result<Option<AccountExport>, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT email, email_verified_at, full_name, phone, birth_date, region, locality, languages, directions, skills, \
         availability, guardian_name, guardian_contact, locale, created_at, password_changed_at FROM users WHERE id = ",
    );
    sql.bind(user_id);
    db.fetch_optional(sql).await
}

#[derive(sqlx::FromRow, serde::Serialize)]
pub struct ConsentExport {
    pub kind: String,
    pub version: String,
    pub locale: String,
    pub given_at: DateTime<Utc>,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

pub async fn consents_export(db: &Db, user_id: i64) -> Result<Vec<ConsentExport>, sqlx::Error> {
    let mut sql = Sql::new("SELECT kind, version, locale, given_at, withdrawn_at FROM consents WHERE user_id = ");
    sql.bind(user_id).push(" ORDER BY given_at, id");
    db.fetch_all(sql).await
}

#[derive(sqlx::FromRow, serde::Serialize)]
pub struct ApplicationExport {
    pub campaign_id: i64,
    pub status: String,
    pub answer: Option<String>,
    pub hours: Option<f64>,
    pub hours_source: Option<String>,
    pub hours_confirmed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub async fn applications_export(db: &Db, user_id: i64) -> Result<Vec<ApplicationExport>, sqlx::Error> {
    let mut sql = Sql::new("SELECT campaign_id, status, answer, hours, hours_source, hours_confirmed_at, created_at, updated_at FROM applications WHERE user_id = ");
    sql.bind(user_id).push(" ORDER BY created_at, id");
    db.fetch_all(sql).await
}

/// Erases, a thousand at a time, the accounts whose signup was left unfinished since `before`
/// (their personal data must not be kept without consent).
pub async fn erase_abandoned_signups(db: &Db, before: DateTime<Utc>) -> Result<(), sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Abandoned {
        id: i64,
        email: String,
    }
    let mut sql = Sql::new("SELECT id, email FROM users WHERE signup_step <> 'done' AND deleted_at IS NULL AND created_at < ");
    sql.bind(before).push(" LIMIT 1000");
    for user in db.fetch_all::<Abandoned>(sql).await? {
        db.execute_all(erase_personal_data(user.id, &user.email)).await?;
    }
    Ok(())
}

/// Deletes an account: its open applications are withdrawn, its help requests withdrawn or
/// given back, and its personal data erased, all in one transaction.
pub async fn delete_account(db: &Db, user_id: i64, email: &str) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    crate::volunteers::applications::store::cancel_all_open(&mut tx, user_id).await?;
    crate::help::store::withdraw_own_requests(&mut tx, user_id).await?;
    crate::help::store::return_taken_requests(&mut tx, user_id).await?;
    for sql in erase_personal_data(user_id, email) {
        tx.execute(sql).await?;
    }
    tx.commit().await
}
