//! Outgoing mail. A message is first written to the `mail_queue` table, in the same
//! transaction as whatever it tells about, so that nothing is lost when the mail server is
//! down. A worker then delivers the queue: by SMTP when `BIRGEMIZ_SMTP_URL` is set, otherwise
//! into the outbox folder as `.eml` files that a developer (and the browser tests) can read.

use super::db::{Db, Sql};
use chrono::{DateTime, Utc};
use lettre::message::{Mailbox, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// How many times a message is tried before it is left for a person to look at.
const MAX_ATTEMPTS: i64 = 10;

pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// The statement that queues `mail`.
pub fn enqueue(mail: &Mail) -> Sql {
    let mut sql = Sql::new("INSERT INTO mail_queue (recipient, subject, body, created_at) VALUES (");
    sql.bind(mail.to.as_str()).push(", ").bind(mail.subject.as_str()).push(", ").bind(mail.body.as_str());
    sql.push(", ").bind(Utc::now()).push(")");
    sql
}

#[derive(Clone)]
pub enum Transport {
    Outbox(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

#[derive(Clone)]
pub struct Mailer {
    pub transport: Transport,
    pub from: Mailbox,
    /// Wakes the worker as soon as something is queued.
    pub wake: Arc<Notify>,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Mailer")
    }
}

impl Mailer {
    pub fn new(smtp_url: Option<&str>, outbox: PathBuf, from: &str) -> Result<Mailer, String> {
        let from: Mailbox = from.parse().map_err(|e| format!("BIRGEMIZ_MAIL_FROM: {e}"))?;
        let transport = match smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|e| format!("BIRGEMIZ_SMTP_URL: {e}"))?.build(),
            ),
            None => Transport::Outbox(outbox),
        };
        Ok(Mailer { transport, from, wake: Arc::new(Notify::new()) })
    }
}

#[derive(sqlx::FromRow)]
struct Queued {
    id: i64,
    recipient: String,
    subject: String,
    body: String,
    created_at: DateTime<Utc>,
}

fn message(mailer: &Mailer, mail: &Queued) -> Result<Message, String> {
    let to: Mailbox = mail.recipient.parse().map_err(|e| format!("recipient: {e}"))?;
    Message::builder()
        .from(mailer.from.clone())
        .to(to)
        .subject(mail.subject.clone())
        .date(mail.created_at.into())
        .singlepart(SinglePart::builder().header(lettre::message::header::ContentType::TEXT_PLAIN).body(mail.body.clone()))
        .map_err(|e| e.to_string())
}

async fn send(mailer: &Mailer, mail: &Queued) -> Result<(), String> {
    let message = message(mailer, mail)?;
    match &mailer.transport {
        Transport::Smtp(smtp) => smtp.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
        Transport::Outbox(folder) => {
            tokio::fs::create_dir_all(folder).await.map_err(|e| e.to_string())?;
            let name = format!("{:08}-{}.eml", mail.id, mail.recipient.replace(['/', '\\'], "_"));
            tokio::fs::write(folder.join(name), message.formatted()).await.map_err(|e| e.to_string())
        }
    }
}

/// Delivers what is waiting; returns how many messages went out.
pub async fn deliver_queue(db: &Db, mailer: &Mailer) -> Result<usize, sqlx::Error> {
    let mut sql = Sql::new("SELECT id, recipient, subject, body, created_at FROM mail_queue WHERE sent_at IS NULL AND attempts < ");
    sql.bind(MAX_ATTEMPTS).push(" ORDER BY id LIMIT 50");
    let waiting: Vec<Queued> = db.fetch_all(sql).await?;
    let mut sent = 0;
    for mail in waiting {
        let mut update = match send(mailer, &mail).await {
            Ok(()) => {
                sent += 1;
                // The body holds a one-time link: once delivered, the database keeps no copy.
                let mut sql = Sql::new("UPDATE mail_queue SET body = '', sent_at = ");
                sql.bind(Utc::now());
                sql
            }
            Err(error) => {
                tracing::warn!(id = mail.id, %error, "mail not delivered; will retry");
                Sql::new("UPDATE mail_queue SET attempts = attempts + 1")
            }
        };
        update.push(" WHERE id = ").bind(mail.id);
        db.execute(update).await?;
    }
    Ok(sent)
}

/// Runs for the life of the server: delivers when woken, and every half minute for retries.
/// Delivered mail is kept a day for support questions, then removed (its links are spent or
/// expired by then).
pub async fn forget_delivered(db: &Db, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let mut sent = Sql::new("DELETE FROM mail_queue WHERE sent_at < ");
    sent.bind(now - chrono::Duration::days(1));
    db.execute(sent).await.map(|_| ())
}

pub fn spawn_worker(db: Db, mailer: Mailer) {
    tokio::spawn(async move {
        loop {
            if let Err(error) = deliver_queue(&db, &mailer).await {
                tracing::warn!(%error, "mail queue unreadable");
            }
            tokio::select! {
                _ = mailer.wake.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(30)) => {}
            }
        }
    });
}
