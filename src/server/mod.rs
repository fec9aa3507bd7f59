//! Server plumbing (ssr only): configuration, database, security layers, the router.

pub mod assets;
pub mod config;
pub mod db;
pub mod forms;
pub mod health;
pub mod languages;
pub mod mail;
pub mod maintenance;
pub mod memo;
pub mod page_cache;
pub mod public_files;
pub mod router;
pub mod run;
pub mod security;
pub mod state;

#[cfg(test)]
pub mod testing;
#[cfg(test)]
pub(crate) mod http_tests;
