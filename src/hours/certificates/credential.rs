//! A certificate as a machine-verifiable credential: an Open Badges 3.0 `OpenBadgeCredential`
//! (W3C Verifiable Credentials) secured as a JWT signed with Ed25519 (`alg: EdDSA`), the VC-JWT
//! proof format of Open Badges 3.0.
//!
//! Why a JWT and not a Data Integrity proof (`eddsa-rdfc-2022`): that proof signs the RDF
//! canonical form of the JSON-LD, and no maintained Rust crate canonicalises RDF without
//! pulling in a whole identity framework; a JWT needs only Ed25519 (`ed25519-dalek`, the
//! RustCrypto implementation) and base64, and every JOSE library can check it.
//!
//! The platform's public key is published as a `did:web` document at `/.well-known/did.json`;
//! a credential names it in its `kid`. Revocation is the W3C Bitstring Status List: each
//! certificate has a place in a list published, signed, at `/credentials/status`.

use super::model::Certificate;
use crate::hours::model::HoursSource;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use ed25519_dalek::{Signer as _, SigningKey};
use serde_json::{json, Value};

/// The key credentials are signed with (see `server::secrets`): 32 random bytes, the Ed25519 seed.
const KEY_NAME: &str = "credential_signing_key";
/// The status list holds this many places (16 KB, the smallest size the W3C recommends, so a
/// list does not tell how many certificates exist); past them it grows by the same.
const STATUS_LIST_BITS: usize = 131_072;

pub async fn signing_key(db: &crate::server::db::Db) -> Result<SigningKey, sqlx::Error> {
    let secret = crate::server::secrets::named(db, KEY_NAME).await?;
    let mut seed = [0u8; 32];
    let bytes = hex::decode(&secret).unwrap_or_default();
    for (to, from) in seed.iter_mut().zip(bytes) {
        *to = from;
    }
    Ok(SigningKey::from_bytes(&seed))
}

/// `did:web:birgemiz.kz`, from the platform's public address (a port is written `%3A`).
pub fn did(public_url: &str) -> String {
    let rest = public_url.split_once("://").map_or(public_url, |(_, rest)| rest).trim_end_matches('/');
    let mut parts = rest.split('/');
    let host = parts.next().unwrap_or_default().replace(':', "%3A");
    std::iter::once(format!("did:web:{host}")).chain(parts.map(str::to_string)).collect::<Vec<_>>().join(":")
}

fn key_id(public_url: &str) -> String {
    format!("{}#key-1", did(public_url))
}

/// The DID document served at `/.well-known/did.json`.
pub fn did_document(public_url: &str, key: &SigningKey) -> Value {
    let did = did(public_url);
    let jwk = json!({ "kty": "OKP", "crv": "Ed25519", "x": URL_SAFE_NO_PAD.encode(key.verifying_key().as_bytes()) });
    json!({
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"],
        "id": did,
        "verificationMethod": [{ "id": key_id(public_url), "type": "JsonWebKey2020", "controller": did, "publicKeyJwk": jwk }],
        "assertionMethod": [key_id(public_url)],
    })
}

/// `header.payload.signature`, each part base64url, signed with Ed25519.
fn sign(public_url: &str, key: &SigningKey, payload: &Value) -> String {
    let header = json!({ "alg": "EdDSA", "typ": "JWT", "kid": key_id(public_url) });
    let signing_input = format!("{}.{}", URL_SAFE_NO_PAD.encode(header.to_string()), URL_SAFE_NO_PAD.encode(payload.to_string()));
    let signature = key.sign(signing_input.as_bytes());
    format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()))
}

fn status_list_address(public_url: &str) -> String {
    format!("{}/credentials/status", public_url.trim_end_matches('/'))
}

/// The certificate as an Open Badges 3.0 credential, signed.
pub fn credential(certificate: &Certificate, public_url: &str, key: &SigningKey) -> String {
    let locale = crate::i18n::Locale::from_code(&certificate.locale).unwrap_or_default();
    let base = public_url.trim_end_matches('/');
    let address = format!("{base}/{}/certificates/{}", certificate.locale, certificate.id);
    let issuer = did(public_url);
    let hours = crate::hours::model::format_hours(locale, certificate.hours);
    let evidence: Vec<Value> = certificate
        .entries
        .iter()
        .map(|entry| {
            let pick = |text: &crate::i18n::LocalizedText| text.pick(locale).map(|s| s.text.to_string()).unwrap_or_default();
            json!({
                "id": format!("{base}/{}/campaigns/{}", certificate.locale, entry.campaign_id),
                "type": ["Evidence"],
                "name": pick(&entry.campaign),
                "description": format!("{} · {} · {}", pick(&entry.organization), crate::i18n::format_date_range(locale, entry.starts_at, entry.ends_at), crate::hours::model::format_hours(locale, entry.hours)),
                "genre": match entry.source { HoursSource::CheckIn => "check-in", HoursSource::Organization => "entered by the organisation", HoursSource::Online => "confirmed online sessions" },
            })
        })
        .collect();
    let mut subject = json!({
        "type": ["AchievementSubject"],
        "achievement": {
            "id": format!("{base}/credentials/achievements/volunteer-hours"),
            "type": ["Achievement"],
            "achievementType": "Achievement",
            "name": locale.t(crate::i18n::Key::CertificateTitle),
            "description": locale.t_with(crate::i18n::Key::CertificateTotal, &[("hours", &hours)]),
            "criteria": { "narrative": locale.t(crate::i18n::Key::CertificateIssuer) },
        },
        "result": [{ "type": ["Result"], "value": certificate.hours.to_string() }],
    });
    if !certificate.holder.is_empty() {
        subject["name"] = json!(certificate.holder);
    }
    let vc = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": address,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": { "id": issuer, "type": ["Profile"], "name": "Birgemiz", "url": base },
        "name": format!("{} {}", locale.t(crate::i18n::Key::CertificateTitle), certificate.id),
        "validFrom": certificate.issued_at.to_rfc3339(),
        "credentialSubject": subject,
        "evidence": evidence,
        "credentialStatus": {
            "id": format!("{}#{}", status_list_address(public_url), certificate.status_index),
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": certificate.status_index.to_string(),
            "statusListCredential": status_list_address(public_url),
        },
    });
    let payload = json!({
        "iss": issuer,
        "jti": address,
        "sub": address,
        "iat": certificate.issued_at.timestamp(),
        "nbf": certificate.issued_at.timestamp(),
        "vc": vc,
    });
    sign(public_url, key, &payload)
}

/// The revocation list: a signed `BitstringStatusListCredential` whose bit `i` is set when the
/// certificate at place `i` is revoked (GZIP, then base64url, as the W3C specifies).
pub fn status_list(public_url: &str, key: &SigningKey, revoked: &[i64]) -> String {
    use std::io::Write;
    let highest = revoked.iter().copied().max().unwrap_or(0).max(0) as usize;
    let bits = STATUS_LIST_BITS * (highest / STATUS_LIST_BITS + 1);
    let mut list = vec![0u8; bits / 8];
    for index in revoked.iter().filter(|i| **i >= 0) {
        let index = *index as usize;
        // The first place is the highest bit of the first byte.
        list[index / 8] |= 0x80 >> (index % 8);
    }
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = gzip.write_all(&list);
    let encoded = URL_SAFE_NO_PAD.encode(gzip.finish().unwrap_or_default());
    let address = status_list_address(public_url);
    let now = chrono::Utc::now();
    let payload = json!({
        "iss": did(public_url),
        "jti": address,
        "iat": now.timestamp(),
        "vc": {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": address,
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": did(public_url),
            "validFrom": now.to_rfc3339(),
            "credentialSubject": { "id": format!("{address}#list"), "type": "BitstringStatusList", "statusPurpose": "revocation", "encodedList": format!("u{encoded}") },
        },
    });
    sign(public_url, key, &payload)
}

#[cfg(test)]
mod tests {
    use super::did;

    #[test]
    fn the_did_names_the_platforms_host() {
        assert_eq!(did("https://birgemiz.kz"), "did:web:birgemiz.kz");
        assert_eq!(did("http://127.0.0.1:3000/"), "did:web:127.0.0.1%3A3000");
        assert_eq!(did("https://gov.kz/birgemiz"), "did:web:gov.kz:birgemiz");
    }
}
