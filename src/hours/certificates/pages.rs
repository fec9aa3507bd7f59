//! A certificate's public page, and the book's section where a volunteer issues and revokes them.

use super::api::load_certificate;
use super::model::{Certificate, NameShown, Verification};
use crate::campaigns::pages::LocalizedSpan;
use crate::forms::{FormFeedback, PostForm, SelectField, SubmitButton, TextField};
use crate::hours::hours_text;
use crate::i18n::{format_date, format_date_range, Key, Locale, LocalizedText};
use crate::reference::Direction;
use crate::ui::{href, t, use_locale, ErrorPanel};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/{lang}/certificates/{id}`: what the certificate states and whether it still holds.
#[component]
pub fn CertificatePage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let data = Resource::new(move || id.get(), load_certificate);
    view! {
        <Title text=t(Key::CertificatePageTitle)/>
        // People's certificates are checked by those given the address, not found by search engines.
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
            {move || data.get().map(|result| match result {
                Ok(verification) => view! { <Verified verification/> }.into_any(),
                Err(error) => view! { <ErrorPanel error/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Verified(verification: Verification) -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let issued_now = move || query.with(|q| q.get("issued").is_some()).then(|| view! { <p class="notice notice--success" role="status">{t(Key::CertificateIssuedNotice)}</p> });
    let certificate = verification.certificate;
    let (status_class, status) = match (certificate.revoked_at, verification.corrections.is_empty()) {
        (Some(at), _) => ("certificate-status certificate-status--revoked", locale.t_with(Key::CertificateStatusRevoked, &[("date", &format_date(locale, at))])),
        (None, false) => ("certificate-status certificate-status--corrected", t(Key::CertificateStatusCorrected).to_string()),
        (None, true) => ("certificate-status certificate-status--valid", t(Key::CertificateStatusValid).to_string()),
    };
    let holder = if certificate.holder.is_empty() { t(Key::CertificateNameWithheld).to_string() } else { certificate.holder.clone() };
    let pdf = format!("/certificates/{}/pdf", certificate.id);
    view! {
        <div class="certificate">
            {issued_now}
            <h1>{t(Key::CertificateTitle)}</h1>
            <p class=status_class role="status"><strong>{status}</strong></p>
            <dl class="facts">
                <div><dt>{t(Key::CertificateVolunteer)}</dt><dd>{holder}</dd></div>
                <div><dt>{t(Key::CertificateTotalLabel)}</dt><dd>{hours_text(certificate.hours)}</dd></div>
                <div><dt>{t(Key::CertificateScope)}</dt><dd>{certificate.scope(locale)}</dd></div>
                {certificate.organization.clone().map(|organization| view! {
                    <div><dt>{t(Key::BookOrganization)}</dt><dd><LocalizedSpan text=organization/></dd></div>
                })}
                <div><dt>{t(Key::CertificateIssuedOn)}</dt><dd>{format_date(locale, certificate.issued_at)}</dd></div>
                <div><dt>{t(Key::CertificateNumber)}</dt><dd><code>{certificate.id.clone()}</code></dd></div>
            </dl>
            {(!verification.corrections.is_empty()).then(|| view! {
                <section aria-labelledby="certificate-corrections" class="notice">
                    <h2 id="certificate-corrections">{t(Key::CertificateCorrections)}</h2>
                    <ul>
                        {verification.corrections.into_iter().map(|correction| {
                            let now = correction.now.map(hours_text).unwrap_or_else(|| t(Key::CertificateNoLongerCredited).to_string());
                            view! { <li><LocalizedSpan text=correction.campaign/> ": " {hours_text(correction.issued)} " → " {now}</li> }
                        }).collect_view()}
                    </ul>
                </section>
            })}
            <p class="actions">
                <a class="button button--secondary" href=pdf rel="external">{t(Key::CertificatePdf)}</a>
                <a href=format!("/certificates/{}/credential", certificate.id) rel="external" download=format!("birgemiz-{}.jwt", certificate.id)>{t(Key::CertificateCredential)}</a>
            </p>
            <p class="field__hint">{t(Key::CertificateCredentialHint)}</p>
            <h2>{t(Key::CertificateEntries)}</h2>
            <ol class="book__entries">
                {certificate.entries.into_iter().map(|entry| {
                    let direction = Direction::by_slug(&entry.direction).map(|d| d.name(locale)).unwrap_or_default();
                    let how = t(entry.source.key());
                    view! {
                        <li class="book-entry">
                            <h3><LocalizedSpan text=entry.campaign/></h3>
                            <p class="book-entry__hours">{hours_text(entry.hours)}</p>
                            <dl class="facts">
                                <div><dt>{t(Key::BookOrganization)}</dt><dd><LocalizedSpan text=entry.organization/></dd></div>
                                <div><dt>{t(Key::BookWhen)}</dt><dd>{format_date_range(locale, entry.starts_at, entry.ends_at)}</dd></div>
                                <div><dt>{t(Key::FilterDirection)}</dt><dd>{direction}</dd></div>
                                <div><dt>{t(Key::BookHow)}</dt><dd>{how}</dd></div>
                            </dl>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </div>
    }
}

/// On the book's page: issuing a certificate, and the ones issued.
#[component]
pub fn CertificatesSection(certificates: Vec<Certificate>, organizations: Vec<(String, LocalizedText)>, can_issue: bool, feedback: FormFeedback) -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let revoked = move || query.with(|q| q.get("revoked").is_some()).then(|| view! { <p class="notice notice--success" role="status">{t(Key::CertificateRevokedNotice)}</p> });
    let mut scopes = vec![("all".to_string(), t(Key::CertificateAllOrganizations).to_string())];
    scopes.extend(organizations.into_iter().map(|(slug, name)| (slug, name.pick(locale).map(|s| s.text.to_string()).unwrap_or_default())));
    let names = NameShown::ALL.iter().map(|n| (n.code().to_string(), t(n.key()).to_string())).collect();
    let languages = Locale::ALL.iter().map(|l| (l.code().to_string(), l.native_name().to_string())).collect();
    view! {
        <section id="certificates" aria-labelledby="certificates-title">
            <h2 id="certificates-title">{t(Key::CertificatesTitle)}</h2>
            <p>{t(Key::CertificatesLead)}</p>
            {revoked}
            {can_issue.then(|| view! {
                <PostForm action=href("/me/certificates") feedback=feedback.clone() class="certificate-form">
                    <SelectField name="organization" label=Key::CertificateFieldOrganization options=scopes value="all" required=true/>
                    <div class="period-form">
                        <TextField name="from" label=Key::OrgHoursFrom kind="date"/>
                        <TextField name="to" label=Key::OrgHoursTo kind="date"/>
                    </div>
                    <SelectField name="name_shown" label=Key::CertificateFieldName options=names value="full" required=true/>
                    <SelectField name="certificate_language" label=Key::CertificateFieldLanguage options=languages value=locale.code() required=true/>
                    <SubmitButton label=Key::CertificateIssue/>
                </PostForm>
            })}
            {(!certificates.is_empty()).then(|| view! {
                <ul class="certificate-list">
                    {certificates.into_iter().map(|certificate| {
                        let id = certificate.id.clone();
                        let status = match certificate.revoked_at {
                            Some(at) => locale.t_with(Key::CertificateStatusRevoked, &[("date", &format_date(locale, at))]),
                            None => t(Key::CertificateStatusIssued).to_string(),
                        };
                        view! {
                            <li>
                                <a href=href(&format!("/certificates/{id}"))><code>{id.clone()}</code></a>
                                " · " {format_date(locale, certificate.issued_at)} " · " {hours_text(certificate.hours)} " · " {status}
                                " · " <a href=format!("/certificates/{id}/pdf") rel="external">"PDF"</a>
                                {certificate.revoked_at.is_none().then(|| view! {
                                    <form method="post" action=href(&format!("/me/certificates/{id}/revoke"))>
                                        <button type="submit" class="link-button">{t(Key::CertificateRevoke)}</button>
                                    </form>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}
