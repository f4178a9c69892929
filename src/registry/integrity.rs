//! Subresource-integrity strings as npm records them (`dist.integrity`: `sha512-<base64>`,
//! possibly several separated by spaces) and the SHA-1 hex `dist.shasum` of old versions.
//! The caller computes the digests (WebCrypto in the page, the sha1/sha2 crates natively);
//! this only decides which one counts and whether it matches.

use base64::Engine;
use serde::{Deserialize, Serialize};

use super::algorithm::Algorithm;
use super::error::RegistryError;

/// `alg-<base64 of digest>`.
pub fn sri(algorithm: Algorithm, digest: &[u8]) -> String {
    format!(
        "{}-{}",
        algorithm.as_str(),
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// A digest of `algorithm` written in hex (npm's `shasum`, PyPI's `sha256`), or `None` when
/// it is not one.
pub fn hex_digest(hex: &str, algorithm: Algorithm) -> Option<Vec<u8>> {
    if hex.len() != 2 * algorithm.digest_len() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok())
        .collect()
}

/// What the registry says the tarball's digest must be: the strongest algorithm it gives,
/// with every digest it lists for that algorithm (SRI: any one of them may match).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expected {
    pub algorithm: Algorithm,
    pub digests: Vec<Vec<u8>>,
}

impl Expected {
    /// From `dist.integrity`, or when it gives nothing usable, `dist.shasum`. `None` when
    /// neither holds a digest this understands.
    pub fn of(integrity: Option<&str>, shasum: Option<&str>) -> Option<Expected> {
        integrity
            .and_then(Expected::parse_sri)
            .or_else(|| shasum.and_then(Expected::parse_shasum))
    }

    /// An SRI string: space-separated `alg-base64[?options]`; unknown algorithms and
    /// malformed digests are skipped, the strongest algorithm wins.
    pub fn parse_sri(s: &str) -> Option<Expected> {
        let mut found: Vec<(Algorithm, Vec<u8>)> = Vec::new();
        for token in s.split_ascii_whitespace() {
            let Some((alg, rest)) = token.split_once('-') else {
                continue;
            };
            let Some(algorithm) = Algorithm::parse(alg) else {
                continue;
            };
            let b64 = rest.split('?').next().unwrap_or("");
            let Ok(digest) = decode_base64(b64) else {
                continue;
            };
            if digest.len() == algorithm.digest_len() {
                found.push((algorithm, digest));
            }
        }
        let algorithm = found.iter().map(|(a, _)| *a).max()?;
        Some(Expected {
            algorithm,
            digests: found
                .into_iter()
                .filter(|(a, _)| *a == algorithm)
                .map(|(_, d)| d)
                .collect(),
        })
    }

    /// `dist.shasum`: the SHA-1 in hex.
    pub fn parse_shasum(s: &str) -> Option<Expected> {
        Some(Expected {
            algorithm: Algorithm::Sha1,
            digests: vec![hex_digest(s.trim(), Algorithm::Sha1)?],
        })
    }

    /// The expected digest in SRI form (the first, when several are listed).
    pub fn sri(&self) -> String {
        sri(self.algorithm, &self.digests[0])
    }
}

/// Standard base64, with or without padding (some registries drop it).
fn decode_base64(s: &str) -> Result<Vec<u8>, base64::DecodeError> {
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    engine.decode(s)
}

/// Digests the caller worked out, by algorithm. It need only hold
/// [`Expected::algorithm`]'s.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Computed(pub Vec<(Algorithm, Vec<u8>)>);

impl Computed {
    pub fn with(mut self, algorithm: Algorithm, digest: impl Into<Vec<u8>>) -> Computed {
        self.0.push((algorithm, digest.into()));
        self
    }

    pub fn get(&self, algorithm: Algorithm) -> Option<&[u8]> {
        self.0
            .iter()
            .find(|(a, _)| *a == algorithm)
            .map(|(_, d)| d.as_slice())
    }
}

/// The outcome of checking a download against the registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verification {
    Verified {
        algorithm: Algorithm,
    },
    /// Both digests in SRI form.
    Mismatch {
        algorithm: Algorithm,
        expected: String,
        actual: String,
    },
    /// The caller did not compute the digest that was needed (a bug in the caller).
    NotComputed {
        algorithm: Algorithm,
    },
}

impl Verification {
    /// Verified, or the error to show.
    pub fn into_result(self) -> Result<Algorithm, RegistryError> {
        match self {
            Verification::Verified { algorithm } => Ok(algorithm),
            Verification::Mismatch {
                algorithm,
                expected,
                actual,
            } => Err(RegistryError::IntegrityMismatch {
                algorithm,
                expected,
                actual,
            }),
            Verification::NotComputed { algorithm } => Err(RegistryError::IntegrityMismatch {
                algorithm,
                expected: format!("a {} digest", algorithm.label()),
                actual: "none computed".to_string(),
            }),
        }
    }
}

/// Checks the caller's digests against what the registry recorded.
pub fn verify(computed: &Computed, expected: &Expected) -> Verification {
    let algorithm = expected.algorithm;
    let Some(actual) = computed.get(algorithm) else {
        return Verification::NotComputed { algorithm };
    };
    if expected.digests.iter().any(|d| d.as_slice() == actual) {
        Verification::Verified { algorithm }
    } else {
        Verification::Mismatch {
            algorithm,
            expected: expected.sri(),
            actual: sri(algorithm, actual),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::Digest;

    fn sha512(b: &[u8]) -> Vec<u8> {
        sha2::Sha512::digest(b).to_vec()
    }

    #[test]
    fn strongest_algorithm_wins() {
        let d256 = sha2::Sha256::digest(b"x").to_vec();
        let d512 = sha512(b"x");
        let s = format!(
            "{} {}?opt bogus-AAAA sha512-not*base64",
            sri(Algorithm::Sha256, &d256),
            sri(Algorithm::Sha512, &d512)
        );
        let e = Expected::parse_sri(&s).unwrap();
        assert_eq!(e.algorithm, Algorithm::Sha512);
        assert_eq!(e.digests, vec![d512]);
        assert_eq!(Expected::parse_sri("md5-AAAA"), None);
        assert_eq!(Expected::parse_sri(""), None);
        // A digest of the wrong length for its algorithm is not one.
        assert_eq!(Expected::parse_sri("sha512-AAAA"), None);
    }

    #[test]
    fn shasum_is_the_fallback() {
        // sha1("abc")
        let hex = "a9993e364706816aba3e25717850c26c9cd0d89d";
        let e = Expected::of(None, Some(hex)).unwrap();
        assert_eq!(e.algorithm, Algorithm::Sha1);
        assert_eq!(e.sri(), "sha1-qZk+NkcGgWq6PiVxeFDCbJzQ2J0=");
        // An integrity string that is understood wins over the shasum.
        let sri512 = sri(Algorithm::Sha512, &sha512(b"abc"));
        assert_eq!(
            Expected::of(Some(&sri512), Some(hex)).unwrap().algorithm,
            Algorithm::Sha512
        );
        // One that is not falls back to it.
        assert_eq!(
            Expected::of(Some("md5-xyz"), Some(hex)).unwrap().algorithm,
            Algorithm::Sha1
        );
        assert_eq!(Expected::of(None, Some("xyz")), None);
        assert_eq!(Expected::of(None, None), None);
    }

    #[test]
    fn verify_names_both_digests_in_sri_form() {
        let good = sha512(b"package");
        let expected = Expected::parse_sri(&sri(Algorithm::Sha512, &good)).unwrap();
        let ok = Computed::default().with(Algorithm::Sha512, good.clone());
        assert_eq!(
            verify(&ok, &expected),
            Verification::Verified {
                algorithm: Algorithm::Sha512
            }
        );
        let bad = sha512(b"tampered");
        let v = verify(
            &Computed::default().with(Algorithm::Sha512, bad.clone()),
            &expected,
        );
        assert_eq!(
            v,
            Verification::Mismatch {
                algorithm: Algorithm::Sha512,
                expected: sri(Algorithm::Sha512, &good),
                actual: sri(Algorithm::Sha512, &bad),
            }
        );
        let message = v.into_result().unwrap_err().to_string();
        assert!(
            message.contains(&sri(Algorithm::Sha512, &good)),
            "{message}"
        );
        assert!(message.contains(&sri(Algorithm::Sha512, &bad)), "{message}");
        assert!(message.contains("integrity check failed"), "{message}");
        assert_eq!(
            verify(
                &Computed::default().with(Algorithm::Sha1, vec![0; 20]),
                &expected
            ),
            Verification::NotComputed {
                algorithm: Algorithm::Sha512
            }
        );
    }

    #[test]
    fn unpadded_base64_is_read() {
        let d = sha512(b"y");
        let s = sri(Algorithm::Sha512, &d);
        let unpadded = s.trim_end_matches('=');
        assert_eq!(Expected::parse_sri(unpadded).unwrap().digests, vec![d]);
    }
}
