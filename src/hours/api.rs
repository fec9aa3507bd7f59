//! The server functions of hours: the organisers' check-in screen, the page a volunteer's phone
//! opens from its QR code, and the volunteer's book.

use super::model::{Book, CheckInScreen, CheckPage, OrganizationHours};
#[cfg(feature = "ssr")]
use super::model::MarkKind;
use crate::errors::AppError;
#[cfg(feature = "ssr")]
use crate::errors::with_status;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The code to show now on a campaign's check-in screen (`kind` "in" or "out"; the QR code
/// opens the page in `lang`), for the organisation's members only. Never kept by any cache: the code is the key to the hours.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "check-in-screen")]
pub async fn load_check_in_screen(slug: String, campaign: i64, kind: String, lang: String) -> Result<CheckInScreen, AppError> {
    crate::ui::keep_private();
    with_status(async {
        let (organization, organization_id) = crate::organizations::access::member_organization(&slug).await?;
        let state = crate::wiring::state::state()?;
        let managed = crate::organizations::campaigns::store::one(&state.db, organization_id, campaign).await?.ok_or(AppError::NotFound)?;
        if managed.status != "published" {
            return Err(AppError::NotFound);
        }
        let kind = MarkKind::from_code(&kind).unwrap_or(MarkKind::In);
        let now = chrono::Utc::now();
        let secret = crate::server::secrets::named(&state.db, super::codes::SECRET_NAME).await?;
        let code = super::codes::code(&secret, campaign, kind, super::codes::window_of(now));
        let locale = crate::i18n::Locale::from_code(&lang).unwrap_or_default();
        let address = format!("{}/{}/campaigns/{campaign}/attendance?code={code}&kind={}", state.config.public_url.trim_end_matches('/'), locale.code(), kind.code());
        let (checked_in, checked_out) = super::store::presence(&super::store::marks_of_campaign(&state.db, campaign).await?);
        Ok(CheckInScreen {
            organization_slug: organization.slug,
            campaign_id: campaign,
            title: managed.title,
            starts_at: managed.starts_at,
            ends_at: managed.ends_at,
            kind,
            qr_svg: qr_svg(&address)?,
            address,
            code,
            seconds_left: super::codes::seconds_left(now),
            checked_in,
            checked_out,
        })
    }
    .await)
}

/// The QR code of `address` as an SVG image that scales with its box.
#[cfg(feature = "ssr")]
fn qr_svg(address: &str) -> Result<String, AppError> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::with_error_correction_level(address.as_bytes(), qrcode::EcLevel::M).map_err(|_| AppError::Internal)?;
    Ok(code.render::<svg::Color>().quiet_zone(true).dark_color(svg::Color("#000000")).light_color(svg::Color("#ffffff")).build())
}

/// What the page opened from the QR code shows: the campaign, and whether someone is signed in.
/// It does not look at the code: only the post does, under its limit per person.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "check-page")]
pub async fn load_check_page(campaign: i64) -> Result<CheckPage, AppError> {
    crate::ui::keep_private();
    with_status(async {
        let state = crate::wiring::state::state()?;
        let viewer = crate::auth::session::current_viewer().await?;
        // Published campaigns only.
        crate::volunteers::applications::store::campaign_facts(&state.db, campaign).await?.ok_or(AppError::NotFound)?;
        let summary = crate::campaigns::store::by_ids(&state.db, &[campaign]).await?.pop().ok_or(AppError::NotFound)?;
        Ok(CheckPage { campaign_id: campaign, title: summary.title, signed_in: viewer.is_some() })
    }
    .await)
}

/// The signed-in volunteer's book; `None` for a visitor (the page asks to sign in).
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "my-book")]
pub async fn load_book() -> Result<Option<Book>, AppError> {
    crate::ui::keep_private();
    let state = crate::wiring::state::state()?;
    let Some(viewer) = crate::auth::session::current_viewer().await? else { return Ok(None) };
    let (confirmed, awaiting) = super::store::book(&state.db, viewer.id).await?;
    let (total, by_year, by_direction) = Book::totals(&confirmed);
    let mut organizations: Vec<(String, crate::i18n::LocalizedText)> = Vec::new();
    for entry in &confirmed {
        let organization = &entry.campaign.organization;
        if !organizations.iter().any(|(slug, _)| *slug == organization.slug) {
            organizations.push((organization.slug.clone(), organization.name.clone()));
        }
    }
    let certificates = super::certificates::store::of_user(&state.db, viewer.id).await?;
    Ok(Some(Book { full_name: viewer.full_name, confirmed, awaiting, total, by_year, by_direction, certificates, organizations }))
}

/// The confirmed hours of the organisation's volunteers at campaigns starting in the period
/// (`from`, `to`: `YYYY-MM-DD`, empty for open), for its members only.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "organization-hours")]
pub async fn load_organization_hours(slug: String, #[server(default)] from: String, #[server(default)] to: String) -> Result<OrganizationHours, AppError> {
    crate::ui::keep_private();
    with_status(async {
        let period = super::model::Period::read(&from, &to).map_err(AppError::InvalidParameter)?;
        let (organization, organization_id) = crate::organizations::access::member_organization(&slug).await?;
        let db = crate::wiring::state::db()?;
        Ok(OrganizationHours { organization, period, rows: super::store::of_organization(&db, organization_id, &period).await? })
    }
    .await)
}
