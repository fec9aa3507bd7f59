//! Form posts of campaign management and the participants' CSV. Each one checks that the poster
//! is a member of the organisation named in the address, and every query is bounded by that
//! organisation, so changing an id in a request reaches nothing of another organisation.

use super::model::CampaignDraft;
use super::store::{self, DecisionRefused, Refusal};
use super::{Decision, ManagedOrganization};
use crate::auth::{session, Viewer};
use crate::errors::AppError;
use crate::organizations::handlers::{forbidden, not_found, signed_up_poster};
use crate::organizations::model::Verification;
use crate::organizations::store as organizations;
use crate::server::forms::{respond_or_refuse, FormPosts, Outcome, Submission};
use crate::server::state::AppState;
use crate::ui::form::{FieldError, WHOLE_FORM};
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

pub fn routes() -> FormPosts {
    let base = "/{lang}/organizations/{slug}/campaigns";
    FormPosts::new()
        .post(&format!("{base}/new"), create)
        .post(&format!("{base}/{{id}}/edit"), save)
        .post(&format!("{base}/{{id}}/publish"), publish)
        .post(&format!("{base}/{{id}}/cancel"), cancel)
        .post(&format!("{base}/{{id}}/duplicate"), duplicate)
        .post(&format!("{base}/{{id}}/applications/{{application}}/decide"), decide)
        .post(&format!("{base}/{{id}}/applications/{{application}}/attendance"), attendance)
        .get(&format!("{base}/{{id}}/participants.csv"), participants_csv)
}

/// The organisation `slug` if the signed-in viewer (of a server function) is its member.
pub async fn member_organization(slug: &str) -> Result<(ManagedOrganization, i64), AppError> {
    let viewer = session::current_viewer().await?.ok_or(AppError::Unauthorized)?;
    let db = crate::server::state::db()?;
    membership(&db, slug, &viewer).await?.ok_or(AppError::Forbidden)
}

/// `Ok(None)`: the organisation exists but `viewer` is not its member; `NotFound` when it does not.
async fn membership(db: &crate::server::db::Db, slug: &str, viewer: &Viewer) -> Result<Option<(ManagedOrganization, i64)>, AppError> {
    if !crate::organizations::model::is_slug(slug) {
        return Err(AppError::NotFound);
    }
    let stored = organizations::by_slug(db, slug).await?.ok_or(AppError::NotFound)?;
    let id = stored.card.id;
    if organizations::role_of(db, id, viewer.id).await?.is_none() {
        return Ok(None);
    }
    let organization = ManagedOrganization {
        slug: slug.to_string(),
        name: stored.card.name,
        verified: stored.card.verification == Verification::Verified,
    };
    Ok(Some((organization, id)))
}

/// A member's post: who posts, for which organisation; or the answer for anyone else.
struct MemberPost {
    organization: ManagedOrganization,
    organization_id: i64,
}

async fn member_post(state: &AppState, form: &Submission, slug: &str, here: &str) -> Result<Result<MemberPost, Result<Outcome, Response>>, AppError> {
    let viewer = match signed_up_poster(state, form, here).await? {
        Ok(viewer) => viewer,
        Err(elsewhere) => return Ok(Err(Ok(elsewhere))),
    };
    match membership(&state.db, slug, &viewer).await {
        Ok(Some((organization, organization_id))) => Ok(Ok(MemberPost { organization, organization_id })),
        Ok(None) => Ok(Err(Err(forbidden(form)))),
        Err(AppError::NotFound) => Ok(Err(Err(not_found(form)))),
        Err(error) => Err(error),
    }
}

/// Runs `work` for a member's post and answers it. Successful posts reload the page they lead
/// to in full: its data (status, places, decisions) changed on the server.
macro_rules! as_member {
    ($state:expr, $form:expr, $slug:expr, $here:expr, |$member:ident| $work:expr) => {{
        let result = async {
            let $member = match member_post(&$state, &$form, &$slug, &$here).await? {
                Ok(member) => member,
                Err(answer) => return Ok(answer),
            };
            $work
        }
        .await;
        respond_or_refuse(&$state, $form, result).await
    }};
}

fn manage_path(form: &Submission, slug: &str) -> String {
    form.path(&format!("/organizations/{slug}/campaigns"))
}

fn publish_refusal(form: &Submission) -> Outcome {
    form.refuse(vec![(WHOLE_FORM, FieldError::OrganizationNotVerified)])
}

async fn create(State(state): State<AppState>, Path((_, slug)): Path<(String, String)>, mut form: Submission) -> Response {
    let here = format!("{}/new", manage_path(&form, &slug));
    form.page = Some(here.clone());
    as_member!(state, form, slug, here, |member| {
        let draft = match CampaignDraft::read(&form) {
            Ok(draft) => draft,
            Err(errors) => return Ok(Ok(form.refuse(errors))),
        };
        let publish_now = form.text("action") == "publish";
        if publish_now && !member.organization.verified {
            return Ok(Ok(publish_refusal(&form)));
        }
        let id = store::create(&state.db, member.organization_id, &draft).await?;
        if publish_now {
            store::publish(&state.db, member.organization_id, id).await?;
        }
        Ok::<_, AppError>(Ok(Outcome::reload(format!("{}/{id}/edit?saved=1", manage_path(&form, &slug)))))
    })
}

async fn save(State(state): State<AppState>, Path((_, slug, id)): Path<(String, String, i64)>, mut form: Submission) -> Response {
    let here = format!("{}/{id}/edit", manage_path(&form, &slug));
    form.page = Some(here.clone());
    as_member!(state, form, slug, here, |member| {
        let draft = match CampaignDraft::read(&form) {
            Ok(draft) => draft,
            Err(errors) => return Ok(Ok(form.refuse(errors))),
        };
        let publish_now = form.text("action") == "publish";
        if publish_now && !member.organization.verified {
            return Ok(Ok(publish_refusal(&form)));
        }
        match store::update(&state.db, member.organization_id, id, &draft).await? {
            Err(Refusal::NotFound) => return Ok(Err(not_found(&form))),
            Err(Refusal::BelowTaken(taken)) => return Ok(Ok(form.refuse(vec![("capacity", FieldError::CapacityBelowTaken { taken })]))),
            Ok(()) => {}
        }
        if publish_now {
            store::publish(&state.db, member.organization_id, id).await?;
        }
        Ok::<_, AppError>(Ok(Outcome::reload(format!("{here}?saved=1"))))
    })
}

async fn publish(State(state): State<AppState>, Path((_, slug, id)): Path<(String, String, i64)>, mut form: Submission) -> Response {
    let here = format!("{}/{id}/edit", manage_path(&form, &slug));
    form.page = Some(here.clone());
    as_member!(state, form, slug, here, |member| {
        if !member.organization.verified {
            return Ok(Ok(publish_refusal(&form)));
        }
        if !store::publish(&state.db, member.organization_id, id).await? {
            return Ok(Err(not_found(&form)));
        }
        Ok::<_, AppError>(Ok(Outcome::reload(format!("{here}?published=1"))))
    })
}

async fn cancel(State(state): State<AppState>, Path((_, slug, id)): Path<(String, String, i64)>, mut form: Submission) -> Response {
    let here = format!("{}/{id}/edit", manage_path(&form, &slug));
    form.page = Some(here.clone());
    as_member!(state, form, slug, here, |member| {
        if !store::cancel(&state.db, member.organization_id, id).await? {
            return Ok(Err(not_found(&form)));
        }
        Ok::<_, AppError>(Ok(Outcome::reload(format!("{here}?cancelled=1"))))
    })
}

async fn duplicate(State(state): State<AppState>, Path((_, slug, id)): Path<(String, String, i64)>, mut form: Submission) -> Response {
    let here = format!("{}/{id}/edit", manage_path(&form, &slug));
    form.page = Some(here.clone());
    as_member!(state, form, slug, here, |member| {
        let Some(copy) = store::duplicate(&state.db, member.organization_id, id).await? else { return Ok(Err(not_found(&form))) };
        Ok::<_, AppError>(Ok(Outcome::reload(format!("{}/{copy}/edit?duplicated=1", manage_path(&form, &slug)))))
    })
}

fn applications_path(form: &Submission, slug: &str, id: i64) -> String {
    format!("{}/{id}/applications", manage_path(form, slug))
}

async fn decide(State(state): State<AppState>, Path((_, slug, id, application)): Path<(String, String, i64, i64)>, mut form: Submission) -> Response {
    let here = applications_path(&form, &slug, id);
    form.page = Some(here.clone());
    as_member!(state, form, slug, here, |member| {
        let Some(decision) = Decision::from_code(form.text("decision")) else {
            return Ok(Ok(form.refuse(vec![(WHOLE_FORM, FieldError::ChoiceInvalid)])));
        };
        match store::decide(&state.db, member.organization_id, id, application, decision).await? {
            Ok(()) => Ok::<_, AppError>(Ok(Outcome::reload(format!("{here}?decided=1#application-{application}")))),
            Err(DecisionRefused::NotFound) => Ok(Err(not_found(&form))),
            Err(DecisionRefused::Full) => Ok(Ok(form.refuse(vec![(WHOLE_FORM, FieldError::CampaignFull)]))),
            Err(DecisionRefused::Withdrawn) => Ok(Ok(form.refuse(vec![(WHOLE_FORM, FieldError::ApplicationWithdrawn)]))),
        }
    })
}

/// The most hours one person can be credited with for one campaign.
const HOURS_MAX: f64 = 1000.0;

async fn attendance(State(state): State<AppState>, Path((_, slug, id, application)): Path<(String, String, i64, i64)>, mut form: Submission) -> Response {
    let here = applications_path(&form, &slug, id);
    form.page = Some(here.clone());
    as_member!(state, form, slug, here, |member| {
        let attended = match form.text("attended") {
            "yes" => true,
            "no" => false,
            _ => return Ok(Ok(form.refuse(vec![("attended", FieldError::ChoiceInvalid)]))),
        };
        let hours = match parse_hours(form.text("hours"), attended) {
            Ok(hours) => hours,
            Err(e) => return Ok(Ok(form.refuse(vec![("hours", e)]))),
        };
        match store::one(&state.db, member.organization_id, id).await? {
            None => return Ok(Err(not_found(&form))),
            Some(c) if c.starts_at > chrono::Utc::now() => return Ok(Ok(form.refuse(vec![(WHOLE_FORM, FieldError::CampaignNotStarted)]))),
            Some(_) => {}
        }
        if !store::record_attendance(&state.db, member.organization_id, id, application, attended, hours).await? {
            return Ok(Err(not_found(&form)));
        }
        Ok::<_, AppError>(Ok(Outcome::reload(format!("{here}?recorded=1#application-{application}"))))
    })
}

/// Hours given: required when the volunteer came, a number from 0 to [`HOURS_MAX`] in quarters.
fn parse_hours(value: &str, attended: bool) -> Result<Option<f64>, FieldError> {
    let value = value.trim().replace(',', ".");
    if !attended {
        return Ok(None);
    }
    if value.is_empty() {
        return Err(FieldError::Required);
    }
    let hours: f64 = value.parse().map_err(|_| FieldError::NumberInvalid)?;
    if !hours.is_finite() || !(0.0..=HOURS_MAX).contains(&hours) {
        return Err(FieldError::NumberOutOfRange { min: 0, max: HOURS_MAX as i64 });
    }
    Ok(Some((hours * 4.0).round() / 4.0))
}

/// `participants.csv`: the approved volunteers with contacts, attendance and hours.
async fn participants_csv(State(state): State<AppState>, Path((lang, slug, id)): Path<(String, String, i64)>, headers: HeaderMap) -> Response {
    let result = async {
        let viewer = session::current_viewer_of(&state, &headers).await?.ok_or(AppError::Unauthorized)?;
        let (_, organization_id) = membership(&state.db, &slug, &viewer).await?.ok_or(AppError::Forbidden)?;
        let campaign = store::one(&state.db, organization_id, id).await?.ok_or(AppError::NotFound)?;
        let applicants = store::applicants(&state.db, organization_id, campaign.id).await?;
        Ok::<_, AppError>(applicants)
    }
    .await;
    let locale = crate::i18n::Locale::from_code(&lang).unwrap_or_default();
    match result {
        Ok(applicants) => {
            let body = super::csv::participants(locale, &applicants);
            (
                [
                    (CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                    (CONTENT_DISPOSITION, format!("attachment; filename=\"participants-{id}.csv\"")),
                    (CACHE_CONTROL, "no-store".to_string()),
                ],
                body,
            )
                .into_response()
        }
        Err(error) => {
            let status = axum::http::StatusCode::from_u16(error.status()).unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
            (status, error.message(locale)).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_hours;
    use crate::ui::form::FieldError;

    #[test]
    fn hours_are_a_sane_number_in_quarters() {
        assert_eq!(parse_hours("4,5", true), Ok(Some(4.5)));
        assert_eq!(parse_hours("3.1", true), Ok(Some(3.0)));
        assert_eq!(parse_hours("", true), Err(FieldError::Required));
        assert_eq!(parse_hours("", false), Ok(None));
        assert_eq!(parse_hours("-1", true), Err(FieldError::NumberOutOfRange { min: 0, max: 1000 }));
        assert_eq!(parse_hours("inf", true), Err(FieldError::NumberOutOfRange { min: 0, max: 1000 }));
        assert_eq!(parse_hours("four", true), Err(FieldError::NumberInvalid));
    }
}
