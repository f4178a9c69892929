//! `--max-size` and the other limits: how much of a package Leakscope reads, as options
//! that take `1GiB`, `512MiB`, `100k`-style values.

use leakscope::limits::{Limits, MAX_JSON_DEPTH};

/// The limits, as every command that reads a package takes them. Defaults are
/// [`Limits::default`]'s (a unit test keeps the two the same).
#[derive(clap::Args, Debug, Clone)]
#[command(
    next_help_heading = "Limits (what was read up to a limit is still scanned, and \
    the verdict says `incomplete`)"
)]
pub struct LimitArgs {
    /// Stop once the package expands beyond this much (a gzip bomb stops here).
    #[arg(long, value_name = "SIZE", default_value = "1GiB", value_parser = size)]
    max_size: u64,
    /// Stop after this many entries of the archive (files, folders, links).
    #[arg(long, value_name = "N", default_value = "100k", value_parser = number)]
    max_entries: u64,
    /// Stop at a file larger than this (its header says so before it is decompressed).
    #[arg(long, value_name = "SIZE", default_value = "512MiB", value_parser = size)]
    max_file_size: u64,
    /// Parse no source map larger than this (a larger one is searched for secrets as text).
    #[arg(long, value_name = "SIZE", default_value = "512MiB", value_parser = size)]
    max_map_size: u64,
    /// Read at most this many sources from one source map.
    #[arg(long, value_name = "N", default_value = "100k", value_parser = number)]
    max_map_sources: u64,
    /// Stop at an entry whose path is longer than this many bytes (a map's source with a
    /// longer path is recovered under another name; a PAX header may hold 64 KiB more).
    #[arg(long, value_name = "SIZE", default_value = "4096", value_parser = size)]
    max_path_length: u64,
    /// Stop at an entry nested in more folders than this (a map's source is renamed).
    #[arg(long, value_name = "N", default_value = "128", value_parser = number)]
    max_path_depth: u64,
    /// Follow maps nested in source maps (index map sections, Metro's
    /// `x_facebook_segments`) no deeper than this many levels of JSON (at most 128).
    #[arg(long, value_name = "N", default_value = "64", value_parser = json_depth)]
    max_json_depth: u64,
}

impl LimitArgs {
    pub fn limits(&self) -> Limits {
        let n = |v: u64| usize::try_from(v).unwrap_or(usize::MAX);
        Limits {
            max_unpacked: self.max_size,
            max_entries: n(self.max_entries),
            max_file_size: self.max_file_size,
            max_map_size: self.max_map_size,
            max_map_sources: n(self.max_map_sources),
            max_path_length: n(self.max_path_length),
            max_path_depth: n(self.max_path_depth),
            max_json_depth: n(self.max_json_depth),
        }
    }
}

/// A size: `1GiB`, `512MiB`, `64KiB` (binary), `100k`, `20MB`, `1G` (decimal), or bytes.
pub fn size(s: &str) -> Result<u64, String> {
    parse(s, true)
}

/// A count: `100k`, `2M`, or a plain number.
pub fn number(s: &str) -> Result<u64, String> {
    parse(s, false)
}

fn json_depth(s: &str) -> Result<u64, String> {
    let n = number(s)?;
    if n as usize > MAX_JSON_DEPTH {
        return Err(format!(
            "at most {MAX_JSON_DEPTH}: the JSON parser never nests deeper"
        ));
    }
    Ok(n)
}

/// Reads a limit as people write it. Both spellings of a multiple are taken everywhere:
/// decimal (`k`, `M`, `G`, and `kB`, `MB`, `GB`, `TB` for sizes) and binary (`Ki`, `Mi`,
/// `Gi`, and `KiB`, `MiB`, `GiB`, `TiB` for sizes), in any case.
fn parse(s: &str, bytes: bool) -> Result<u64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let value: f64 = digits
        .parse()
        .map_err(|_| format!("{s:?} is not a number (try 1GiB, 512MiB, 100k)"))?;
    let unit = unit.trim();
    let lower = unit.to_ascii_lowercase();
    // A size may name its bytes (`MiB`, `MB`, `B`); a count may not.
    let multiple = match lower.strip_suffix('b') {
        Some(m) if bytes => m,
        _ => lower.as_str(),
    };
    let scale: u64 = match multiple {
        "" => 1,
        "k" => 1_000,
        "m" => 1_000_000,
        "g" => 1_000_000_000,
        "t" if bytes => 1_000_000_000_000,
        "ki" => 1 << 10,
        "mi" => 1 << 20,
        "gi" => 1 << 30,
        "ti" if bytes => 1 << 40,
        _ if bytes => {
            return Err(format!(
                "{s:?}: unknown unit {unit:?} (use KiB, MiB, GiB, TiB, k, M, G, or none for bytes)"
            ));
        }
        _ => return Err(format!("{s:?}: unknown unit {unit:?} (use k, M, Ki or Mi)")),
    };
    let n = value * scale as f64;
    if !n.is_finite() || n < 1.0 || n >= u64::MAX as f64 {
        return Err(format!("{s:?}: a limit is at least 1"));
    }
    Ok(n as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Test {
        #[command(flatten)]
        limits: LimitArgs,
    }

    #[test]
    fn defaults_are_the_cores() {
        let t = Test::parse_from(["x"]);
        assert_eq!(t.limits.limits(), Limits::default());
    }

    #[test]
    fn values_read_as_people_write_them() {
        assert_eq!(size("1GiB"), Ok(1 << 30));
        assert_eq!(size("512MiB"), Ok(512 << 20));
        assert_eq!(size("1.5 GiB"), Ok(3 << 29));
        assert_eq!(size("100k"), Ok(100_000));
        assert_eq!(size("20MB"), Ok(20_000_000));
        assert_eq!(size("4096"), Ok(4096));
        assert_eq!(number("100k"), Ok(100_000));
        assert_eq!(number("2M"), Ok(2_000_000));
        assert_eq!(number("64Ki"), Ok(64 << 10));
        assert!(number("1GiB").is_err(), "a count is not bytes");
        assert_eq!(size("1MiB"), Ok(1 << 20));
        assert_eq!(size("1M"), Ok(1_000_000));
        assert_eq!(size("2mi"), Ok(2 << 20));
        assert_eq!(size("3kb"), Ok(3_000));
        assert_eq!(size("1b"), Ok(1));
        assert!(size("lots").is_err());
        assert!(size("0").is_err());
        assert!(size("-5").is_err());
        assert!(json_depth("129").is_err());
        let t = Test::parse_from(["x", "--max-size", "16MiB", "--max-map-sources", "3"]);
        let l = t.limits.limits();
        assert_eq!((l.max_unpacked, l.max_map_sources), (16 << 20, 3));
        // A path's length is bytes, written as any size is.
        let t = Test::parse_from(["x", "--max-path-length", "1MiB"]);
        assert_eq!(t.limits.limits().max_path_length, 1 << 20);
    }
}
