//! The form posts of hours: a volunteer's check-in or check-out by code, and an organisation's
//! confirmation of the hours or its own entry of them.

use super::codes::{self, Reading};
use super::model::{checked_hours, MarkKind, REASON_MAX};
use super::store::{self, NotRecorded};
use crate::auth::access::{Moderator, Volunteer};
use crate::auth::rate_limit::{self, ATTENDANCE_CODE_PER_ACCOUNT};
use crate::forms::checks::check_free_text;
use crate::forms::{FieldError, FormPosts, Outcome, Refusal, Submission, WHOLE_FORM};
use crate::i18n::Key;
use crate::moderation::model::ModeratorAction;
use crate::moderation::store::Subject;
use crate::organizations::access::Member;
use crate::wiring::state::AppState;
use axum::extract::{Path, State};
use chrono::{Duration, Utc};

pub fn routes() -> FormPosts {
    let campaign = "/{lang}/organizations/{slug}/campaigns/{id}";
    let applications = format!("{campaign}/applications");
    FormPosts::new()
        .post(CHECK_PAGE, check)
        .post_from(&format!("{campaign}/hours/confirm"), &applications, confirm)
        .post_from(&format!("{campaign}/applications/{{application}}/attendance"), &applications, attendance)
        .post_from("/{lang}/moderation/hours/{application}/review", "/{lang}/moderation", review)
        .get("/{lang}/organizations/{slug}/hours.csv", organization_hours_csv)
}

#[derive(serde::Deserialize)]
struct PeriodQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// `hours.csv`: the confirmed hours of the organisation's volunteers in a period, one line per
/// volunteer and campaign, for its members (401 for a visitor, 403 for anyone else).
async fn organization_hours_csv(
    State(state): State<AppState>,
    Path((lang, slug)): Path<(String, String)>,
    axum::extract::Query(query): axum::extract::Query<PeriodQuery>,
    viewer: Option<crate::auth::Viewer>,
) -> axum::response::Response {
    use crate::errors::AppError;
    use axum::response::IntoResponse;
    let locale = crate::i18n::Locale::from_code(&lang).unwrap_or_default();
    let result = async {
        let period = super::model::Period::read(&query.from, &query.to).map_err(AppError::InvalidParameter)?;
        let viewer = viewer.ok_or(AppError::Unauthorized)?;
        let (_, organization_id, _) = crate::organizations::access::membership(&state.db, &slug, &viewer).await?.ok_or(AppError::Forbidden)?;
        Ok::<_, AppError>(store::of_organization(&state.db, organization_id, &period).await?)
    }
    .await;
    match result {
        Ok(rows) => crate::server::csv::download("hours.csv", hours_csv(locale, &rows)),
        Err(error) => (axum::http::StatusCode::from_u16(error.status()).unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR), error.message(locale)).into_response(),
    }
}

/// One line per volunteer and campaign, with a header in the reader's language.
fn hours_csv(locale: crate::i18n::Locale, rows: &[super::model::ConfirmedHours]) -> String {
    use crate::server::csv::{defused, CsvFile};
    let mut file = CsvFile::for_spreadsheets();
    file.row([Key::CsvCampaign, Key::CsvCampaignTitle, Key::CsvDate, Key::CsvName, Key::CsvHours, Key::BookHow].map(|k| locale.t(k)));
    for row in rows {
        let title = row.campaign.pick(locale).map(|shown| shown.text.to_string()).unwrap_or_default();
        let name = if row.volunteer.is_empty() { locale.t(Key::OrgHoursDeletedAccount).to_string() } else { row.volunteer.clone() };
        file.row([
            row.campaign_id.to_string(),
            defused(&title).into_owned(),
            crate::i18n::format_date(locale, row.starts_at),
            defused(&name).into_owned(),
            row.hours.to_string(),
            locale.t(row.source.key()).to_string(),
        ]);
    }
    file.finish()
}

/// A moderator confirms or rejects flagged hours; a rejection says why.
async fn review(State(state): State<AppState>, Path((_, application)): Path<(String, i64)>, Moderator(viewer): Moderator, form: Submission) -> Result<Outcome, Refusal> {
    let confirm = match form.text("decision") {
        "confirm" => true,
        "reject" => false,
        _ => return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::ChoiceInvalid)])),
    };
    let reason = form.text("hours_reason").trim().to_string();
    if !confirm {
        if let Err(e) = crate::organizations::form::check_reason(&reason) {
            return Ok(form.refuse(vec![("hours_reason", e)]));
        }
    }
    if !store::review(&state.db, viewer.id, application, confirm, (!confirm).then_some(reason.as_str())).await? {
        return Err(Refusal::NotFound);
    }
    let page = form.page();
    let separator = if page.contains('?') { '&' } else { '?' };
    Ok(Outcome::reload(format!("{page}{separator}done={}#hours-review", if confirm { "confirm_hours" } else { "reject_hours" })))
}

/// The page a volunteer's phone opens from the QR code, with the code in `?code=`; the same
/// form sits on the campaign's page (which it names in `back`).
pub const CHECK_PAGE: &str = "/{lang}/campaigns/{id}/attendance";

/// Checking in and out is open from this long before a campaign starts until this long after it
/// ends (people arrive early; the last ones leave late).
pub fn open_margin() -> Duration {
    Duration::hours(1)
}

/// A volunteer checks in or out with the code the organisers' screen shows.
async fn check(State(state): State<AppState>, Path((_, id)): Path<(String, i64)>, Volunteer(viewer): Volunteer, form: Submission) -> Result<Outcome, Refusal> {
    let refuse = |key: Key| Ok(form.refuse(vec![("attendance_code", FieldError::part(key))]));
    let now = Utc::now();
    let campaign = crate::volunteers::applications::store::campaign_facts(&state.db, id).await?.ok_or(Refusal::NotFound)?;
    let Some(typed) = codes::normalized(form.text("attendance_code")) else { return refuse(Key::FormCodeFormat) };
    if let Err(rate_limit::RetryAfter(minutes)) = rate_limit::hit(&state.db, ATTENDANCE_CODE_PER_ACCOUNT, &viewer.id.to_string()).await? {
        return Ok(form.refuse(vec![("attendance_code", FieldError::TooManyAttempts { minutes })]));
    }
    let Some(application) = store::approved_application(&state.db, id, store::ApplicationOf::Volunteer(viewer.id)).await? else { return refuse(Key::FormCodeNotApproved) };
    if now < campaign.starts_at - open_margin() || now > campaign.ends_at + open_margin() {
        return refuse(Key::FormCodeNotRunning);
    }
    let secret = crate::server::secrets::named(&state.db, codes::SECRET_NAME).await?;
    let (kind, window) = match codes::read(&secret, id, &typed, now) {
        Reading::Good { kind, window } => (kind, window),
        Reading::Expired => return refuse(Key::FormCodeExpired),
        Reading::Unknown => {
            // Another campaign's code, typed on the wrong page: say so, rather than "wrong code".
            let others = store::running_for(&state.db, viewer.id, id, now, open_margin()).await?;
            let elsewhere = others.iter().any(|other| !matches!(codes::read(&secret, *other, &typed, now), Reading::Unknown));
            return refuse(if elsewhere { Key::FormCodeOtherCampaign } else { Key::FormCodeUnknown });
        }
    };
    let device = crate::server::cookies::token(&form.parts.headers, crate::auth::handlers::DEVICE_COOKIE).map(crate::auth::session::token_hash);
    match store::record(&state.db, application, kind, window, device.as_deref(), now).await? {
        Ok(()) => {}
        Err(NotRecorded::Replayed) => return refuse(Key::FormCodeReplayed),
        Err(NotRecorded::AlreadyIn) => return refuse(Key::FormCodeAlreadyIn),
        Err(NotRecorded::NotIn) => return refuse(Key::FormCodeNotIn),
    }
    let done = match kind {
        MarkKind::In => "checked_in",
        MarkKind::Out => "checked_out",
    };
    Ok(Outcome::reload(form.path(&format!("/campaigns/{id}?{done}=1#apply"))))
}

/// The organisation confirms the hours from check-in: everyone's, or one person's (`application`).
async fn confirm(State(state): State<AppState>, Path((_, _, id)): Path<(String, String, i64)>, member: Member, form: Submission) -> Result<Outcome, Refusal> {
    let only = match form.text("application") {
        "" => None,
        one => Some(one.parse::<i64>().map_err(|_| Refusal::NotFound)?),
    };
    crate::organizations::campaigns::store::one(&state.db, member.organization_id, id).await?.ok_or(Refusal::NotFound)?;
    let done = store::confirm(&state.db, member.organization_id, id, only, member.viewer.id, Utc::now()).await?;
    let anchor = only.map(|a| format!("#application-{a}")).unwrap_or_default();
    Ok(Outcome::reload(format!("{}?confirmed={}&flagged={}{anchor}", form.page(), done.confirmed, done.flagged)))
}

/// The most hours one person can be credited with for one campaign.
const HOURS_MAX: f64 = 1000.0;

/// The organisation records whether an approved volunteer came and the hours they gave. Hours
/// that differ from the volunteer's check-in and check-out, or from their confirmed online
/// sessions, need a reason, kept in the audit log.
async fn attendance(State(state): State<AppState>, Path((_, _, id, application)): Path<(String, String, i64, i64)>, member: Member, form: Submission) -> Result<Outcome, Refusal> {
    let attended = match form.text("attended") {
        "yes" => true,
        "no" => false,
        _ => return Ok(form.refuse(vec![("attended", FieldError::ChoiceInvalid)])),
    };
    let hours = match parse_hours(form.text("hours"), attended) {
        Ok(hours) => hours,
        Err(e) => return Ok(form.refuse(vec![("hours", e)])),
    };
    let campaign = crate::organizations::campaigns::store::one(&state.db, member.organization_id, id).await?.ok_or(Refusal::NotFound)?;
    if campaign.starts_at > Utc::now() {
        return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::part(Key::FormCampaignNotStarted))]));
    }
    // What check-in and check-out, or the confirmed online sessions, say.
    let marks = store::marks_of_application(&state.db, application).await?;
    let sessions = super::online::store::of_application(&state.db, application).await?;
    let from_check_in = checked_hours(&marks, campaign.starts_at, campaign.ends_at);
    let from_sessions = super::online::model::hours_of(&sessions, super::online::model::SessionStatus::Confirmed, campaign.starts_at, campaign.ends_at);
    let (recorded, recorded_source) = match (from_check_in, from_sessions) {
        (Some(hours), _) => (Some(hours), super::model::HoursSource::CheckIn),
        (None, Some(hours)) => (Some(hours), super::model::HoursSource::Online),
        (None, None) => (None, super::model::HoursSource::Organization),
    };
    let reason = form.text("reason").trim().to_string();
    let changed = recorded.is_some_and(|checked| hours != Some(checked));
    if changed {
        if reason.is_empty() {
            return Ok(form.refuse(vec![("reason", FieldError::part(Key::FormHoursReasonRequired))]));
        }
        if let Err(e) = check_free_text(&reason, REASON_MAX) {
            return Ok(form.refuse(vec![("reason", e)]));
        }
    }
    let log = changed.then(|| {
        let shown = |h: Option<f64>| h.map_or_else(|| "—".to_string(), |h| h.to_string());
        (ModeratorAction::ChangeHours, Subject::Campaign(id), format!("#{application}: {} → {}. {reason}", shown(recorded), shown(hours)))
    });
    let source = if recorded.is_some() && !changed { recorded_source } else { super::model::HoursSource::Organization };
    if !store::record_attendance(&state.db, member.organization_id, id, application, attended, hours, source, member.viewer.id, log).await? {
        return Err(Refusal::NotFound);
    }
    Ok(Outcome::reload(format!("{}?recorded=1#application-{application}", form.page())))
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

#[cfg(test)]
mod tests {
    use super::parse_hours;
    use crate::forms::FieldError;

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
