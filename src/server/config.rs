//! Settings from environment variables, each with a safe default (see the README).

use std::net::SocketAddr;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DemoData {
    /// Nothing is loaded.
    Off,
    /// A realistic country-wide set, loaded on first start into an empty database.
    Standard,
    /// 100,000 campaigns and 5,000 organisations, for benchmarks.
    Scale,
}

#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://path/to/file.db` (default) or `postgres://user@host/db`.
    pub database_url: String,
    pub database_max_connections: u32,
    pub listen: SocketAddr,
    /// The address visitors use, such as `https://birgemiz.kz`; decides secure cookies and
    /// which `Origin` counts as this site.
    pub public_url: String,
    pub log: String,
    pub demo_data: DemoData,
    /// The street-map tiles (`{z}/{x}/{y}` placeholders) and their required credit; `None` when
    /// turned off. Visitors' browsers fetch them directly.
    pub tiles: Option<Tiles>,
    /// Behind a reverse proxy: take the client's address from the last `X-Forwarded-For` hop.
    pub trust_forwarded: bool,
    /// Volunteers younger than this need a parent's or guardian's consent (law on volunteer
    /// activity; 16 by the 2025 ministry statement).
    pub guardian_consent_under: u32,
    /// `smtp://…` or `smtps://user:password@host` to send mail; `None` writes it to `outbox`.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub outbox: String,
    /// Where uploaded files (organisations' logos) are kept.
    pub uploads: String,
    /// Where the built browser files are (`target/site` as cargo-leptos builds them).
    pub site_root: String,
    /// An anonymous help request posted sooner than this after its form was served is refused
    /// (scripts post at once; see `help/abuse.rs`).
    pub help_min_fill_seconds: i64,
    /// How long a public page rendered for a visitor without an account is served to others
    /// (see `page_cache.rs`); 0 renders every request.
    pub page_cache_seconds: u64,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let listen = var("BIRGEMIZ_LISTEN").unwrap_or_else(|| "127.0.0.1:3000".into());
        let listen: SocketAddr = listen.parse().map_err(|_| format!("BIRGEMIZ_LISTEN: not an address: {listen}"))?;
        let database_url = var("BIRGEMIZ_DATABASE_URL").unwrap_or_else(|| "sqlite://data/birgemiz.db".into());
        if !["sqlite:", "postgres://", "postgresql://"].iter().any(|p| database_url.starts_with(p)) {
            return Err("BIRGEMIZ_DATABASE_URL: expected sqlite://… or postgres://…".into());
        }
        let default_connections = if database_url.starts_with("sqlite:") { 8 } else { 16 };
        let database_max_connections = match var("BIRGEMIZ_DATABASE_MAX_CONNECTIONS") {
            None => default_connections,
            Some(n) => n.parse().ok().filter(|n| (1..=1000).contains(n)).ok_or("BIRGEMIZ_DATABASE_MAX_CONNECTIONS: expected 1 to 1000")?,
        };
        let demo_data = match var("BIRGEMIZ_DEMO_DATA").as_deref() {
            None | Some("standard") | Some("on") => DemoData::Standard,
            Some("off") => DemoData::Off,
            Some("scale") => DemoData::Scale,
            Some(other) => return Err(format!("BIRGEMIZ_DEMO_DATA: expected standard, scale or off, not {other}")),
        };
        let public_url = var("BIRGEMIZ_PUBLIC_URL").unwrap_or_else(|| format!("http://{listen}"));
        let public_url = public_url.trim_end_matches('/').to_string();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err("BIRGEMIZ_PUBLIC_URL: expected http://… or https://…".into());
        }
        Ok(Config {
            database_url,
            database_max_connections,
            listen,
            public_url,
            log: var("BIRGEMIZ_LOG").unwrap_or_else(|| "info".into()),
            demo_data,
            trust_forwarded: matches!(var("BIRGEMIZ_TRUST_FORWARDED").as_deref(), Some("1" | "true" | "yes")),
            guardian_consent_under: match var("BIRGEMIZ_GUARDIAN_CONSENT_UNDER") {
                None => 16,
                Some(n) => n.parse().ok().filter(|n| (10..=18).contains(n)).ok_or("BIRGEMIZ_GUARDIAN_CONSENT_UNDER: expected an age from 10 to 18")?,
            },
            smtp_url: var("BIRGEMIZ_SMTP_URL"),
            mail_from: var("BIRGEMIZ_MAIL_FROM").unwrap_or_else(|| "Birgemiz <no-reply@birgemiz.kz>".into()),
            outbox: var("BIRGEMIZ_OUTBOX").unwrap_or_else(|| "data/outbox".into()),
            uploads: var("BIRGEMIZ_UPLOADS").unwrap_or_else(|| "data/uploads".into()),
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            page_cache_seconds: match var("BIRGEMIZ_PAGE_CACHE_SECONDS") {
                None => 2,
                Some(n) => n.parse().ok().filter(|n| *n <= 60).ok_or("BIRGEMIZ_PAGE_CACHE_SECONDS: expected 0 to 60")?,
            },
            help_min_fill_seconds: match var("BIRGEMIZ_HELP_MIN_FILL_SECONDS") {
                None => 3,
                Some(n) => n.parse().ok().filter(|n| (0..=60).contains(n)).ok_or("BIRGEMIZ_HELP_MIN_FILL_SECONDS: expected 0 to 60")?,
            },
            tiles: match var("BIRGEMIZ_TILE_URL").as_deref() {
                Some("off") => None,
                Some(url) if !(url.starts_with("https://") || url.starts_with("http://")) || !url.contains("{z}") => {
                    return Err("BIRGEMIZ_TILE_URL: expected an http(s) address with {z}, {x} and {y}, or off".into())
                }
                url => Some(Tiles {
                    url: url.unwrap_or("https://tile.openstreetmap.org/{z}/{x}/{y}.png").to_string(),
                    attribution: var("BIRGEMIZ_TILE_ATTRIBUTION").unwrap_or_else(|| "© OpenStreetMap contributors".into()),
                }),
            },
        })
    }

    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// Where the street-map layer's tiles come from, and the credit they require.
#[derive(Clone, Debug, PartialEq)]
pub struct Tiles {
    pub url: String,
    pub attribution: String,
}

impl Tiles {
    /// `https://tile.openstreetmap.org` for the page's content security policy; a `{s}.`
    /// subdomain placeholder becomes a wildcard.
    pub fn origin(&self) -> String {
        let (scheme, rest) = self.url.split_once("://").unwrap_or(("https", &self.url));
        let host = rest.split('/').next().unwrap_or_default().replace("{s}.", "*.");
        format!("{scheme}://{host}")
    }
}

#[cfg(test)]
mod tiles_tests {
    use super::*;

    #[test]
    fn the_tile_servers_origin_goes_into_the_content_security_policy() {
        let osm = Tiles { url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into(), attribution: String::new() };
        assert_eq!(osm.origin(), "https://tile.openstreetmap.org");
        let sharded = Tiles { url: "https://{s}.tiles.example.kz/{z}/{x}/{y}.png".into(), attribution: String::new() };
        assert_eq!(sharded.origin(), "https://*.tiles.example.kz");
    }
}
