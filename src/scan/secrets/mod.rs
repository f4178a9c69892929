//! Secrets by content, in every text file and in every recovered source. The rules are a
//! table by provider group (`rules.rs`), in the spirit of gitleaks' rule set (MIT): a keyword
//! prefilter first (`prefilter`, SIMD passes where the CPU has them), then the rule's
//! pattern (`matching`, `assignments` for named and generic rules), then the token's
//! boundaries, placeholders, entropy (`values`) and, where the format has one, its checksum
//! (`checksum`). Evidence is always redacted (`mask`). [`assess`] then weighs a hit in its
//! context (a test fixture, a documented test key, a public-by-design key) for the
//! finding's severity.

mod assignments;
mod checksum;
mod context;
mod generic;
mod mask;
mod matching;
mod model;
mod prefilter;
mod rules;
#[cfg(any(test, feature = "samples"))]
mod samples;
mod token;
mod values;
mod words;

pub use context::{
    Assessment, TEST_KEY_NOTE, TEST_REMEDY, assess, has_self_signed_certificate, test_path,
};
pub use mask::{mask, redact};
pub use matching::find;
pub use model::{Check, Group, Hit, RULES, Rule, Shape, rule};
#[cfg(any(test, feature = "samples"))]
pub use samples::{expand, sample};
pub use token::bounded;
pub use values::entropy;

#[cfg(test)]
mod tests;
