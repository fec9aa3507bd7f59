//! The server functions of campaign management: the organisation's list, the editor and the
//! applications of a campaign, each for the organisation's members only.

use crate::errors::AppError;
#[cfg(feature = "ssr")]
use crate::errors::with_status;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use super::model::{ApplicationsData, CampaignsData, EditorData};
#[cfg(feature = "ssr")]
use super::{form::CampaignDraft, store};
#[cfg(feature = "ssr")]
use chrono::Utc;

/// The organisation's campaigns, for its members.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "manage-campaigns")]
pub async fn load_managed_campaigns(slug: String) -> Result<CampaignsData, AppError> {
    with_status(async {
        let (organization, id) = crate::organizations::access::member_organization(&slug).await?;
        let db = crate::wiring::state::db()?;
        Ok(CampaignsData { organization, campaigns: store::of_organization(&db, id).await? })
    }.await)
}

/// One campaign in its editor (`campaign` 0 for a new one), for the organisation's members.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "campaign-editor")]
pub async fn load_campaign_editor(slug: String, campaign: i64) -> Result<EditorData, AppError> {
    with_status(async {
        let (organization, id) = crate::organizations::access::member_organization(&slug).await?;
        if campaign == 0 {
            return Ok(EditorData { organization, id: None, draft: CampaignDraft::default(), status: None });
        }
        let db = crate::wiring::state::db()?;
        let (draft, status) = store::draft_of(&db, id, campaign).await?.ok_or(AppError::NotFound)?;
        Ok(EditorData { organization, id: Some(campaign), draft, status: Some(status) })
    }.await)
}

/// The applications to one campaign, with contacts, for the organisation's members.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "campaign-applications")]
pub async fn load_campaign_applications(slug: String, campaign: i64) -> Result<ApplicationsData, AppError> {
    with_status(async {
        let (organization, id) = crate::organizations::access::member_organization(&slug).await?;
        let db = crate::wiring::state::db()?;
        let managed = store::one(&db, id, campaign).await?.ok_or(AppError::NotFound)?;
        let mut applicants = store::applicants(&db, id, campaign).await?;
        let marks = crate::hours::store::marks_of_campaign(&db, campaign).await?;
        let sessions = crate::hours::online::store::of_campaign(&db, campaign).await?;
        for applicant in &mut applicants {
            applicant.marks = crate::hours::store::marks_of(&marks, applicant.id);
            applicant.checked_hours = crate::hours::model::checked_hours(&applicant.marks, managed.starts_at, managed.ends_at);
            applicant.sessions = crate::hours::online::store::sessions_of(&sessions, applicant.id);
        }
        // Published campaigns only: sessions are recorded once volunteers take part.
        let is_online = managed.is_online && managed.status == "published";
        Ok(ApplicationsData { organization, started: managed.starts_at <= Utc::now(), is_online, campaign: managed, applicants })
    }.await)
}
