//! The server functions of the help pages: the public list, the filing form, a request's page
//! (as the viewer may see it), the person's private page and the helpers' queue.

use super::model::{HelpFormData, HelpListData, HelperQueue, RequestFilter, RequestView};
use crate::errors::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
#[cfg(feature = "ssr")]
use super::{abuse, model, model::QUEUE_SIZE, store};
#[cfg(feature = "ssr")]
use crate::campaigns::model::OrganizationRef;

#[server(input = GetUrl, prefix = "/api/fn", endpoint = "help-requests")]
pub async fn load_help_list(#[server(default)] filter: RequestFilter) -> Result<HelpListData, AppError> {
    crate::ui::same_for_every_visitor();
    let db = crate::wiring::state::db()?;
    let limit = model::REQUESTS_PAGE_SIZE;
    let mut items = store::public_list(&db, &filter, limit + 1).await?;
    let next = (items.len() as i64 > limit).then(|| {
        items.truncate(limit as usize);
        items.last().map(|r| r.id)
    });
    Ok(HelpListData { items, next: next.flatten() })
}

#[server(input = GetUrl, prefix = "/api/fn", endpoint = "help-form")]
pub async fn load_help_form() -> Result<HelpFormData, AppError> {
    let db = crate::wiring::state::db()?;
    let viewer = crate::auth::session::current_viewer().await?;
    let organizations = match &viewer {
        Some(v) => crate::organizations::store::memberships(&db, v.id)
            .await?
            .into_iter()
            .filter(|(card, _)| card.verification == crate::organizations::model::Verification::Verified)
            .map(|(card, _)| OrganizationRef { slug: card.slug, name: card.name, verified: true })
            .collect(),
        None => Vec::new(),
    };
    Ok(HelpFormData {
        stamp: abuse::new_stamp(&db).await?,
        signed_in: viewer.is_some(),
        is_operator: viewer.as_ref().is_some_and(|v| v.is_operator),
        organizations,
    })
}

#[server(input = GetUrl, prefix = "/api/fn", endpoint = "help-request")]
pub async fn load_help_request(id: i64) -> Result<RequestView, AppError> {
    crate::ui::same_for_every_visitor();
    crate::errors::with_status(view_of_request(id).await)
}

#[server(input = GetUrl, prefix = "/api/fn", endpoint = "help-follow")]
pub async fn load_help_follow(token: String) -> Result<RequestView, AppError> {
    crate::ui::keep_private();
    crate::errors::with_status(view_by_link(token).await)
}

#[server(input = GetUrl, prefix = "/api/fn", endpoint = "help-queue")]
pub async fn load_helper_queue(#[server(default)] filter: RequestFilter, #[server(default)] near_me: bool) -> Result<HelperQueue, AppError> {
    crate::errors::with_status(helper_queue(filter, near_me).await)
}

#[cfg(feature = "ssr")]
async fn view_of_request(id: i64) -> Result<RequestView, AppError> {
    let db = crate::wiring::state::db()?;
    let viewer = crate::auth::session::current_viewer().await?;
    let acting = store::acting(&db, viewer).await?;
    let stored = store::by_id(&db, id).await?.ok_or(AppError::NotFound)?;
    request_view(&db, &stored, &acting, None).await
}

#[cfg(feature = "ssr")]
async fn view_by_link(token: String) -> Result<RequestView, AppError> {
    let db = crate::wiring::state::db()?;
    let stored = store::by_token(&db, &token).await?.ok_or(AppError::NotFound)?;
    let acting = store::Acting { via_link: true, ..store::Acting::anonymous() };
    let mut view = request_view(&db, &stored, &acting, Some(store::code_for(&token))).await?;
    // Not the whole link: this may be called from the browser (`/api/fn/help-follow`), whose
    // address names no language; the page adds its own.
    view.site_url = Some(crate::wiring::state::state()?.config.public_url.clone());
    Ok(view)
}

/// What `acting` may see of a request and do with it.
#[cfg(feature = "ssr")]
pub async fn request_view(db: &crate::server::db::Db, stored: &store::StoredRequest, acting: &store::Acting, code: Option<String>) -> Result<RequestView, AppError> {
    use model::HelpStatus;
    let request = store::public_one(db, stored.id).await?.ok_or(AppError::NotFound)?;
    let standing = stored.standing(acting);
    let status = stored.status();
    let sees_contacts = standing.via_link || standing.is_filer || standing.is_taker;
    let sees_needs = sees_contacts
        || standing.is_moderator
        || (standing.can_verify && status == HelpStatus::New)
        || (standing.can_take && status == HelpStatus::Verified);
    let act_for = if standing.can_verify || standing.can_take { verified_organizations_of(db, acting).await? } else { Vec::new() };
    Ok(RequestView {
        timeline: store::timeline(db, stored.id, sees_needs).await?,
        needs: sees_needs.then(|| stored.needs()),
        contacts: sees_contacts.then(|| stored.contacts()),
        steps: super::access::available_steps(status, standing),
        act_for,
        as_volunteer: acting.eligible_volunteer,
        code,
        site_url: None,
        signed_in: acting.viewer.is_some(),
        request,
    })
}

#[cfg(feature = "ssr")]
async fn verified_organizations_of(db: &crate::server::db::Db, acting: &store::Acting) -> Result<Vec<OrganizationRef>, AppError> {
    let Some(viewer) = &acting.viewer else { return Ok(Vec::new()) };
    Ok(crate::organizations::store::memberships(db, viewer.id)
        .await?
        .into_iter()
        .filter(|(card, _)| card.verification == crate::organizations::model::Verification::Verified && acting.memberships.iter().any(|m| m.organization_id == card.id))
        .map(|(card, _)| OrganizationRef { slug: card.slug, name: card.name, verified: true })
        .collect())
}

#[cfg(feature = "ssr")]
async fn helper_queue(mut filter: RequestFilter, near_me: bool) -> Result<HelperQueue, AppError> {
    use model::HelpStatus;
    let db = crate::wiring::state::db()?;
    let viewer = crate::auth::session::current_viewer().await?.ok_or(AppError::Unauthorized)?;
    let is_moderator = viewer.is_moderator;
    let own_region = viewer.region.clone();
    let acting = store::acting(&db, Some(viewer)).await?;
    let mut near = Vec::new();
    if near_me && filter.region.is_none() {
        near = store::regions_near(&db, own_region, &acting).await?;
        // One region reads as the region filter itself, as if chosen.
        if let [only] = near.as_slice() {
            filter.region = Some(only.clone());
            near.clear();
        }
    }
    let can_verify = is_moderator || acting.memberships.iter().any(|m| m.verified);
    let can_take = acting.eligible_volunteer || acting.memberships.iter().any(|m| m.verified);
    let to_verify = if can_verify { store::for_helpers(&db, &[HelpStatus::New], &filter, &near, None, QUEUE_SIZE).await? } else { Vec::new() };
    let open = if can_take { store::for_helpers(&db, &[HelpStatus::Verified], &filter, &near, None, QUEUE_SIZE).await? } else { Vec::new() };
    let everywhere = RequestFilter::default();
    let taken = [HelpStatus::Taken, HelpStatus::InProgress, HelpStatus::Delivered, HelpStatus::Confirmed];
    let mine = store::for_helpers(&db, &taken, &everywhere, &[], Some(&acting), QUEUE_SIZE).await?;
    Ok(HelperQueue { can_verify, can_take, to_verify, open, mine, filter, near })
}
