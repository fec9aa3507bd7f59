//! Server plumbing (ssr only): configuration, database, security layers, mail, the page cache,
//! languages and forms. It knows no part of the platform; `wiring/` puts the parts together.

pub mod assets;
pub mod compressed;
pub mod config;
pub mod cookies;
pub mod csv;
pub mod db;
pub mod health;
pub mod languages;
pub mod mail;
pub mod open_data;
pub mod memo;
pub mod page_cache;
pub mod public_files;
pub mod secrets;
pub mod security;

#[cfg(test)]
pub(crate) mod http_tests;
