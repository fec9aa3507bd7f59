//! A body kept ready in each encoding a browser may ask for (identity, gzip, brotli), each
//! compressed once, the first time it is asked for. The page cache keeps its pages this way,
//! and the bundle's texts are served from it.

use axum::body::{Body, Bytes};
use axum::http::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_LENGTH, VARY};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use std::io::Write;
use std::sync::OnceLock;

/// Brotli 5 and gzip 6: most of the saving for a fraction of the best levels' time, for bodies
/// that change every few seconds.
pub const QUICK: Levels = Levels { brotli: 5, gzip: 6 };
/// The best levels, for bodies made once per build and kept for a year.
pub const BEST: Levels = Levels { brotli: 11, gzip: 9 };

#[derive(Clone, Copy, Debug)]
pub struct Levels {
    brotli: u32,
    gzip: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    /// The best encoding the request accepts (`q=0` refuses one).
    pub fn accepted(headers: &HeaderMap) -> Encoding {
        let accepts = |name: &str| {
            headers.get_all(ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(|item| {
                let mut parts = item.split(';').map(str::trim);
                parts.next().is_some_and(|coding| coding.eq_ignore_ascii_case(name)) && !parts.any(|p| p.replace(' ', "") == "q=0")
            })
        };
        if accepts("br") {
            Encoding::Brotli
        } else if accepts("gzip") {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }
}

pub struct Compressed {
    body: Bytes,
    levels: Levels,
    brotli: OnceLock<Bytes>,
    gzip: OnceLock<Bytes>,
}

impl Compressed {
    pub fn new(body: Bytes, levels: Levels) -> Compressed {
        Compressed { body, levels, brotli: OnceLock::new(), gzip: OnceLock::new() }
    }

    /// The body as it is, uncompressed.
    pub fn plain(&self) -> &Bytes {
        &self.body
    }

    pub fn body_in(&self, encoding: Encoding) -> Bytes {
        match encoding {
            Encoding::Identity => self.body.clone(),
            Encoding::Brotli => self.brotli.get_or_init(|| brotli(&self.body, self.levels.brotli)).clone(),
            Encoding::Gzip => self.gzip.get_or_init(|| gzip(&self.body, self.levels.gzip)).clone(),
        }
    }

    /// An answer with `headers` and the body in `encoding`, saying so (and that it varies by
    /// the browser's Accept-Encoding, for shared caches).
    pub fn answer(&self, mut headers: HeaderMap, encoding: Encoding) -> Response {
        let body = self.body_in(encoding);
        headers.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
        headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
        match encoding {
            Encoding::Brotli => headers.insert(CONTENT_ENCODING, HeaderValue::from_static("br")),
            Encoding::Gzip => headers.insert(CONTENT_ENCODING, HeaderValue::from_static("gzip")),
            Encoding::Identity => headers.remove(CONTENT_ENCODING),
        };
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = headers;
        response
    }
}

fn brotli(body: &[u8], quality: u32) -> Bytes {
    let mut out = Vec::with_capacity(body.len() / 4);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 16 * 1024, quality, 22);
        let _ = writer.write_all(body);
    }
    Bytes::from(out)
}

fn gzip(body: &[u8], level: u32) -> Bytes {
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 4), flate2::Compression::new(level));
    let _ = encoder.write_all(body);
    Bytes::from(encoder.finish().unwrap_or_default())
}
