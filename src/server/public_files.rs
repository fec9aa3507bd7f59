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
        let root = std::env::temp_dir().join(crate::testing::unique_name());
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

    #[tokio::test]
    async fn public_files_are_linked_by_content_hash_and_kept_for_a_year() {
        use crate::testing::http::{attribute_of, get, send, send_raw};
        use axum::body::Body;
        use axum::http::{header, Request, StatusCode};
        use crate::testing::{app_state, TestDb};
        use crate::wiring::router;
        let script = b"(() => { /* the street map */ })();".repeat(40);
        let mut script_br = Vec::new();
        {
            use std::io::Write;
            let mut writer = brotli::CompressorWriter::new(&mut script_br, 4096, 11, 22);
            writer.write_all(&script).unwrap();
        }
        let site = site_with(&[
            ("favicon.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            ("street-map.js", &script),
            ("street-map.js.br", &script_br),
            ("vendor/leaflet/leaflet.js", b"window.L = {};"),
            ("vendor/leaflet/images/layers.png", b"\x89PNG"),
            ("pkg/birgemiz.js", b"bundle"),
            ("secret.txt", b"not linked"),
        ]);
        let test_db = TestDb::sqlite().await;
        let mut state = app_state(test_db.db.clone());
        state.leptos_options.site_root = site.display().to_string().into();
        state.public_files = std::sync::Arc::new(PublicFiles::read(&site, &crate::app::LINKED_PUBLIC_FILES));
        let app = router::build(state);

        let page = get(&app, "/en").await;
        assert_eq!(page.status, StatusCode::OK);
        let favicon = attribute_of(&page.body, "rel=\"icon\"", "href");
        let street_map = attribute_of(&page.body, "name=\"birgemiz-street-map\"", "content");
        let leaflet = attribute_of(&page.body, "name=\"birgemiz-street-map\"", "data-leaflet");
        assert!(favicon.starts_with("/static/") && favicon.ends_with("/favicon.svg"), "{favicon}");
        assert!(street_map.starts_with("/static/") && street_map.ends_with("/street-map.js"), "{street_map}");
        assert!(leaflet.starts_with("/static/") && leaflet.ends_with("/vendor/leaflet"), "{leaflet}");

        let immutable = "public, max-age=31536000, immutable";
        let brotli = |uri: &str| Request::get(uri).header(header::ACCEPT_ENCODING, "br, gzip").body(Body::empty()).unwrap();
        let (headers, body) = send_raw(&app, brotli(&street_map)).await;
        assert_eq!(headers[header::CACHE_CONTROL], immutable);
        assert_eq!(headers[header::CONTENT_ENCODING], "br", "the precompressed copy is sent");
        assert_eq!(body, script_br);
        assert_eq!(headers[header::VARY], "accept-encoding", "a shared cache keeps each encoding apart");
        let plain = get(&app, &street_map).await;
        assert_eq!((plain.status, plain.body.as_bytes()), (StatusCode::OK, script.as_slice()));
        // A signed-in visitor's pages are not kept, but the files are the same for everyone.
        let session = format!("birgemiz-session={}", "0a".repeat(32));
        let signed_in = Request::get(&street_map).header(header::COOKIE, &session).body(Body::empty()).unwrap();
        assert_eq!(send(&app, signed_in).await.headers[header::CACHE_CONTROL], immutable);
        let signed_in_page = Request::get("/en").header(header::COOKIE, &session).body(Body::empty()).unwrap();
        let answer = send(&app, signed_in_page).await;
        assert_eq!(answer.headers.get(header::CACHE_CONTROL).map(|v| v.to_str().unwrap()), Some("private, no-store"), "{:?} {:?}", answer.status, answer.headers);
        for uri in [favicon.clone(), format!("{leaflet}/leaflet.js"), format!("{leaflet}/images/layers.png")] {
            let answer = get(&app, &uri).await;
            assert_eq!((answer.status, answer.headers[header::CACHE_CONTROL].to_str().unwrap()), (StatusCode::OK, immutable), "{uri}");
        }

        // A page of an earlier release names an old hash: it gets the file as it is now, not kept.
        let stale = get(&app, "/static/0123456789abcdef/street-map.js").await;
        assert_eq!((stale.status, stale.headers[header::CACHE_CONTROL].to_str().unwrap()), (StatusCode::OK, "no-cache"));
        assert_eq!(stale.body.as_bytes(), script.as_slice());
        // Only the linked files are under /static, and nothing outside them.
        let hash = street_map.split('/').nth(2).unwrap();
        for uri in [
            format!("/static/{hash}/secret.txt"),
            format!("/static/{hash}/pkg/birgemiz.js"),
            format!("{leaflet}/../../secret.txt"),
            format!("{leaflet}/%2e%2e/%2e%2e/secret.txt"),
            format!("{leaflet}/missing.js"),
            // A linked folder is not a page: no redirect, no index.
            leaflet.clone(),
            format!("{leaflet}/"),
            "/static/".to_string(),
        ] {
            let answer = get(&app, &uri).await;
            assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
            assert!(!answer.body.contains("not linked"), "{uri}");
        }
        // The plain addresses still answer, for an hour.
        let old = get(&app, "/street-map.js").await;
        assert_eq!((old.status, old.headers[header::CACHE_CONTROL].to_str().unwrap()), (StatusCode::OK, "public, max-age=3600"));
        test_db.remove().await;
        std::fs::remove_dir_all(site).unwrap();
    }
}
