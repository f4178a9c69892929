//! Findings -> the JSON report (the CLI's `--format json` and the page's export). Its keys
//! are a contract (PRODUCT.md); more may be added, none renamed.

use serde::Serialize;

use crate::finding::{Finding, Verdict};
use crate::scan::Analysis;
use crate::scan::maps::MapSummary;
use crate::scan::references::SourceMapRef;

pub const SCHEMA: u32 = 1;

#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub schema: u32,
    pub package: Option<PackageRef<'a>>,
    pub files: usize,
    pub unpacked_bytes: u64,
    pub source_maps: &'a [MapSummary],
    pub sourcemap_refs: &'a [SourceMapRef],
    pub recovered: Recovered,
    pub findings: &'a [Finding],
    pub verdict: &'a Verdict,
    /// Why the archive could only be read in part, when it could.
    pub archive_error: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PackageRef<'a> {
    pub name: Option<&'a str>,
    pub version: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct Recovered {
    pub files: usize,
    pub bytes: u64,
}

impl<'a> Report<'a> {
    pub fn new(a: &'a Analysis) -> Report<'a> {
        Report {
            schema: SCHEMA,
            package: a.package.as_ref().map(|p| PackageRef {
                name: p.name.as_deref(),
                version: p.version.as_deref(),
            }),
            files: a.files,
            unpacked_bytes: a.unpacked_bytes,
            source_maps: &a.source_maps,
            sourcemap_refs: &a.refs,
            recovered: Recovered {
                files: a.recovered.len(),
                bytes: a.recovered.bytes(),
            },
            findings: &a.findings,
            verdict: &a.verdict,
            archive_error: a.archive_error.as_ref().map(ToString::to_string),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("the report is plain data")
    }
}
