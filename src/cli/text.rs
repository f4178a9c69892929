//! The terminal report: the verdict in colour, findings by severity (many of a rule as one
//! entry), the counts. Every string from the package has its control characters made
//! visible, so that a hostile file name cannot drive the terminal.

use anstyle::{AnsiColor, Style};

use leakscope::Session;
use leakscope::finding::{Finding, Grouped, Presented, Severity};
use leakscope::text::{count, plural, size, without_controls as clean};
use leakscope::verdict::Level;

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Critical => AnsiColor::Red.on_default().bold(),
        Severity::High => AnsiColor::Red.on_default(),
        Severity::Medium => AnsiColor::Yellow.on_default(),
        Severity::Low => AnsiColor::Blue.on_default(),
        Severity::Info => AnsiColor::BrightBlack.on_default(),
    }
}

fn level_style(level: Level) -> Style {
    match level {
        Level::Clean => AnsiColor::Green.on_default().bold(),
        Level::Low => severity_style(Severity::Low).bold(),
        Level::Medium => severity_style(Severity::Medium).bold(),
        Level::High => severity_style(Severity::High).bold(),
        Level::Critical => severity_style(Severity::Critical),
        Level::Incomplete => AnsiColor::Magenta.on_default().bold(),
    }
}

pub fn report(s: &Session) -> String {
    let a = &s.analysis;
    let mut out = verdict_text(s);
    findings_text(&mut out, &a.findings);
    shipped_text(&mut out, s);
    limits_text(&mut out, &a.limits_hit);
    links_text(&mut out, &a.links);
    if let Some(p) = &s.input.source {
        out.push_str(&format!(
            "\nFrom {}: {}",
            clean(&p.tarball),
            p.integrity_text()
        ));
    }
    out.push_str(&format!(
        "\n{} ({}), {}, {} ({})",
        plural(a.files, "file", "files"),
        size(a.unpacked_bytes),
        plural(a.source_maps.len(), "source map", "source maps"),
        plural(a.recovered.len(), "recovered source", "recovered sources"),
        size(a.recovered.bytes())
    ));
    out
}

/// The verdict in colour: level, headline, package, then the summary, what it means and
/// what to do.
fn verdict_text(s: &Session) -> String {
    let v = &s.verdict;
    let style = level_style(v.level);
    let bold = Style::new().bold();
    format!(
        "{}{}{} {}{}{} · {}{}{}\n  {}\n  {}\n  {}\n",
        style.render(),
        v.level.as_str().to_uppercase(),
        style.render_reset(),
        bold.render(),
        v.title,
        bold.render_reset(),
        match s.analysis.ecosystem {
            leakscope::package::Ecosystem::Npm => String::new(),
            other => format!("{} ", other.noun()),
        },
        clean(&s.label()),
        if s.label() == s.input.name {
            String::new()
        } else {
            format!(" ({})", clean(&s.input.name))
        },
        clean(&v.summary),
        v.means,
        v.todo.replace('`', "")
    )
}

/// The findings by severity, worst first, many of a rule as one entry.
fn findings_text(out: &mut String, findings: &[Finding]) {
    let presented = Presented::of(findings);
    for severity in Severity::ALL {
        let at: Vec<&Grouped> = presented
            .notable
            .iter()
            .chain(&presented.notes)
            .filter(|e| e.severity() == severity)
            .collect();
        if at.is_empty() {
            continue;
        }
        let n: usize = at.iter().map(|e| e.count()).sum();
        let st = severity_style(severity);
        out.push_str(&format!(
            "\n{}{} ({}){}\n",
            st.render(),
            severity.as_str().to_uppercase(),
            count(n as u64),
            st.render_reset()
        ));
        for entry in at {
            out.push_str(&entry_text(entry));
        }
    }
}

/// Why npm packed each file with a notable finding, and what keeps it out.
fn shipped_text(out: &mut String, s: &Session) {
    let shipped = leakscope::packing::shipped(s, true);
    if shipped.is_empty() {
        return;
    }
    let bold = Style::new().bold();
    out.push_str(&format!(
        "\n{}WHY THEY SHIPPED{} (the packing rules of {})\n",
        bold.render(),
        bold.render_reset(),
        leakscope::packing::NPM_RULES
    ));
    for entry in shipped.iter().take(TEXT_FILES) {
        out.push_str(&format!(
            "  {}\n    {}\n",
            clean(&entry.path),
            clean(&entry.why)
        ));
        for fix in entry.fix.iter().chain(&entry.build_fix) {
            out.push_str(&format!("    → {}\n", clean(fix).replace('`', "")));
        }
    }
    if shipped.len() > TEXT_FILES {
        out.push_str(&format!("  {}\n", more(shipped.len() - TEXT_FILES)));
    }
}

fn limits_text(out: &mut String, hits: &[leakscope::limits::LimitHit]) {
    if hits.is_empty() {
        return;
    }
    let bold = Style::new().bold();
    out.push_str(&format!(
        "\n{}LIMITS THAT APPLIED{}\n",
        bold.render(),
        bold.render_reset()
    ));
    for hit in hits {
        out.push_str(&format!(
            "  {} ({} {})\n",
            clean(&hit.message),
            hit.limit.option(),
            hit.limit.show(hit.value)
        ));
    }
}

fn links_text(out: &mut String, links: &[leakscope::archive::ArchiveLink]) {
    use leakscope::archive::LinkKind;
    if links.is_empty() {
        return;
    }
    let bold = Style::new().bold();
    out.push_str(&format!(
        "\n{}LINKS ({}, not followed){}\n",
        bold.render(),
        count(links.len() as u64),
        bold.render_reset()
    ));
    for link in links.iter().take(TEXT_FILES) {
        out.push_str(&format!(
            "  {} -> {}{}\n",
            clean(&link.path),
            clean(&link.target),
            match (link.kind, link.escapes) {
                (LinkKind::Hard, true) => " (hard link, outside the package)",
                (LinkKind::Hard, false) => " (hard link)",
                (_, true) => " (outside the package)",
                (_, false) => "",
            }
        ));
    }
    if links.len() > TEXT_FILES {
        out.push_str(&format!("  {}\n", more(links.len() - TEXT_FILES)));
    }
}

fn finding_text(place: &str, f: &Finding) -> String {
    format!(
        "  {}\n    {}\n    → {}\n",
        clean(place),
        clean(&f.message),
        clean(&f.remedy)
    )
}

fn entry_text(e: &Grouped) -> String {
    match e {
        Grouped::One(f) => finding_text(&f.location(), f),
        // Many of one rule: once, with the files listed briefly.
        Grouped::Many(g) => {
            let first = g.findings[0];
            let others: Vec<String> = g.findings[1..]
                .iter()
                .take(4)
                .map(|f| clean(&f.location()))
                .collect();
            let rest = g.findings.len() - 1 - others.len();
            format!(
                "  {} ({}), e.g. {}\n    {}\n    → {}\n    also {}{}\n",
                plural(g.findings.len(), "file", "files"),
                g.rule,
                clean(&first.location()),
                clean(&first.message),
                clean(&first.remedy),
                others.join(", "),
                if rest > 0 {
                    format!(" {}", more(rest))
                } else {
                    String::new()
                }
            )
        }
    }
}

/// Files listed in the terminal; `--format json` lists all.
const TEXT_FILES: usize = 40;

/// The terminal comparison: the story, the new findings first, the files that differ, the
/// findings gone.
pub fn comparison(c: &leakscope::diff::Comparison) -> String {
    let bold = Style::new().bold();
    let level = |l: Level| {
        let st = level_style(l);
        format!(
            "{}{}{}",
            st.render(),
            l.as_str().to_uppercase(),
            st.render_reset()
        )
    };
    let mut out = format!(
        "{}{} → {}{}  ({} → {})\n  {}\n",
        bold.render(),
        clean(&c.old.label),
        clean(&c.new.label),
        bold.render_reset(),
        level(c.old.level),
        level(c.new.level),
        clean(&c.summary).replace('`', "")
    );
    for (side, source) in [("old", &c.old.source), ("new", &c.new.source)] {
        if let Some(p) = source {
            out.push_str(&format!(
                "  {side}: from {}: {}\n",
                clean(&p.tarball),
                p.integrity_text()
            ));
        }
    }
    let new_version = c.new.version.as_deref().unwrap_or(&c.new.label);
    let title = format!(
        "NEW IN {} ({})",
        clean(new_version),
        count(c.new_findings.len() as u64)
    );
    findings_section(&mut out, &title, &c.new_findings);
    files_section(&mut out, c);
    let old_version = c.old.version.as_deref().unwrap_or(&c.old.label);
    let title = format!(
        "GONE SINCE {} ({})",
        clean(old_version),
        count(c.gone_findings.len() as u64)
    );
    findings_section(&mut out, &title, &c.gone_findings);
    out.truncate(out.trim_end().len());
    out
}

/// A comparison's findings, new or gone, under their title.
fn findings_section(out: &mut String, title: &str, findings: &[Finding]) {
    let bold = Style::new().bold();
    out.push_str(&format!(
        "\n{}{title}{}\n",
        bold.render(),
        bold.render_reset()
    ));
    if findings.is_empty() {
        out.push_str("  none\n");
    }
    for f in findings {
        let st = severity_style(f.severity);
        out.push_str(&format!(
            "  {}{}{} {}",
            st.render(),
            f.severity.as_str().to_uppercase(),
            st.render_reset(),
            finding_text(&f.location(), f).trim_start()
        ));
    }
}

/// The files that differ: added, changed (with the sizes), removed.
fn files_section(out: &mut String, c: &leakscope::diff::Comparison) {
    use leakscope::diff::{FileStatus, signed_size};
    let bold = Style::new().bold();
    let n = |s: FileStatus| c.files.iter().filter(|f| f.status == s).count() as u64;
    out.push_str(&format!(
        "\n{}FILES: {} added, {} changed, {} removed, {} unchanged{}\n",
        bold.render(),
        count(n(FileStatus::Added)),
        count(n(FileStatus::Changed)),
        count(n(FileStatus::Removed)),
        count(c.unchanged_files as u64),
        bold.render_reset()
    ));
    for f in c.files.iter().take(TEXT_FILES) {
        let (mark, sizes) = match f.status {
            FileStatus::Added => ("+", size(f.new_bytes.unwrap_or(0))),
            FileStatus::Removed => ("-", size(f.old_bytes.unwrap_or(0))),
            _ => (
                "~",
                format!(
                    "{} → {} ({})",
                    size(f.old_bytes.unwrap_or(0)),
                    size(f.new_bytes.unwrap_or(0)),
                    signed_size(f.delta)
                ),
            ),
        };
        out.push_str(&format!("  {mark} {}  {sizes}\n", clean(&f.path)));
    }
    if c.files.len() > TEXT_FILES {
        out.push_str(&format!("  {}\n", more(c.files.len() - TEXT_FILES)));
    }
}

/// What a list cut at its first few leaves out.
fn more(n: usize) -> String {
    format!("and {} more (--format json lists all)", count(n as u64))
}
