//! Findings -> the verdict at the top of every page, terminal report and ticket: a level,
//! one headline per kind of outcome (the table below decides it, for every shell alike), a
//! line that says what matters most, and what it means and what to do, in plain words.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::finding::{Finding, RuleId, Severity};
use crate::package::Licence;
use crate::text::{count, plural, size};

/// The verdict level: the worst finding that counts, `Clean`, or `Incomplete` when the
/// package could not be read to its end (whatever the part that was read showed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    #[default]
    Clean,
    Low,
    Medium,
    High,
    Critical,
    Incomplete,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Clean => "clean",
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
            Level::Critical => "critical",
            Level::Incomplete => "incomplete",
        }
    }

    /// The worst finding's level; info findings never make a package look unsafe.
    pub fn of(findings: &[Finding]) -> Level {
        Level::of_severities(findings.iter().map(|f| f.severity))
    }

    fn of_severities(severities: impl Iterator<Item = Severity>) -> Level {
        match severities.max() {
            None | Some(Severity::Info) => Level::Clean,
            Some(Severity::Low) => Level::Low,
            Some(Severity::Medium) => Level::Medium,
            Some(Severity::High) => Level::High,
            Some(Severity::Critical) => Level::Critical,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub level: Level,
    /// The worst finding in what was read: `level` itself, except for an incomplete package.
    pub worst: Level,
    pub outcome: Outcome,
    /// A few words for the top of a page: "Leaks its source code", "No leak found".
    pub title: String,
    /// One line in plain words: what matters most.
    pub summary: String,
    /// What this means, in two or three plain sentences.
    pub means: String,
    /// What to do about it, and who usually does it.
    pub todo: String,
}

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
        todo: "Nothing to do. Keep checking every release, for example with `leakscope scan --fail-on high` in the release job, before it publishes.",
    },
    Headline {
        outcome: Outcome::Incomplete,
        band: None,
        title: "Could not be read to the end",
        means: "The file is cut off, damaged or larger than Leakscope reads, so part of the package was not checked. Whatever was found in the part that was read is listed below; the rest may hide more.",
        todo: "Get the complete file (from the registry, or by building it again) and check it again before relying on this result.",
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
        todo: "The release owner should leave them out of the package (each finding says how) and publish again; the security team should check what they held.",
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
        RuleId::SourcemapEmbeddedSources
        | RuleId::ShippedTypescriptSource
        | RuleId::ShippedJavaSource => Outcome::OwnSource,
        rule if rule.is_secret() => Outcome::Secrets,
        _ => Outcome::Exposure,
    }
}

/// Which kind of outcome leads when findings of several kinds share the worst severity,
/// first to last, and why. What a package leaks must not depend on its file names: the
/// headline is the worst severity's best-ranked kind, and the summary says the other kinds
/// that are as loud.
pub const RANK: [(Outcome, &str); 3] = [
    (
        Outcome::Secrets,
        "A working credential can be used by anyone who installs the package until it is \
         revoked, so revoking it is the first thing to do: the headline says what to act on \
         first.",
    ),
    (
        Outcome::OwnSource,
        "Published code cannot be taken back and a fixed release is the remedy; nothing in it \
         can be used against its owners today the way a live key can.",
    ),
    (
        Outcome::Exposure,
        "Dependency sources, junk files and build paths expose less than either.",
    ),
];

fn rank(outcome: Outcome) -> usize {
    RANK.iter()
        .position(|(o, _)| *o == outcome)
        .unwrap_or(RANK.len())
}

/// The finding the headline is about: the worst severity, then the best-ranked outcome
/// ([`RANK`]), then a map embedding the package's own sources before a shipped source file
/// (it says how much leaked); among equals, the first as given.
fn lead<'a>(notable: &[&'a Finding]) -> Option<&'a Finding> {
    notable.iter().copied().min_by_key(|f| {
        (
            std::cmp::Reverse(f.severity),
            rank(outcome_of(f)),
            f.rule != RuleId::SourcemapEmbeddedSources,
        )
    })
}

/// What the verdict is judged from, and nothing else: the findings about what was read, the
/// licence they are weighed by, what was left unread, and the counts the summary quotes.
pub struct Evidence<'a> {
    /// Worst first, then by path; not the findings that only say what was left unread.
    pub findings: Vec<&'a Finding>,
    pub licence: &'a Licence,
    pub counts: Counts,
    pub unread: Option<Unread>,
}

/// The numbers a summary quotes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub files: usize,
    pub unpacked_bytes: u64,
    pub maps: usize,
    /// The package's own recovered source files (distinct: two maps embedding the same
    /// source leak it once) and their bytes.
    pub own_files: usize,
    pub own_bytes: u64,
    /// Maps that embed own sources, and how many of those nothing references.
    pub leaking_maps: usize,
    pub orphaned_leaking_maps: usize,
}

/// What was left unread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// The package was not read to its end: `cause` says why; `limit` when a limit stopped
    /// it (the archive may be whole).
    Archive { cause: String, limit: bool },
    /// The package was read to its end but part of it was left unread: a limit cut a map
    /// short, an entry is encrypted.
    Part { message: String },
}

/// The verdict on a package: the worst finding, a headline, one line that says what matters
/// most, what it means and what to do. A package not read in full is incomplete, whatever
/// the part that was read showed.
pub fn judge(e: &Evidence) -> Verdict {
    let worst = Level::of_severities(e.findings.iter().map(|f| f.severity));
    let notable: Vec<&Finding> = e
        .findings
        .iter()
        .copied()
        .filter(|f| f.is_notable())
        .collect();
    let lead = lead(&notable);
    let found = match lead {
        None => clean_summary(&e.counts),
        Some(lead) => {
            let found = lead_summary(e, &notable, lead);
            match also_severe(e, &notable, lead) {
                Some(sentence) => format!("{found} {sentence}"),
                None => found,
            }
        }
    };
    let (outcome, band) = lead.map_or((Outcome::Clean, None), |f| {
        (outcome_of(f), Band::of(f.severity))
    });
    let read = Verdict {
        level: worst,
        worst,
        outcome,
        title: String::new(),
        summary: found,
        means: String::new(),
        todo: String::new(),
    };
    match &e.unread {
        None => {
            let words = headline(outcome, band);
            Verdict {
                title: words.title.to_string(),
                means: words.means.to_string(),
                todo: todo(words, &notable, lead),
                ..read
            }
        }
        Some(unread) => incomplete(e, unread, read, &notable, lead),
    }
}

/// The verdict on a package not read in full: incomplete, since what was not checked may
/// hide anything (and a release gate must not pass on it); what was found in the rest is
/// still said.
fn incomplete(
    e: &Evidence,
    unread: &Unread,
    read: Verdict,
    notable: &[&Finding],
    lead: Option<&Finding>,
) -> Verdict {
    let words = headline(Outcome::Incomplete, None);
    let files = plural(e.counts.files, "file", "files");
    let bytes = size(e.counts.unpacked_bytes);
    let summary = match unread {
        Unread::Archive { cause, limit } => format!(
            "Read {files} ({bytes}) {}: {cause} {}",
            // A limit is not damage: the archive may be whole.
            if *limit {
                "and no further"
            } else {
                "before the archive broke off"
            },
            match lead {
                None => "Nothing was found in that part.".to_string(),
                Some(_) => format!("In that part: {}", read.summary),
            }
        ),
        Unread::Part { message } => format!(
            "Read {files} ({bytes}), but not all of it: {message} {}",
            match lead {
                None => "Nothing was found in the part that was read.".to_string(),
                Some(_) => format!("In the part that was read: {}", read.summary),
            }
        ),
    };
    Verdict {
        level: Level::Incomplete,
        outcome: Outcome::Incomplete,
        title: words.title.to_string(),
        summary,
        means: words.means.to_string(),
        todo: todo(words, notable, lead),
        ..read
    }
}

/// What to do: the headline's words, after revoking the secrets first where they sit beside
/// a leak of another kind that leads (for any verdict, incomplete ones too).
fn todo(words: &Headline, notable: &[&Finding], lead: Option<&Finding>) -> String {
    let secrets_beside = lead.is_some_and(|lead| outcome_of(lead) != Outcome::Secrets)
        && secret_places(notable, Some(Band::Severe)) > 0;
    match secrets_beside {
        true => format!("First, {REVOKE_FIRST} {}", words.todo),
        false => words.todo.to_string(),
    }
}

/// The summary of what leads.
fn lead_summary(e: &Evidence, notable: &[&Finding], lead: &Finding) -> String {
    match outcome_of(lead) {
        Outcome::Secrets => secrets_summary(notable, lead),
        Outcome::OwnSource if lead.rule == RuleId::SourcemapEmbeddedSources => {
            own_source_summary(&e.counts, e.licence, "Leaks")
        }
        _ => other_summary(notable, lead),
    }
}

/// What else is as loud (critical or high) beside the kind that leads, in one more
/// sentence: secrets beside a leak of another kind, or the package's own sources beside
/// secrets.
fn also_severe(e: &Evidence, notable: &[&Finding], lead: &Finding) -> Option<String> {
    let severe = |f: &&Finding| Band::of(f.severity) == Some(Band::Severe);
    if outcome_of(lead) != Outcome::Secrets {
        let n = secret_places(notable, Some(Band::Severe));
        return (n > 0)
            .then(|| format!("It also exposes secrets in {}.", plural(n, "file", "files")));
    }
    let own = notable
        .iter()
        .filter(|f| outcome_of(f) == Outcome::OwnSource && severe(f))
        .min_by_key(|f| f.rule != RuleId::SourcemapEmbeddedSources)?;
    Some(match own.rule {
        RuleId::SourcemapEmbeddedSources => {
            own_source_summary(&e.counts, e.licence, "It also leaks")
        }
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

fn clean_summary(counts: &Counts) -> String {
    let maps = counts.maps;
    let mut s = format!(
        "No leak found in {}.",
        plural(counts.files, "file", "files")
    );
    if maps > 0 {
        s.push_str(&format!(
            " {} {} no original sources of its own.",
            plural(maps, "source map", "source maps"),
            if maps == 1 { "embeds" } else { "embed" }
        ));
    }
    s
}

fn secrets_summary(notable: &[&Finding], lead: &Finding) -> String {
    format!(
        "Secrets are exposed in {}. The worst: {}: {}",
        plural(secret_places(notable, None), "file", "files"),
        lead.location(),
        lead.message
    )
}

/// "{lead} N of its own source files (size) through M source maps", with the licence where
/// it is open source.
fn own_source_summary(counts: &Counts, licence: &Licence, lead: &str) -> String {
    let files = counts.own_files;
    let through = if counts.orphaned_leaking_maps == counts.leaking_maps {
        plural(
            counts.leaking_maps,
            "orphaned source map",
            "orphaned source maps",
        )
    } else {
        plural(counts.leaking_maps, "source map", "source maps")
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
        size(counts.own_bytes)
    )
}

fn other_summary(notable: &[&Finding], lead: &Finding) -> String {
    let more = match notable.len() - 1 {
        0 => String::new(),
        n => format!(" ({} more)", plural(n, "finding", "findings")),
    };
    format!("{}: {}{more}", lead.location(), lead.message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: RuleId, severity: Severity) -> Finding {
        at(rule, severity, "x")
    }

    fn at(rule: RuleId, severity: Severity, path: &str) -> Finding {
        Finding::bare(rule, severity, path)
    }

    #[test]
    fn level_is_the_worst_finding_and_info_is_clean() {
        let f = |s| finding(RuleId::LogFile, s);
        assert_eq!(Level::of(&[]), Level::Clean);
        assert_eq!(Level::of(&[f(Severity::Info)]), Level::Clean);
        assert_eq!(
            Level::of(&[f(Severity::Low), f(Severity::Critical), f(Severity::Medium)]),
            Level::Critical
        );
    }

    /// The outcome that leads `findings`, whatever order they come in (the shells sort
    /// them by path, so every order is a renaming).
    fn leads(findings: &[Finding]) -> Outcome {
        let judge_in = |order: Vec<&Finding>| {
            let e = Evidence {
                findings: order,
                licence: &Licence::None,
                counts: Counts::default(),
                unread: None,
            };
            judge(&e).outcome
        };
        let forward = judge_in(findings.iter().collect());
        let backward = judge_in(findings.iter().rev().collect());
        assert_eq!(forward, backward, "the order decided");
        forward
    }

    const SECRET: RuleId = RuleId::Secret(crate::finding::SecretId::GithubPat);

    /// [`RANK`]'s first row: a live secret leads a source leak and an exposure as loud.
    #[test]
    fn secrets_lead_what_is_as_loud() {
        use Severity::*;
        let secret = at(SECRET, Critical, "a.js");
        let own = at(RuleId::SourcemapEmbeddedSources, Critical, "b.js.map");
        let exposure = at(RuleId::GitDirectory, Critical, "c/.git/config");
        assert_eq!(leads(&[secret.clone(), own.clone()]), Outcome::Secrets);
        assert_eq!(leads(&[own.clone(), exposure.clone()]), Outcome::OwnSource);
        assert_eq!(leads(&[exposure, own, secret]), Outcome::Secrets);
    }

    /// The second row: the package's own source leads an exposure as loud, and a shipped
    /// source file does not take the lead from a map that says how much leaked.
    #[test]
    fn own_source_leads_an_exposure_as_loud() {
        use Severity::*;
        let map = at(RuleId::SourcemapEmbeddedSources, High, "z.js.map");
        let shipped = at(RuleId::ShippedTypescriptSource, High, "a.ts");
        let exposure = at(RuleId::LogFile, High, "0.log");
        assert_eq!(
            leads(&[exposure.clone(), shipped.clone()]),
            Outcome::OwnSource
        );
        assert_eq!(
            leads(&[exposure, shipped.clone(), map.clone()]),
            Outcome::OwnSource
        );
        let e = Evidence {
            findings: vec![&shipped, &map],
            licence: &Licence::None,
            counts: Counts::default(),
            unread: None,
        };
        assert!(judge(&e).summary.starts_with("Leaks 0 of its own"));
    }

    /// The third row, and the rule above the table: the worst severity leads whatever its
    /// kind; the ranking only breaks ties.
    #[test]
    fn an_exposure_leads_when_it_is_the_loudest() {
        use Severity::*;
        let exposure = at(RuleId::GitDirectory, High, "z/.git/HEAD");
        let secret = at(SECRET, Medium, "a.js");
        let own = at(RuleId::SourcemapEmbeddedSources, Low, "a.js.map");
        assert_eq!(leads(&[exposure.clone(), secret, own]), Outcome::Exposure);
        assert_eq!(leads(&[exposure]), Outcome::Exposure);
        // Every kind that can lead has its row.
        for outcome in [Outcome::Secrets, Outcome::OwnSource, Outcome::Exposure] {
            assert!(
                RANK.iter()
                    .any(|(o, why)| *o == outcome && why.ends_with('.'))
            );
        }
    }

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
