//! Findings -> the verdict at the top of every page, terminal report and ticket: a level,
//! one headline per kind of outcome (the table below decides it, for every shell alike), a
//! line that says what matters most, and what it means and what to do, in plain words.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Level, RuleId, Severity, Verdict};
use crate::package::Licence;
use crate::scan::Analysis;
use crate::scan::maps::MapSummary;
use crate::text::{count, plural, size};

/// What kind of thing the worst finding is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    #[default]
    Clean,
    /// The package could not be read to its end.
    Incomplete,
    /// The authors' own code: embedded in maps, or shipped as sources.
    OwnSource,
    /// Keys, tokens, passwords, credential files.
    Secrets,
    /// Anything else that should not be published (dependency sources, junk, paths).
    Exposure,
}

/// How loud: critical and high, medium, low.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    Severe,
    Moderate,
    Minor,
}

impl Band {
    fn of(severity: Severity) -> Option<Band> {
        match severity {
            Severity::Critical | Severity::High => Some(Band::Severe),
            Severity::Medium => Some(Band::Moderate),
            Severity::Low => Some(Band::Minor),
            Severity::Info => None,
        }
    }
}

/// The words for one kind of outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Headline {
    pub outcome: Outcome,
    /// `None` for outcomes that have one headline whatever the severity.
    pub band: Option<Band>,
    pub title: &'static str,
    /// What this means, for someone who does not know what a source map is.
    pub means: &'static str,
    /// What to do, and who usually does it.
    pub todo: &'static str,
}

/// One headline per kind of outcome. The page, the terminal and the Markdown all take their
/// words from here.
pub const HEADLINES: [Headline; 9] = [
    Headline {
        outcome: Outcome::Clean,
        band: None,
        title: "No leak found",
        means: "Leakscope found no original source code, secrets or files that should not be published in this package.",
        todo: "Nothing to do. Keep checking every release, for example with `leakscope scan --fail-on high` before `npm publish`.",
    },
    Headline {
        outcome: Outcome::Incomplete,
        band: None,
        title: "Could not be read to the end",
        means: "The file is cut off, damaged or larger than Leakscope reads, so part of the package was not checked. Whatever was found in the part that was read is listed below; the rest may hide more.",
        todo: "Get the complete tarball (from the registry, or with `npm pack`) and check it again before relying on this result.",
    },
    Headline {
        outcome: Outcome::OwnSource,
        band: Some(Band::Severe),
        title: "Leaks its source code",
        means: "Anyone who installs this package can read code its authors did not publish on purpose.",
        todo: "The release owner should publish a fixed version and deprecate this one; the security team should check whether the exposed code reveals anything that must change.",
    },
    Headline {
        outcome: Outcome::OwnSource,
        band: Some(Band::Moderate),
        title: "Ships its own source code",
        means: "The package carries its original source code. Its licence says the code is open source, but the files also reveal details of the machine it was built on.",
        todo: "Nothing urgent. The maintainers can build with relative paths and without embedded sources in the next release.",
    },
    Headline {
        outcome: Outcome::OwnSource,
        band: Some(Band::Minor),
        title: "Ships its own source code",
        means: "The package carries its original source code; under its open-source licence that code is most likely public already.",
        todo: "Nothing urgent. The maintainers can leave the sources out of the next release to make it smaller.",
    },
    Headline {
        outcome: Outcome::Secrets,
        band: Some(Band::Severe),
        title: "Leaks secrets",
        means: "Keys, tokens or passwords are inside the package, where anyone who installs it can copy and use them.",
        todo: "The security team should revoke and replace each one now; then the release owner publishes a version without them.",
    },
    Headline {
        outcome: Outcome::Secrets,
        band: Some(Band::Moderate),
        title: "May contain secrets",
        means: "Something that looks like a key or password is inside the package, but it looks like a test value or cannot be confirmed.",
        todo: "Someone who knows the code should check each one and replace any that turns out to be real.",
    },
    Headline {
        outcome: Outcome::Exposure,
        band: Some(Band::Severe),
        title: "Publishes files it should not",
        means: "Files that belong on a developer's machine or in the repository (such as history, keys or logs) are in the package.",
        todo: "The release owner should leave them out (a `files` list in package.json) and publish again; the security team should check what they held.",
    },
    Headline {
        outcome: Outcome::Exposure,
        band: Some(Band::Moderate),
        title: "Worth a look",
        means: "The package exposes more than it needs to, such as the sources of its dependencies or details of the machine it was built on.",
        todo: "The maintainers should review the findings below before the next release.",
    },
];

/// A minor exposure reads like a moderate one but quieter.
const MINOR_EXPOSURE: Headline = Headline {
    outcome: Outcome::Exposure,
    band: Some(Band::Minor),
    title: "Minor exposure",
    means: "Only small details leak, such as file names, settings or build paths.",
    todo: "Nothing urgent; tidy it up in a later release.",
};

/// The headline for an outcome at a band (`band` is ignored for clean and incomplete).
pub fn headline(outcome: Outcome, band: Option<Band>) -> &'static Headline {
    match outcome {
        Outcome::Clean | Outcome::Incomplete => HEADLINES
            .iter()
            .find(|h| h.outcome == outcome)
            .expect("one row each"),
        Outcome::Exposure if band == Some(Band::Minor) => &MINOR_EXPOSURE,
        // A secret rule below medium is still reported as "may contain".
        Outcome::Secrets if band == Some(Band::Minor) => headline(outcome, Some(Band::Moderate)),
        _ => HEADLINES
            .iter()
            .find(|h| h.outcome == outcome && h.band == band)
            .unwrap_or(&MINOR_EXPOSURE),
    }
}

fn outcome_of(finding: &Finding) -> Outcome {
    match finding.rule {
        RuleId::SourcemapEmbeddedSources | RuleId::ShippedTypescriptSource => Outcome::OwnSource,
        rule if rule.is_secret() => Outcome::Secrets,
        _ => Outcome::Exposure,
    }
}

/// The verdict on an analysed package: the worst finding, a headline, and one line that
/// says what matters most.
pub fn verdict(a: &Analysis, licence: &Licence) -> Verdict {
    // The archive's own finding is said by the incomplete headline; the worst is what was
    // found in the part that was read.
    let read: Vec<Finding> = a
        .findings
        .iter()
        .filter(|f| f.rule != RuleId::ArchiveIncomplete)
        .cloned()
        .collect();
    let worst_level = Level::of(&read);
    let notable: Vec<&Finding> = read.iter().filter(|f| f.is_notable()).collect();
    let (outcome, band) = match (a.archive_error.is_some(), notable.first()) {
        (true, _) => (Outcome::Incomplete, None),
        (false, None) => (Outcome::Clean, None),
        (false, Some(worst)) => (outcome_of(worst), Band::of(worst.severity)),
    };
    let words = headline(outcome, band);
    let found = match notable.first() {
        None => clean_summary(a),
        Some(worst) => match outcome_of(worst) {
            Outcome::Secrets => secrets_summary(&notable, worst),
            Outcome::OwnSource if worst.rule == RuleId::SourcemapEmbeddedSources => {
                own_source_summary(a, licence, "Leaks")
            }
            _ => other_summary(&notable, worst),
        },
    };
    let found = match also_severe(a, licence, &notable) {
        Some(sentence) => format!("{found} {sentence}"),
        None => found,
    };
    let summary = match &a.archive_error {
        Some(e) => format!(
            "Read {} ({}) {}: {} {}",
            plural(a.files, "file", "files"),
            size(a.unpacked_bytes),
            // A limit is not damage: the archive may be whole.
            if e.limit().is_some() {
                "and no further"
            } else {
                "before the archive broke off"
            },
            e.cause(),
            match notable.first() {
                None => "Nothing was found in that part.".to_string(),
                Some(_) => format!("In that part: {found}"),
            }
        ),
        None => found,
    };
    Verdict {
        level: if outcome == Outcome::Incomplete {
            Level::Incomplete
        } else {
            worst_level
        },
        worst: worst_level,
        outcome,
        title: words.title.to_string(),
        summary,
        means: words.means.to_string(),
        todo: todo(words, &notable),
    }
}

/// What to do: the headline's words, after revoking the secrets first where they sit beside
/// a worse leak of another kind (for any verdict, incomplete ones too).
pub(crate) fn todo(words: &Headline, notable: &[&Finding]) -> String {
    let secrets_beside = notable
        .first()
        .is_some_and(|worst| outcome_of(worst) != Outcome::Secrets)
        && secret_places(notable, Some(Band::Severe)) > 0;
    match secrets_beside {
        true => format!("First, {REVOKE_FIRST} {}", words.todo),
        false => words.todo.to_string(),
    }
}

/// What else is as loud (critical or high) beside the worst finding's kind, in one more
/// sentence: secrets beside a leak of another kind, or the package's own sources beside
/// secrets.
fn also_severe(a: &Analysis, licence: &Licence, notable: &[&Finding]) -> Option<String> {
    let severe = |f: &&Finding| Band::of(f.severity) == Some(Band::Severe);
    if outcome_of(notable.first()?) != Outcome::Secrets {
        let n = secret_places(notable, Some(Band::Severe));
        return (n > 0)
            .then(|| format!("It also exposes secrets in {}.", plural(n, "file", "files")));
    }
    let own = notable
        .iter()
        .find(|f| outcome_of(f) == Outcome::OwnSource && severe(f))?;
    Some(match own.rule {
        RuleId::SourcemapEmbeddedSources => own_source_summary(a, licence, "It also leaks"),
        _ => format!("It also ships its own source code ({}).", own.location()),
    })
}

/// What to do first when secrets sit beside a leak of another kind.
const REVOKE_FIRST: &str = "the security team should revoke and replace the secrets it holds.";

/// In how many places (files, or sources inside a map) the secrets among `notable` are, of
/// `band` (any, if none).
fn secret_places(notable: &[&Finding], band: Option<Band>) -> usize {
    // Count places, not rules: an .npmrc token fires a file rule and a content rule.
    let places: HashSet<(&str, Option<&str>)> = notable
        .iter()
        .filter(|f| f.rule.is_secret() && band.is_none_or(|b| Band::of(f.severity) == Some(b)))
        .map(|f| (f.path.as_str(), f.source.as_ref().map(|s| s.path.as_str())))
        .collect();
    places.len()
}

fn clean_summary(a: &Analysis) -> String {
    let maps = a.source_maps.len();
    let mut s = format!("No leak found in {}.", plural(a.files, "file", "files"));
    if maps > 0 {
        s.push_str(&format!(
            " {} {} no original sources of its own.",
            plural(maps, "source map", "source maps"),
            if maps == 1 { "embeds" } else { "embed" }
        ));
    }
    s
}

fn secrets_summary(notable: &[&Finding], worst: &Finding) -> String {
    format!(
        "Secrets are exposed in {}. The worst: {}: {}",
        plural(secret_places(notable, None), "file", "files"),
        worst.location(),
        worst.message
    )
}

/// "{lead} N of its own source files (size) through M source maps", with the licence where
/// it is open source.
fn own_source_summary(a: &Analysis, licence: &Licence, lead: &str) -> String {
    let leaking: Vec<&MapSummary> = a
        .source_maps
        .iter()
        .filter(|m| m.first_party_embedded > 0)
        .collect();
    // Distinct files, as recovered: two maps embedding the same source leak it once.
    let own = a.recovered.files().iter().filter(|f| f.first_party);
    let (files, bytes) = own.fold((0usize, 0u64), |(n, b), f| (n + 1, b + f.size()));
    let orphaned = leaking.iter().filter(|m| !m.referenced).count();
    let through = if orphaned == leaking.len() {
        plural(leaking.len(), "orphaned source map", "orphaned source maps")
    } else {
        plural(leaking.len(), "source map", "source maps")
    };
    let tail = if licence.is_open_source() {
        format!(", under an {}", licence.describe())
    } else {
        String::new()
    };
    format!(
        "{lead} {} of its own source {} ({}) through {through}{tail}.",
        count(files as u64),
        if files == 1 { "file" } else { "files" },
        size(bytes)
    )
}

fn other_summary(notable: &[&Finding], worst: &Finding) -> String {
    let more = match notable.len() - 1 {
        0 => String::new(),
        n => format!(" ({} more)", plural(n, "finding", "findings")),
    };
    format!("{}: {}{more}", worst.location(), worst.message)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of the table, and the words each shell shows for it.
    #[test]
    fn one_headline_per_outcome() {
        use Band::*;
        use Outcome::*;
        let cases = [
            (Clean, None, "No leak found"),
            (Clean, Some(Severe), "No leak found"),
            (Incomplete, None, "Could not be read to the end"),
            (Incomplete, Some(Minor), "Could not be read to the end"),
            (OwnSource, Some(Severe), "Leaks its source code"),
            (OwnSource, Some(Moderate), "Ships its own source code"),
            (OwnSource, Some(Minor), "Ships its own source code"),
            (Secrets, Some(Severe), "Leaks secrets"),
            (Secrets, Some(Moderate), "May contain secrets"),
            (Secrets, Some(Minor), "May contain secrets"),
            (Exposure, Some(Severe), "Publishes files it should not"),
            (Exposure, Some(Moderate), "Worth a look"),
            (Exposure, Some(Minor), "Minor exposure"),
        ];
        for (outcome, band, title) in cases {
            let h = headline(outcome, band);
            assert_eq!(h.title, title, "{outcome:?} {band:?}");
            assert!(h.means.ends_with('.') && h.todo.ends_with('.'));
        }
        // Every row of the table is reachable.
        for row in &HEADLINES {
            assert_eq!(headline(row.outcome, row.band), row);
        }
    }

    #[test]
    fn bands_follow_severity() {
        assert_eq!(Band::of(Severity::Critical), Some(Band::Severe));
        assert_eq!(Band::of(Severity::High), Some(Band::Severe));
        assert_eq!(Band::of(Severity::Medium), Some(Band::Moderate));
        assert_eq!(Band::of(Severity::Low), Some(Band::Minor));
        assert_eq!(Band::of(Severity::Info), None);
    }
}
