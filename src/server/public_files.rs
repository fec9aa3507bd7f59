//! The files of `public/` that pages link to (the favicon, the street-map script, Leaflet), at
//! addresses that carry a hash of their content: `/static/{hash}/street-map.js`. A browser keeps
//! them for a year without asking again, and a release that changes a file gives it a new address.
//!
//! The bundle under `/pkg` gets its hashes from cargo-leptos; these files are copied as they are,
//! so the server hashes them when it starts. A release replaces them and restarts the server;
//! a file changed under a running server would keep its old address.

use sha2::{Digest, Sha256};
use std::path::Path;

/// Where the addresses with a hash start.
pub const PREFIX: &str = "/static";

/// The hashes of the linked files, read once when the server starts.
#[derive(Debug, Default)]
pub struct PublicFiles {
    hashes: Vec<(&'static str, String)>,
}

impl PublicFiles {
    /// Hashes each linked file or directory (`linked`, a directory hashed as a whole) found under
    /// `site_root`; one that is missing (a unit test without a build) keeps its plain address.
    pub fn read(site_root: &Path, linked: &[&'static str]) -> PublicFiles {
        let hashes = linked
            .iter()
            .filter_map(|entry| content_hash(&site_root.join(entry)).map(|hash| (*entry, hash)))
            .collect();
        PublicFiles { hashes }
    }

    /// The address of `path` (a linked file, or a file inside a linked directory).
    pub fn url(&self, path: &str) -> String {
        match self.entry_of(path) {
            Some((_, hash)) => format!("{PREFIX}/{hash}/{path}"),
            None => format!("/{path}"),
        }
    }

    /// The linked entry `path` belongs to, with its current hash.
    pub fn entry_of(&self, path: &str) -> Option<(&'static str, &str)> {
        self.hashes
            .iter()
            .find(|(entry, _)| path == *entry || path.strip_prefix(entry).is_some_and(|rest| rest.starts_with('/')))
            .map(|(entry, hash)| (*entry, hash.as_str()))
    }
}

/// The first 16 hex digits of SHA-256 over a file, or over a directory's files (their paths
/// and contents, in path order). The `.br` and `.gz` copies follow their originals, so they
/// are left out.
fn content_hash(path: &Path) -> Option<String> {
    let mut files = Vec::new();
    collect_files(path, path, &mut files).ok()?;
    if files.is_empty() {
        return None;
    }
    files.sort();
    let mut hasher = Sha256::new();
    for (relative, full) in files {
        let bytes = std::fs::read(&full).ok()?;
        hasher.update(relative.as_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    Some(hex::encode(&hasher.finalize()[..8]))
}

fn collect_files(root: &Path, path: &Path, files: &mut Vec<(String, std::path::PathBuf)>) -> std::io::Result<()> {
    let metadata = std::fs::metadata(path)?;
    if metadata.is_dir() {
        for entry in std::fs::read_dir(path)? {
            collect_files(root, &entry?.path(), files)?;
        }
    } else if !matches!(path.extension().and_then(|e| e.to_str()), Some("br" | "gz")) {
        let relative = path.strip_prefix(root).unwrap_or(path).to_string_lossy().into_owned();
        files.push((relative, path.to_path_buf()));
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::app::{FAVICON, LINKED_PUBLIC_FILES, STREET_MAP_SCRIPT};

    /// A site root of its own holding `files` (path, content), for tests to remove.
    pub(crate) fn site_with(files: &[(&str, &[u8])]) -> std::path::PathBuf {
        let root = std::env::temp_dir().join(crate::server::testing::unique_name());
        for (path, bytes) in files {
            let full = root.join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, bytes).unwrap();
        }
        root
    }

    #[test]
    fn addresses_change_with_content_and_only_then() {
        let files: [(&str, &[u8]); 3] = [("street-map.js", b"one"), ("vendor/leaflet/leaflet.js", b"L"), ("vendor/leaflet/images/a.png", b"png")];
        let first = site_with(&files);
        let public = PublicFiles::read(&first, &LINKED_PUBLIC_FILES);
        let script = public.url(STREET_MAP_SCRIPT);
        assert!(script.starts_with("/static/") && script.ends_with("/street-map.js") && script.len() == "/static//street-map.js".len() + 16, "{script}");
        let leaflet = public.url("vendor/leaflet/leaflet.js");
        assert_eq!(public.url("vendor/leaflet/images/a.png").rsplit_once("/vendor").unwrap().0, leaflet.rsplit_once("/vendor").unwrap().0);
        // No favicon in this site: its plain address.
        assert_eq!(public.url(FAVICON), "/favicon.svg");
        // Not under a linked entry: no hash, and nothing served under /static for it.
        assert_eq!(public.url("vendor/leafletx.js"), "/vendor/leafletx.js");
        assert!(public.entry_of("pkg/birgemiz.js").is_none());

        // The same content elsewhere, with compressed copies beside it: the same addresses.
        let same = site_with(&[files[0], files[1], files[2], ("street-map.js.br", b"x")]);
        assert_eq!(PublicFiles::read(&same, &LINKED_PUBLIC_FILES).url(STREET_MAP_SCRIPT), script);
        // One image of Leaflet changed: Leaflet's address changes, the script's does not.
        let changed = site_with(&[files[0], files[1], ("vendor/leaflet/images/a.png", b"png2")]);
        let changed_public = PublicFiles::read(&changed, &LINKED_PUBLIC_FILES);
        assert_eq!(changed_public.url(STREET_MAP_SCRIPT), script);
        assert_ne!(changed_public.url("vendor/leaflet/leaflet.js"), leaflet);
        for root in [first, same, changed] {
            std::fs::remove_dir_all(root).unwrap();
        }
    }
}
