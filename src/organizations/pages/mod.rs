//! The organisation pages: the directory, a profile, registration and the profile editor.

mod directory;
mod editor;
pub mod fields;
mod profile;

pub use directory::{DirectoryFilters, DirectoryPagination, OrganizationDirectoryPage};
pub use editor::{AcceptInvitationPage, EditOrganizationPage, RegisterOrganizationPage};
pub use profile::OrganizationProfilePage;

use super::model::Verification;
use crate::i18n::Key;
use crate::ui::t;
use leptos::prelude::*;

/// "Verified" or "Awaiting verification" beside an organisation's name.
#[component]
pub fn VerificationBadge(verification: Verification) -> impl IntoView {
    match verification {
        Verification::Verified => view! { <span class="badge badge--verified">"✓ " {t(Key::OrgVerified)}</span> }.into_any(),
        Verification::Awaiting => view! { <span class="badge badge--pending">{t(Key::OrgAwaiting)}</span> }.into_any(),
        Verification::Rejected => view! { <span class="badge badge--rejected">{t(Key::OrgRejected)}</span> }.into_any(),
    }
}
