//! The terminal report: the verdict in colour, findings by severity (many of a rule as one
//! entry), the counts. Every string from the package has its control characters made
//! visible, so that a hostile file name cannot drive the terminal.

use anstyle::{AnsiColor, Style};

use leakscope::Session;
use leakscope::finding::{Entry, Finding, Level, Presented, Severity};
use leakscope::text::{count, plural, size, without_controls as clean};

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
    let v = &a.verdict;
    let style = level_style(v.level);
    let bold = Style::new().bold();
    let mut out = format!(
        "{}{}{} {}{}{} · {}{}\n  {}\n  {}\n  {}\n",
        style.render(),
        v.level.as_str().to_uppercase(),
        style.render_reset(),
        bold.render(),
        v.title,
        bold.render_reset(),
        clean(&s.label()),
        if s.label() == s.input.name {
            String::new()
        } else {
            format!(" ({})", clean(&s.input.name))
        },
        clean(&v.summary),
        v.means,
        v.todo.replace('`', "")
    );
    let presented = Presented::of(&a.findings);
    for severity in Severity::ALL {
        let at: Vec<&Entry> = presented
            .notable
            .iter()
            .chain(&presented.notes)
            .filter(|e| entry_severity(e) == severity)
            .collect();
        if at.is_empty() {
            continue;
        }
        let n: usize = at.iter().map(|e| entry_len(e)).sum();
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

fn entry_severity(e: &Entry) -> Severity {
    match e {
        Entry::One(f) => f.severity,
        Entry::Many(g) => g.severity,
    }
}

fn entry_len(e: &Entry) -> usize {
    match e {
        Entry::One(_) => 1,
        Entry::Many(g) => g.findings.len(),
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

fn entry_text(e: &Entry) -> String {
    match e {
        Entry::One(f) => finding_text(&f.location(), f),
        // Many of one rule: once, with the files listed briefly.
        Entry::Many(g) => {
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
                    format!(" and {} more (--format json lists all)", count(rest as u64))
                } else {
                    String::new()
                }
            )
        }
    }
}
