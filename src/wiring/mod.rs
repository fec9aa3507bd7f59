//! The one place that names every part of the platform (ssr only): the router that registers
//! each part's pages, server functions, form posts and open data; the application state with
//! the figures the parts keep in memory; the start of the server and its commands; and the
//! hourly housekeeping each part asks for. `server/` is the plumbing beneath, and knows no part.

pub mod maintenance;
pub mod router;
pub mod run;
pub mod state;
