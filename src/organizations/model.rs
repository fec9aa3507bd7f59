//! Organisations as both sides see them: kinds, verification, roles, the directory, a profile
//! and the editor's data.

use crate::errors::{invalid, InvalidParameter, Problem, MAX_SEARCH_CHARS};
use crate::campaigns::model::CampaignSummary;
use crate::i18n::{coded, LocalizedText};
use crate::reference::Direction;
use crate::reference::Region;
use serde::{Deserialize, Serialize};

coded! {
    /// The legal or informal form of an organisation.
    OrganizationKind {
        PublicAssociation = "public_association" => OrgKindPublicAssociation,
        Foundation = "foundation" => OrgKindFoundation,
        InitiativeGroup = "initiative_group" => OrgKindInitiativeGroup,
        StateBody = "state_body" => OrgKindStateBody,
        School = "school" => OrgKindSchool,
        Company = "company" => OrgKindCompany,
    }
}

impl OrganizationKind {
    /// An initiative group is not a registered legal entity and so has no BIN.
    pub fn has_bin(self) -> bool {
        self != OrganizationKind::InitiativeGroup
    }
}

/// Where an organisation stands with the moderators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verification {
    Awaiting,
    Verified,
    Rejected,
}

/// Latin letters for a slug: Kazakh and Russian Cyrillic transliterated, the rest dropped.
pub fn slug_from(name: &str) -> String {
    let mut slug = String::new();
    for c in name.to_lowercase().chars() {
        let latin = match c {
            'a'..='z' | '0'..='9' => c.to_string(),
            'а' | 'ә' => "a".into(),
            'б' => "b".into(),
            'в' => "v".into(),
            'г' | 'ғ' => "g".into(),
            'д' => "d".into(),
            'е' | 'ё' | 'э' => "e".into(),
            'ж' => "zh".into(),
            'з' => "z".into(),
            'и' | 'й' | 'і' => "i".into(),
            'к' | 'қ' => "k".into(),
            'л' => "l".into(),
            'м' => "m".into(),
            'н' | 'ң' => "n".into(),
            'о' | 'ө' => "o".into(),
            'п' => "p".into(),
            'р' => "r".into(),
            'с' => "s".into(),
            'т' => "t".into(),
            'у' | 'ұ' | 'ү' => "u".into(),
            'ф' => "f".into(),
            'х' | 'һ' => "h".into(),
            'ц' => "ts".into(),
            'ч' => "ch".into(),
            'ш' => "sh".into(),
            'щ' => "shch".into(),
            'ы' => "y".into(),
            'ю' => "yu".into(),
            'я' => "ya".into(),
            _ => "-".into(),
        };
        slug.push_str(&latin);
    }
    let parts: Vec<&str> = slug.split('-').filter(|p| !p.is_empty()).collect();
    let mut slug = String::new();
    for part in parts {
        if slug.len() + part.len() + 1 > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(part);
    }
    if slug.is_empty() {
        "organization".into()
    } else {
        slug
    }
}

/// A slug as it may appear in an address.
pub fn is_slug(value: &str) -> bool {
    !value.is_empty() && value.len() <= 80 && value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The directory's filters as they stand in a URL query: raw text, not yet trusted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DirectoryQuery {
    pub region: Option<String>,
    pub direction: Option<String>,
    pub q: Option<String>,
    pub after: Option<String>,
    pub before: Option<String>,
}

pub const DIRECTORY_PAGE_SIZE: u32 = 24;

/// The directory's filters, checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DirectoryFilter {
    pub region: Option<String>,
    pub direction: Option<String>,
    pub text: Option<String>,
    pub after: Option<i64>,
    pub before: Option<i64>,
    pub limit: u32,
}

impl DirectoryQuery {
    /// Reads a raw URL query, decoding it once; empty fields mean no filter.
    pub fn from_url_query(raw: &str) -> Self {
        let mut query = DirectoryQuery::default();
        for (name, value) in form_urlencoded::parse(raw.trim_start_matches('?').as_bytes()) {
            let slot = match name.as_ref() {
                "region" => &mut query.region,
                "direction" => &mut query.direction,
                "q" => &mut query.q,
                "after" => &mut query.after,
                "before" => &mut query.before,
                _ => continue,
            };
            let value = value.trim();
            *slot = (!value.is_empty()).then(|| value.to_string());
        }
        query
    }

    /// The filters to keep in a link (not the page position).
    pub fn filter_pairs(&self) -> Vec<(&'static str, &str)> {
        [("q", &self.q), ("region", &self.region), ("direction", &self.direction)]
            .into_iter()
            .filter_map(|(name, value)| value.as_deref().map(|v| (name, v)))
            .collect()
    }

    /// A link to `path` (the directory, the moderators' queue) with the same filters, from a
    /// page position.
    pub fn link(&self, path: &str, position: Option<(&'static str, i64)>) -> String {
        let mut url = form_urlencoded::Serializer::new(String::new());
        for (name, value) in self.filter_pairs() {
            url.append_pair(name, value);
        }
        if let Some((name, id)) = position {
            url.append_pair(name, &id.to_string());
        }
        let query = url.finish();
        if query.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{query}")
        }
    }

    pub fn validate(&self) -> Result<DirectoryFilter, InvalidParameter> {
        let region = match &self.region {
            Some(code) => Some(Region::by_code(code).ok_or_else(|| invalid("region", Problem::UnknownRegion))?.code.to_string()),
            None => None,
        };
        let direction = match &self.direction {
            Some(slug) => Some(Direction::by_slug(slug).ok_or_else(|| invalid("direction", Problem::UnknownDirection))?.slug.to_string()),
            None => None,
        };
        if self.q.as_ref().is_some_and(|q| q.chars().count() > MAX_SEARCH_CHARS) {
            return Err(invalid("q", Problem::SearchTooLong));
        }
        let cursor = |name: &str, value: &Option<String>| match value {
            Some(v) => v.parse::<i64>().ok().filter(|id| *id > 0).map(Some).ok_or_else(|| invalid(name, Problem::MalformedCursor)),
            None => Ok(None),
        };
        Ok(DirectoryFilter {
            region,
            direction,
            text: self.q.as_deref().map(crate::campaigns::model::search_fold),
            after: cursor("after", &self.after)?,
            before: cursor("before", &self.before)?,
            limit: DIRECTORY_PAGE_SIZE,
        })
    }
}

coded! {
    /// What a signed-in person is to an organisation.
    MemberRole {
        Owner = "owner" => OrgRoleOwner,
        Editor = "editor" => OrgRoleEditor,
    }
}

/// An organisation as the directory lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganizationCard {
    pub id: i64,
    pub slug: String,
    pub name: LocalizedText,
    pub kind: OrganizationKind,
    pub verification: Verification,
    pub regions: Vec<String>,
    pub directions: Vec<String>,
    pub logo: Option<String>,
}

/// One page of the directory; the cursors are organisation ids.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DirectoryPage {
    pub items: Vec<OrganizationCard>,
    pub next: Option<i64>,
    pub previous: Option<i64>,
    pub total: i64,
}

/// Figures of what an organisation has done on the platform.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OrganizationFigures {
    pub volunteers: i64,
    pub hours: f64,
    pub campaigns: i64,
}

/// The public profile, with what the viewer may do on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganizationProfile {
    pub card: OrganizationCard,
    pub description: LocalizedText,
    pub bin: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: LocalizedText,
    pub website: Option<String>,
    pub social_links: Vec<String>,
    pub figures: OrganizationFigures,
    pub upcoming: Vec<CampaignSummary>,
    pub past: Vec<CampaignSummary>,
    /// The viewer's role in this organisation, if any.
    pub viewer_role: Option<MemberRole>,
    /// Shown to members and moderators only.
    pub rejection_reason: Option<String>,
    pub viewer_is_moderator: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub user_id: i64,
    pub full_name: String,
    pub email: String,
    pub role: MemberRole,
}

/// An invitation as its page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationView {
    pub organization: LocalizedText,
    pub email: String,
}

/// What the profile editor shows: the stored profile, for members only.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EditorData {
    pub slug: String,
    pub name: LocalizedText,
    pub draft: super::form::OrganizationDraft,
    pub verification: Verification,
    pub rejection_reason: Option<String>,
    pub role: MemberRole,
    pub logo: Option<String>,
    pub members: Vec<Member>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_transliterated_from_kazakh_and_russian() {
        assert_eq!(slug_from("Жасыл Ел — Алматы"), "zhasyl-el-almaty");
        assert_eq!(slug_from("Қамқор Ұйымы"), "kamkor-uiymy");
        assert_eq!(slug_from("<script>"), "script");
        assert_eq!(slug_from("!!!"), "organization");
        assert!(slug_from(&"өте ұзын атау ".repeat(20)).len() <= 60);
    }

    #[test]
    fn directory_filters_are_checked_and_kept_in_links() {
        let query = DirectoryQuery::from_url_query("?region=KZ-75&q=%D2%9B%D0%B0%D0%BC%D0%BA%D0%BE%D1%80&after=24&extra=1");
        let filter = query.validate().unwrap();
        assert_eq!((filter.region.as_deref(), filter.text.as_deref(), filter.after), (Some("KZ-75"), Some("қамкор"), Some(24)));
        assert_eq!(query.link("/organizations", Some(("before", 3))), "/organizations?q=%D2%9B%D0%B0%D0%BC%D0%BA%D0%BE%D1%80&region=KZ-75&before=3");
        let bad = |raw: &str| DirectoryQuery::from_url_query(raw).validate().unwrap_err().parameter;
        assert_eq!(bad("region=XX"), "region");
        assert_eq!(bad("direction=%3Cscript%3E"), "direction");
        assert_eq!(bad("after=1%20OR%201=1"), "after");
        assert_eq!(bad(&format!("q={}", "a".repeat(MAX_SEARCH_CHARS + 1))), "q");
        assert_eq!(DirectoryQuery::from_url_query("region=&q=").validate().unwrap().region, None);
        assert!(is_slug("zhasyl-el") && !is_slug("../etc") && !is_slug(""));
    }
}
