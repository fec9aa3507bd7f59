//! The command line: `birgemiz [serve]` runs the platform, `birgemiz demo [--scale]` loads demo
//! data into the configured database.

use crate::server::config::{Config, DemoData};
use crate::server::db::Db;
use super::state::AppState;
use leptos::config::LeptosOptions;
use std::sync::Arc;
use std::time::Duration;

const USAGE: &str = "usage: birgemiz [serve | demo [--scale] | make-moderator EMAIL | make-operator EMAIL | verify-ledger | help]\nSettings come from BIRGEMIZ_* environment variables; see README.md.";

pub async fn main(args: Vec<String>) -> Result<(), String> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let config = Config::from_env()?;
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_new(&config.log).map_err(|e| format!("BIRGEMIZ_LOG: {e}"))?)
        .init();
    match args.as_slice() {
        [] | ["serve"] => serve(config).await,
        ["demo"] => load_demo(config, DemoData::Standard).await,
        ["demo", "--scale"] => load_demo(config, DemoData::Scale).await,
        ["make-moderator", email] => give_role(config, email, Role::Moderator).await,
        ["make-operator", email] => give_role(config, email, Role::Operator).await,
        ["verify-ledger"] => verify_ledger(config).await,
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_string()),
    }
}

/// Connects and migrates, waiting up to a minute for a database that is still starting.
async fn open_database(config: &Config) -> Result<Db, String> {
    let mut attempt = 0;
    let db = loop {
        match Db::connect(&config.database_url, config.database_max_connections).await {
            Ok(db) => break db,
            Err(error) if attempt < 30 => {
                attempt += 1;
                tracing::warn!(%error, attempt, "database not reachable yet; retrying");
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
            Err(error) => return Err(format!("cannot open the database: {error}")),
        }
    };
    db.migrate().await.map_err(|e| format!("cannot migrate the database: {e}"))?;
    Ok(db)
}

async fn load_demo(config: Config, size: DemoData) -> Result<(), String> {
    let db = open_database(&config).await?;
    let loaded = crate::demo::load(&db, size).await.map_err(|e| format!("cannot load demo data: {e}"))?;
    if !loaded {
        println!("demo data were already loaded into this database; nothing done");
    }
    db.close().await;
    Ok(())
}

enum Role {
    Moderator,
    Operator,
}

/// Gives the account with this address a role: the first moderator is made so, and
/// front-office operators who file help requests for others.
async fn give_role(config: Config, email: &str, role: Role) -> Result<(), String> {
    let db = open_database(&config).await?;
    let email = crate::forms::checks::normalize_email(email);
    let (done, name) = match role {
        Role::Moderator => (crate::auth::store::make_moderator(&db, &email).await, "a moderator"),
        Role::Operator => (crate::auth::store::make_operator(&db, &email).await, "an operator"),
    };
    let done = done.map_err(|e| format!("cannot update the account: {e}"))?;
    db.close().await;
    if done {
        println!("{email} is now {name}");
        Ok(())
    } else {
        Err(format!("no account has the address {email}"))
    }
}

/// Checks the help ledger's hash chain and every request's status against it.
async fn verify_ledger(config: Config) -> Result<(), String> {
    let db = open_database(&config).await?;
    let result = crate::help::ledger::verify(&db).await.map_err(|e| format!("cannot read the ledger: {e}"))?;
    db.close().await;
    match result.problem {
        None => {
            println!("the help ledger is intact: {} entries, {} requests checked", result.entries, result.requests);
            Ok(())
        }
        Some(problem) => Err(format!("the help ledger was tampered with: {problem} ({} entries before it are intact)", result.entries)),
    }
}

async fn serve(config: Config) -> Result<(), String> {
    let db = open_database(&config).await?;
    if config.demo_data != DemoData::Off {
        crate::demo::load(&db, config.demo_data.clone()).await.map_err(|e| format!("cannot load demo data: {e}"))?;
    }
    let leptos_options = LeptosOptions::builder()
        .output_name("birgemiz")
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.listen)
        .hash_files(crate::server::assets::hashed_names())
        .build();
    let listener = tokio::net::TcpListener::bind(config.listen).await.map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    tracing::info!("Birgemiz is serving on http://{}", config.listen);
    let mailer = crate::server::mail::Mailer::new(config.smtp_url.as_deref(), config.outbox.clone().into(), &config.mail_from)?;
    crate::server::mail::spawn_worker(db.clone(), mailer.clone());
    super::maintenance::spawn(db.clone());
    let page_cache = (config.page_cache_seconds > 0)
        .then(|| Arc::new(crate::server::page_cache::PageCache::new(Duration::from_secs(config.page_cache_seconds))));
    let memos = Arc::new(super::state::Memos::kept());
    memos.count_in_background(&db);
    let public_files = Arc::new(crate::server::public_files::PublicFiles::read(std::path::Path::new(&config.site_root), &crate::app::LINKED_PUBLIC_FILES));
    let state = AppState { db: db.clone(), config: Arc::new(config), leptos_options, mailer, page_cache, memos, public_files };
    // The peer address feeds the sign-in limits.
    let app = super::router::build(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))?;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Ctrl-C or SIGTERM: stop taking connections and let the requests in flight finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
