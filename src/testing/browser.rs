//! A browser for tests: its own cookies and client address, posting forms as a person does;
//! and the steps most tests start with (signing up, reading the link of a mail).

use super::http::{send, Answer};
use crate::server::db::{Db, Sql};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;

/// A browser: its own cookies and its own client address.
#[derive(Clone)]
pub(crate) struct Browser {
    pub(crate) cookies: Vec<(String, String)>,
    address: String,
}

impl Browser {
    pub(crate) fn new(address: &str) -> Browser {
        Browser { cookies: Vec::new(), address: address.to_string() }
    }

    pub(crate) fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(n, v)| format!("{n}={v}")).collect::<Vec<_>>().join("; ")
    }

    pub(crate) fn session(&self) -> Option<String> {
        self.cookies.iter().find(|(n, _)| n == "birgemiz-session").map(|(_, v)| v.clone())
    }

    pub(crate) fn keep_cookies(&mut self, answer: &Answer) {
        for value in answer.headers.get_all(header::SET_COOKIE) {
            let pair = value.to_str().unwrap().split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            self.cookies.retain(|(n, _)| n != name);
            if !value.is_empty() {
                self.cookies.push((name.to_string(), value.to_string()));
            }
        }
    }

    pub(crate) async fn post(&mut self, app: &Router, uri: &str, fields: &[(&str, &str)]) -> Answer {
        let body: String = form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
        let request = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .header("x-forwarded-for", &self.address)
            .header(header::COOKIE, self.cookie_header())
            .body(Body::from(body))
            .unwrap();
        let answer = send(app, request).await;
        self.keep_cookies(&answer);
        answer
    }

    pub(crate) async fn get(&mut self, app: &Router, uri: &str) -> Answer {
        let request = Request::get(uri).header(header::COOKIE, self.cookie_header()).body(Body::empty()).unwrap();
        send(app, request).await
    }

    /// The raw bytes of a download (a PDF).
    pub(crate) async fn get_bytes(&mut self, app: &Router, uri: &str) -> Vec<u8> {
        let request = Request::get(uri).header(header::COOKIE, self.cookie_header()).body(Body::empty()).unwrap();
        super::http::send_raw(app, request).await.1
    }

    /// Who the server thinks is signed in: the viewer server function's JSON.
    pub(crate) async fn viewer_email(&mut self, app: &Router) -> Option<String> {
        let answer = self.get(app, "/api/viewer").await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        answer.json()["email"].as_str().map(str::to_string)
    }
}

pub(crate) fn location(answer: &Answer) -> &str {
    answer.headers.get(header::LOCATION).map(|v| v.to_str().unwrap()).unwrap_or("")
}

/// The link of the last mail to `to`, by its path (`/verify`, `/password/reset`).
pub(crate) async fn token_from_mail(db: &Db, to: &str) -> String {
    #[derive(sqlx::FromRow)]
    struct Body {
        body: String,
    }
    let mut sql = Sql::new("SELECT body FROM mail_queue WHERE recipient = ");
    sql.bind(to).push(" ORDER BY id DESC LIMIT 1");
    let mail: Body = db.fetch_one(sql).await.expect("a mail was queued");
    mail.body.split("token=").nth(1).expect("the mail holds a link").chars().take(64).collect()
}

pub(crate) async fn count(db: &Db, sql: &str) -> i64 {
    db.fetch_count(Sql::new(sql)).await.unwrap()
}

pub(crate) const PASSWORD: &str = "жасыл алма бақта";

/// Signs up in `browser` up to the "about you" step: the first step, then the mailed link.
pub(crate) async fn sign_up(app: &Router, db: &Db, browser: &mut Browser, email: &str) {
    let answer = browser.post(app, "/kk/signup", &[("email", email), ("password", PASSWORD)]).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(location(&answer), "/kk/signup?sent=1");
    let token = token_from_mail(db, &email.to_lowercase()).await;
    let answer = browser.post(app, "/kk/signup/confirm", &[("token", &token)]).await;
    assert_eq!(location(&answer), "/kk/signup/about", "{}", answer.body);
}

