//! Organisations' logos: uploaded as PNG, JPEG or WebP up to 2 MB, recognised by their content
//! (never by name or declared type), decoded under size limits (an image bomb is refused before
//! it is unpacked), resized to fit 256 × 256 and re-encoded as WebP under a random name. Served
//! with headers that let a browser show them only as images.

use super::access::Member;
use super::store;
use crate::errors::AppError;
use crate::i18n::{Key, Locale};
use crate::forms::{FormPosts, Outcome, Refusal};
use crate::forms::{FieldError, FormFeedback};
use crate::wiring::state::AppState;
use axum::body::Body;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use image::{ImageFormat, ImageReader, Limits};
use std::io::Cursor;
use std::path::PathBuf;

pub const LOGO_MAX_BYTES: usize = 2 * 1024 * 1024;
/// The stored logo fits this square.
pub const LOGO_SIDE: u32 = 256;
/// Larger pictures are refused before decoding: 4096 × 4096 is far more than a 256 × 256 logo
/// needs. A 140 KB PNG of 5990 × 5990 pixels took ~145 MB to decode.
const SOURCE_MAX_SIDE: u32 = 4096;
/// The decoded picture (4096 × 4096 RGBA, 64 MiB) and the decoder's working memory.
const DECODE_MAX_BYTES: u64 = 80 * 1024 * 1024;

pub fn routes() -> FormPosts {
    FormPosts::new()
        .post_from("/{lang}/organizations/{slug}/logo", "/{lang}/organizations/{slug}/edit", upload)
        // The multipart body may hold a whole 2 MB file plus the form's framing.
        .body_limit(LOGO_MAX_BYTES + 64 * 1024)
}

pub fn serving_routes() -> Router<AppState> {
    Router::new().route("/uploads/logos/{name}", get(serve))
}

/// Why an uploaded file is not a logo.
#[derive(Debug, PartialEq, Eq)]
pub enum LogoRefused {
    Missing,
    TooLarge,
    NotAnImage,
    TooManyPixels,
}

impl LogoRefused {
    fn field_error(&self) -> FieldError {
        match self {
            LogoRefused::Missing => FieldError::Required,
            LogoRefused::TooLarge => FieldError::part_with(Key::FormLogoTooLarge, &[("max", (LOGO_MAX_BYTES / 1024 / 1024) as i64)]),
            LogoRefused::NotAnImage => FieldError::part(Key::FormLogoNotAnImage),
            LogoRefused::TooManyPixels => FieldError::part_with(Key::FormLogoTooManyPixels, &[("max", SOURCE_MAX_SIDE as i64)]),
        }
    }
}

/// Decodes PNG, JPEG or WebP by its content, within limits, and returns the resized WebP.
pub fn reencode(bytes: &[u8]) -> Result<Vec<u8>, LogoRefused> {
    if bytes.is_empty() {
        return Err(LogoRefused::Missing);
    }
    if bytes.len() > LOGO_MAX_BYTES {
        return Err(LogoRefused::TooLarge);
    }
    let format = image::guess_format(bytes).map_err(|_| LogoRefused::NotAnImage)?;
    if !matches!(format, ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP) {
        return Err(LogoRefused::NotAnImage);
    }
    // The header alone says how big the picture is; a bomb is refused before any pixel is unpacked.
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format).into_dimensions().map_err(|_| LogoRefused::NotAnImage)?;
    if width > SOURCE_MAX_SIDE || height > SOURCE_MAX_SIDE {
        return Err(LogoRefused::TooManyPixels);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(SOURCE_MAX_SIDE);
    limits.max_image_height = Some(SOURCE_MAX_SIDE);
    limits.max_alloc = Some(DECODE_MAX_BYTES);
    reader.limits(limits);
    let picture = reader.decode().map_err(|error| match error {
        image::ImageError::Limits(_) => LogoRefused::TooManyPixels,
        _ => LogoRefused::NotAnImage,
    })?;
    let logo = if picture.width() > LOGO_SIDE || picture.height() > LOGO_SIDE {
        picture.resize(LOGO_SIDE, LOGO_SIDE, image::imageops::FilterType::Lanczos3)
    } else {
        picture
    };
    let mut out = Vec::new();
    logo.to_rgba8().write_to(&mut Cursor::new(&mut out), ImageFormat::WebP).map_err(|_| LogoRefused::NotAnImage)?;
    Ok(out)
}

/// [`reencode`] on a blocking thread, one picture at a time: each decode may take ~80 MB, so
/// uploads arriving together wait their turn instead of adding up (as password hashing does).
pub async fn reencode_in_turn(bytes: Vec<u8>) -> Result<Vec<u8>, LogoRefused> {
    static TURN: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    let Ok(_turn) = TURN.get_or_init(|| tokio::sync::Semaphore::new(1)).acquire().await else {
        return Err(LogoRefused::NotAnImage);
    };
    tokio::task::spawn_blocking(move || reencode(&bytes)).await.unwrap_or_else(|error| {
        // A decoder that panics on a crafted file: not a picture we can use.
        tracing::error!(%error, "decoding a logo failed");
        Err(LogoRefused::NotAnImage)
    })
}

/// A stored logo's name: 32 hex digits and `.webp`, nothing a path could be made of.
pub fn is_logo_name(name: &str) -> bool {
    name.len() == 37 && name.ends_with(".webp") && name[..32].chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
}

fn logo_path(state: &AppState, name: &str) -> PathBuf {
    PathBuf::from(&state.config.uploads).join("logos").join(name)
}

/// Reads the `logo` field, stopping as soon as it is larger than allowed.
async fn read_logo(multipart: &mut Multipart) -> Result<Vec<u8>, LogoRefused> {
    while let Ok(Some(mut field)) = multipart.next_field().await {
        if field.name() != Some("logo") {
            continue;
        }
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    if bytes.len() + chunk.len() > LOGO_MAX_BYTES {
                        return Err(LogoRefused::TooLarge);
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(None) => return Ok(bytes),
                Err(_) => return Err(LogoRefused::TooLarge),
            }
        }
    }
    Err(LogoRefused::Missing)
}

/// A member uploads the organisation's logo: re-encoded as WebP under a new random name, the
/// old file removed; a refused file brings the editor again with the reason beside the field.
async fn upload(State(state): State<AppState>, Path((lang, _)): Path<(String, String)>, member: Member, multipart: Result<Multipart, MultipartRejection>) -> Result<Outcome, Refusal> {
    let webp = match read_and_reencode(multipart).await {
        Ok(webp) => webp,
        Err(refused) => {
            let status = if refused == LogoRefused::TooLarge { 413 } else { 422 };
            let values = vec![("form".into(), "logo".into())];
            return Ok(Outcome::refused(FormFeedback { values, errors: vec![("logo".into(), refused.field_error())], status }));
        }
    };
    let name = format!("{}.webp", &crate::auth::session::new_token()[..32]);
    let path = logo_path(&state, &name);
    let written = async {
        tokio::fs::create_dir_all(path.parent().expect("a folder")).await?;
        tokio::fs::write(&path, &webp).await
    };
    if let Err(error) = written.await {
        tracing::error!(%error, "cannot store a logo");
        return Err(Refusal::Failed(AppError::Internal));
    }
    match store::set_logo(&state.db, member.organization_id, &name).await {
        Ok(previous) => {
            if let Some(previous) = previous.filter(|p| is_logo_name(p)) {
                let _ = tokio::fs::remove_file(logo_path(&state, &previous)).await;
            }
            Ok(Outcome::go(format!("/{}/organizations/{}/edit?logo=1", Locale::from_code(&lang).unwrap_or_default().code(), member.organization.slug)))
        }
        Err(error) => {
            let _ = tokio::fs::remove_file(&path).await;
            Err(error.into())
        }
    }
}

async fn read_and_reencode(multipart: Result<Multipart, MultipartRejection>) -> Result<Vec<u8>, LogoRefused> {
    let mut multipart = multipart.map_err(|_| LogoRefused::NotAnImage)?;
    reencode_in_turn(read_logo(&mut multipart).await?).await
}

async fn serve(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    if !is_logo_name(&name) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match tokio::fs::read(logo_path(&state, &name)).await {
        Ok(bytes) => (
            [
                (CONTENT_TYPE, "image/webp"),
                (X_CONTENT_TYPE_OPTIONS, "nosniff"),
                (CONTENT_SECURITY_POLICY, "default-src 'none'; sandbox"),
                (CONTENT_DISPOSITION, "inline"),
                // The name changes with every upload, so the file never does.
                (CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            Body::from(bytes),
        )
            .into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// A PNG that says it is `side` × `side` pixels of 8-bit grey: a few dozen bytes that would
/// unpack to `side²` bytes. Written by hand (encoding such a picture takes too long in tests).
#[cfg(test)]
pub(crate) fn image_bomb(side: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut typed = kind.to_vec();
        typed.extend_from_slice(data);
        out.extend_from_slice(&typed);
        out.extend_from_slice(&crc32(&typed).to_be_bytes());
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = side.to_be_bytes().to_vec();
    header.extend_from_slice(&side.to_be_bytes());
    header.extend_from_slice(&[8, 0, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &header);
    // A zlib stream holding one stored zero byte.
    chunk(&mut png, b"IDAT", &[0x78, 0x01, 0x01, 0x01, 0x00, 0xfe, 0xff, 0x00, 0x00, 0x01, 0x00, 0x01]);
    chunk(&mut png, b"IEND", &[]);
    png
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbaImage::from_pixel(width, height, image::Rgba([11, 93, 122, 255]));
        let mut out = Vec::new();
        picture.write_to(&mut Cursor::new(&mut out), ImageFormat::Png).unwrap();
        out
    }

    #[test]
    fn pictures_are_recognised_by_content_resized_and_re_encoded() {
        let webp = reencode(&png(800, 400)).unwrap();
        let logo = image::load_from_memory(&webp).unwrap();
        assert_eq!(image::guess_format(&webp).unwrap(), ImageFormat::WebP);
        assert_eq!((logo.width(), logo.height()), (256, 128));
        let small = image::load_from_memory(&reencode(&png(40, 40)).unwrap()).unwrap();
        assert_eq!((small.width(), small.height()), (40, 40));
    }

    #[test]
    fn anything_else_is_refused() {
        assert_eq!(reencode(b""), Err(LogoRefused::Missing));
        // A Windows executable named logo.png is still an executable.
        let mut executable = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff".to_vec();
        executable.resize(4096, 0);
        assert_eq!(reencode(&executable), Err(LogoRefused::NotAnImage));
        assert_eq!(reencode(b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), Err(LogoRefused::NotAnImage));
        let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;";
        assert_eq!(reencode(gif), Err(LogoRefused::NotAnImage));
        let mut truncated = png(100, 100);
        truncated.truncate(60);
        assert_eq!(reencode(&truncated), Err(LogoRefused::NotAnImage));
        assert_eq!(reencode(&vec![0u8; LOGO_MAX_BYTES + 1]), Err(LogoRefused::TooLarge));
    }

    #[test]
    fn an_image_bomb_is_refused_before_it_is_unpacked() {
        // 50,000 × 50,000 pixels in 70 bytes: 2.5 GB if it were unpacked.
        let bytes = image_bomb(50_000);
        assert!(bytes.len() < 100, "{} bytes", bytes.len());
        assert_eq!(reencode(&bytes), Err(LogoRefused::TooManyPixels));
        // Within the limit, this one is only refused for its missing pixels.
        assert_eq!(reencode(&image_bomb(4_096)), Err(LogoRefused::NotAnImage));
        assert_eq!(reencode(&image_bomb(4_097)), Err(LogoRefused::TooManyPixels));
    }

    #[test]
    fn only_generated_names_are_served() {
        assert!(is_logo_name("0123456789abcdef0123456789abcdef.webp"));
        assert!(!is_logo_name("../../../../etc/passwd"));
        assert!(!is_logo_name("0123456789ABCDEF0123456789abcdef.webp"));
        assert!(!is_logo_name("0123456789abcdef0123456789abcdef.html"));
    }
}
