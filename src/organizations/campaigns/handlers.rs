//! Form posts of campaign management and the participants' CSV, for the organisation's
//! members only (the [`Member`] extractor); every query is bounded by that organisation.

use super::form::CampaignDraft;
use super::model::Decision;
use super::store::{self, DecisionRefused, UpdateRefused};
use crate::auth::Viewer;
use crate::organizations::access::{membership, Member};
use crate::forms::{FormPosts, Outcome, Refusal, Submission};
use crate::forms::{FieldError, WHOLE_FORM};
use crate::i18n::Key;
use crate::wiring::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

pub fn routes() -> FormPosts {
    let base = "/{lang}/organizations/{slug}/campaigns";
    let editor = format!("{base}/{{id}}/edit");
    let applications = format!("{base}/{{id}}/applications");
    FormPosts::new()
        .post(&format!("{base}/new"), create)
        .post(&editor, save)
        .post_from(&format!("{base}/{{id}}/publish"), &editor, publish)
        .post_from(&format!("{base}/{{id}}/cancel"), &editor, cancel)
        .post_from(&format!("{base}/{{id}}/duplicate"), &editor, duplicate)
        .post_from(&format!("{base}/{{id}}/applications/{{application}}/decide"), &applications, decide)
        .get(&format!("{base}/{{id}}/participants.csv"), participants_csv)
}

/// The organisation's campaigns (`/{lang}/organizations/{slug}/campaigns`). Successful posts
/// reload the page they lead to in full: its data (status, places, decisions) changed.
fn manage_path(form: &Submission, member: &Member) -> String {
    form.path(&format!("/organizations/{}/campaigns", member.organization.slug))
}

fn publish_refusal(form: &Submission) -> Outcome {
    form.refuse(vec![(WHOLE_FORM, FieldError::part(Key::FormOrganizationNotVerified))])
}

/// The editor's campaign as posted, and whether to publish it now (its "save and publish"
/// button); or the form again, refused.
fn posted_campaign(form: &Submission, member: &Member) -> Result<(CampaignDraft, bool), Outcome> {
    let draft = CampaignDraft::read(form).map_err(|errors| form.refuse(errors))?;
    let publish_now = form.text("action") == "publish";
    if publish_now && !member.organization.verified {
        return Err(publish_refusal(form));
    }
    Ok((draft, publish_now))
}

async fn create(State(state): State<AppState>, member: Member, form: Submission) -> Result<Outcome, Refusal> {
    let (draft, publish_now) = match posted_campaign(&form, &member) {
        Ok(posted) => posted,
        Err(refused) => return Ok(refused),
    };
    let id = store::create(&state.db, member.organization_id, &draft).await?;
    if publish_now {
        store::publish(&state.db, member.organization_id, id).await?;
    }
    Ok(Outcome::reload(format!("{}/{id}/edit?saved=1", manage_path(&form, &member))))
}

async fn save(State(state): State<AppState>, Path((_, _, id)): Path<(String, String, i64)>, member: Member, form: Submission) -> Result<Outcome, Refusal> {
    let (draft, publish_now) = match posted_campaign(&form, &member) {
        Ok(posted) => posted,
        Err(refused) => return Ok(refused),
    };
    match store::update(&state.db, member.organization_id, id, &draft).await? {
        Err(UpdateRefused::NotFound) => return Err(Refusal::NotFound),
        Err(UpdateRefused::BelowTaken(taken)) => return Ok(form.refuse(vec![("capacity", FieldError::part_with(Key::FormCapacityBelowTaken, &[("taken", taken)]))])),
        Ok(()) => {}
    }
    if publish_now {
        store::publish(&state.db, member.organization_id, id).await?;
    }
    Ok(Outcome::reload(format!("{}?saved=1", form.page())))
}

async fn publish(State(state): State<AppState>, Path((_, _, id)): Path<(String, String, i64)>, member: Member, form: Submission) -> Result<Outcome, Refusal> {
    if !member.organization.verified {
        return Ok(publish_refusal(&form));
    }
    if !store::publish(&state.db, member.organization_id, id).await? {
        return Err(Refusal::NotFound);
    }
    Ok(Outcome::reload(format!("{}?published=1", form.page())))
}

async fn cancel(State(state): State<AppState>, Path((_, _, id)): Path<(String, String, i64)>, member: Member, form: Submission) -> Result<Outcome, Refusal> {
    if !store::cancel(&state.db, member.organization_id, id).await? {
        return Err(Refusal::NotFound);
    }
    Ok(Outcome::reload(format!("{}?cancelled=1", form.page())))
}

async fn duplicate(State(state): State<AppState>, Path((_, _, id)): Path<(String, String, i64)>, member: Member, form: Submission) -> Result<Outcome, Refusal> {
    let copy = store::duplicate(&state.db, member.organization_id, id).await?.ok_or(Refusal::NotFound)?;
    Ok(Outcome::reload(format!("{}/{copy}/edit?duplicated=1", manage_path(&form, &member))))
}

type ApplicationPath = Path<(String, String, i64, i64)>;

async fn decide(State(state): State<AppState>, Path((_, _, id, application)): ApplicationPath, member: Member, form: Submission) -> Result<Outcome, Refusal> {
    let Some(decision) = Decision::from_code(form.text("decision")) else {
        return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::ChoiceInvalid)]));
    };
    match store::decide(&state.db, member.organization_id, id, application, decision).await? {
        Ok(()) => Ok(Outcome::reload(format!("{}?decided=1#application-{application}", form.page()))),
        Err(DecisionRefused::NotFound) => Err(Refusal::NotFound),
        Err(DecisionRefused::Full) => Ok(form.refuse(vec![(WHOLE_FORM, FieldError::part(Key::FormCampaignFull))])),
        Err(DecisionRefused::Withdrawn) => Ok(form.refuse(vec![(WHOLE_FORM, FieldError::part(Key::FormApplicationWithdrawn))])),
    }
}

/// `participants.csv`: the approved volunteers with contacts, attendance and hours, for the
/// organisation's members (401 for a visitor, 403 for anyone else).
async fn participants_csv(State(state): State<AppState>, Path((lang, slug, id)): Path<(String, String, i64)>, viewer: Option<Viewer>) -> Response {
    let locale = crate::i18n::Locale::from_code(&lang).unwrap_or_default();
    let result = async {
        let viewer = viewer.ok_or(crate::errors::AppError::Unauthorized)?;
        let (_, organization_id, _) = membership(&state.db, &slug, &viewer).await?.ok_or(crate::errors::AppError::Forbidden)?;
        let campaign = store::one(&state.db, organization_id, id).await?.ok_or(crate::errors::AppError::NotFound)?;
        Ok::<_, crate::errors::AppError>(store::applicants(&state.db, organization_id, campaign.id).await?)
    }
    .await;
    match result {
        Ok(applicants) => crate::server::csv::download(&format!("participants-{id}.csv"), super::csv::participants(locale, &applicants)),
        Err(error) => (StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), error.message(locale)).into_response(),
    }
}
