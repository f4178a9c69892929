//! A package's versions as the page lists them: newest first, dist-tags marked, publish
//! dates, unpacked size and file count where the registry gives them, and outliers: a
//! release several times larger than the ones before it, which is what a leaked source map
//! looks like from the outside. Plus the geometry of a small bar chart of unpacked size over
//! versions, for the page to draw as SVG.

use serde::{Deserialize, Serialize};

use super::packument::Packument;

/// An outlier is larger than this many times the median of the versions before it...
pub const OUTLIER_RATIO: f64 = 3.0;
/// ...of up to this many versions before it (those with a known size, in version order)...
pub const OUTLIER_WINDOW: usize = 5;
/// ...of which there must be at least this many...
pub const OUTLIER_MIN_PRIOR: usize = 3;
/// ...and is larger than this (1 MB): a 30 KB package growing to 100 KB is no story.
pub const OUTLIER_MIN_BYTES: u64 = 1_000_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionRow {
    pub version: String,
    /// The dist-tags on this version (`latest`, `next`).
    pub tags: Vec<String>,
    /// The publish time as the registry gives it (RFC 3339), when it does.
    pub published: Option<String>,
    /// Its date alone, `2026-03-31`, for a list.
    pub date: Option<String>,
    pub unpacked_size: Option<u64>,
    pub file_count: Option<u64>,
    pub deprecated: bool,
    pub prerelease: bool,
    pub outlier: Option<Outlier>,
}

/// Why a version is marked as an outlier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outlier {
    /// The median unpacked size of the versions it is compared with.
    pub median: u64,
    /// Its size over that median: `5.2` times.
    pub ratio: f64,
}

/// The versions, newest first (semver order), and the chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionList {
    pub rows: Vec<VersionRow>,
    /// Versions whose name is not semver: listed nowhere (npm refuses to publish them).
    pub skipped: usize,
}

impl VersionList {
    pub fn of(packument: &Packument) -> VersionList {
        let sorted = packument.sorted_versions();
        let sizes: Vec<Option<u64>> = sorted
            .iter()
            .map(|(_, _, m)| m.dist.unpacked_size)
            .collect();
        let outliers = outliers(&sizes);
        let mut rows: Vec<VersionRow> = sorted
            .iter()
            .zip(outliers)
            .map(|((v, key, m), outlier)| {
                let published = packument.time.get(*key).cloned();
                VersionRow {
                    version: key.to_string(),
                    tags: packument
                        .dist_tags
                        .iter()
                        .filter(|(_, t)| t == key)
                        .map(|(t, _)| t.clone())
                        .collect(),
                    date: published
                        .as_deref()
                        .filter(|p| p.len() >= 10 && p.as_bytes()[4] == b'-')
                        .map(|p| p[..10].to_string()),
                    published,
                    unpacked_size: m.dist.unpacked_size,
                    file_count: m.dist.file_count,
                    deprecated: m.deprecated.is_some(),
                    prerelease: !v.pre.is_empty(),
                    outlier,
                }
            })
            .collect();
        rows.reverse();
        VersionList {
            skipped: packument.versions.len() - rows.len(),
            rows,
        }
    }

    /// The outliers, newest first.
    pub fn outliers(&self) -> impl Iterator<Item = &VersionRow> {
        self.rows.iter().filter(|r| r.outlier.is_some())
    }

    /// The chart of the newest `max_bars` versions, in a `width` x `height` box.
    pub fn chart(&self, width: f64, height: f64, max_bars: usize) -> Chart {
        Chart::of(&self.rows, width, height, max_bars)
    }
}

/// For sizes in version order (oldest first), which versions are outliers: larger than
/// [`OUTLIER_RATIO`] times the median of the (up to) [`OUTLIER_WINDOW`] known sizes before
/// them, with at least [`OUTLIER_MIN_PRIOR`] of those, and larger than
/// [`OUTLIER_MIN_BYTES`].
pub fn outliers(sizes: &[Option<u64>]) -> Vec<Option<Outlier>> {
    let mut prior: Vec<u64> = Vec::new();
    sizes
        .iter()
        .map(|size| {
            let size = (*size)?;
            let window = &prior[prior.len().saturating_sub(OUTLIER_WINDOW)..];
            let outlier = if window.len() >= OUTLIER_MIN_PRIOR && size > OUTLIER_MIN_BYTES {
                let median = median(window);
                let ratio = size as f64 / median.max(1) as f64;
                (ratio > OUTLIER_RATIO).then_some(Outlier { median, ratio })
            } else {
                None
            };
            prior.push(size);
            outlier
        })
        .collect()
}

/// The median; of an even count, the mean of the two middle values.
fn median(values: &[u64]) -> u64 {
    let mut v = values.to_vec();
    v.sort_unstable();
    let mid = v.len() / 2;
    if v.len() % 2 == 1 {
        v[mid]
    } else {
        (v[mid - 1] + v[mid]) / 2
    }
}

/// A bar chart of unpacked size over versions: oldest on the left, in SVG's coordinates
/// (y grows downwards, the baseline is at `height`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    /// The largest size shown: a bar of `height`.
    pub max_bytes: u64,
    pub bars: Vec<Bar>,
    /// Older versions left out to keep to `max_bars`.
    pub omitted: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    pub version: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// `None` when the registry gives no size for the version (a bar of height 0).
    pub bytes: Option<u64>,
    pub outlier: bool,
    pub tags: Vec<String>,
}

impl Chart {
    /// `rows` newest first, as [`VersionList`] holds them.
    pub fn of(rows: &[VersionRow], width: f64, height: f64, max_bars: usize) -> Chart {
        let shown: Vec<&VersionRow> = rows.iter().take(max_bars).rev().collect();
        let max_bytes = shown
            .iter()
            .filter_map(|r| r.unpacked_size)
            .max()
            .unwrap_or(0);
        let slot = if shown.is_empty() {
            0.0
        } else {
            width / shown.len() as f64
        };
        // A gap of a fifth of a slot between bars, when there is room for one.
        let bar_width = if slot >= 3.0 { slot * 0.8 } else { slot };
        let bars = shown
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let h = match r.unpacked_size {
                    Some(b) if max_bytes > 0 => {
                        // Any known size is at least a hairline, so it is never taken for
                        // a missing one.
                        (b as f64 / max_bytes as f64 * height).max(if b > 0 { 1.0 } else { 0.0 })
                    }
                    _ => 0.0,
                };
                Bar {
                    version: r.version.clone(),
                    x: i as f64 * slot + (slot - bar_width) / 2.0,
                    y: height - h,
                    width: bar_width,
                    height: h,
                    bytes: r.unpacked_size,
                    outlier: r.outlier.is_some(),
                    tags: r.tags.clone(),
                }
            })
            .collect();
        Chart {
            width,
            height,
            max_bytes,
            bars,
            omitted: rows.len().saturating_sub(max_bars),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::packument::tests::packument;
    use super::*;

    const MB: u64 = 1_000_000;

    #[test]
    fn the_outlier_rule() {
        let o = outliers(&[
            Some(10 * MB),
            Some(11 * MB),
            Some(12 * MB),
            // 3.0x the median (11 MB) of the three before: not more than 3x.
            Some(33 * MB),
            // 60 MB: 5x the median of 10, 11, 12, 33 (11.5 MB).
            Some(60 * MB),
            Some(12 * MB),
        ]);
        let flags: Vec<bool> = o.iter().map(Option::is_some).collect();
        assert_eq!(flags, [false, false, false, false, true, false]);
        let at = o[4].as_ref().unwrap();
        assert_eq!(at.median, 11_500_000);
        assert!((at.ratio - 60.0 / 11.5).abs() < 1e-9);
        // Too few versions before it to judge.
        assert!(outliers(&[Some(MB / 10), Some(MB / 10), Some(5 * MB)])[2].is_none());
        // Several times larger, but small.
        assert!(outliers(&[Some(1000), Some(1000), Some(1000), Some(900_000)])[3].is_none());
        // Only the last five count: a big history long ago does not hide a jump now.
        let mut sizes = vec![Some(100 * MB); 3];
        sizes.extend([Some(2 * MB); 5]);
        sizes.push(Some(7 * MB));
        assert!(outliers(&sizes)[8].is_some());
        // Unknown sizes are skipped, neither judged nor compared with.
        let o = outliers(&[
            Some(2 * MB),
            None,
            Some(2 * MB),
            Some(2 * MB),
            None,
            Some(9 * MB),
        ]);
        assert!(o[5].is_some() && o[1].is_none() && o[4].is_none());
    }

    #[test]
    fn versions_newest_first_with_tags_dates_and_outliers() {
        let mut p = packument(&[
            ("1.0.0", Some(10 * MB)),
            ("1.1.0", Some(11 * MB)),
            ("1.10.0", Some(60 * MB)),
            ("1.2.0", Some(12 * MB)),
            ("2.0.0-rc.1", None),
        ]);
        p.dist_tags.insert("latest".into(), "1.10.0".into());
        p.dist_tags.insert("next".into(), "2.0.0-rc.1".into());
        p.versions.get_mut("1.0.0").unwrap().deprecated = Some("old".into());
        p.versions.insert("not-semver".into(), Default::default());
        let list = VersionList::of(&p);
        let names: Vec<&str> = list.rows.iter().map(|r| r.version.as_str()).collect();
        // Semver order, not string order.
        assert_eq!(names, ["2.0.0-rc.1", "1.10.0", "1.2.0", "1.1.0", "1.0.0"]);
        assert_eq!(list.skipped, 1);
        assert_eq!(list.rows[0].tags, ["next"]);
        assert!(list.rows[0].prerelease && !list.rows[1].prerelease);
        assert_eq!(list.rows[1].tags, ["latest"]);
        assert_eq!(list.rows[1].date.as_deref(), Some("2026-01-03"));
        assert_eq!(
            list.rows[1].published.as_deref(),
            Some("2026-01-03T10:00:00.000Z")
        );
        assert!(list.rows[4].deprecated);
        let outliers: Vec<&str> = list.outliers().map(|r| r.version.as_str()).collect();
        assert_eq!(outliers, ["1.10.0"]);
    }

    #[test]
    fn chart_geometry() {
        let p = packument(&[
            ("1.0.0", Some(10 * MB)),
            ("1.1.0", Some(11 * MB)),
            ("1.2.0", Some(12 * MB)),
            ("1.3.0", Some(60 * MB)),
            ("1.4.0", None),
        ]);
        let list = VersionList::of(&p);
        let c = list.chart(100.0, 50.0, 10);
        assert_eq!(c.max_bytes, 60 * MB);
        assert_eq!(c.omitted, 0);
        let versions: Vec<&str> = c.bars.iter().map(|b| b.version.as_str()).collect();
        assert_eq!(versions, ["1.0.0", "1.1.0", "1.2.0", "1.3.0", "1.4.0"]);
        let big = &c.bars[3];
        assert!(big.outlier && big.height == 50.0 && big.y == 0.0);
        assert_eq!((big.x, big.width), (62.0, 16.0));
        let first = &c.bars[0];
        assert!((first.height - 50.0 / 6.0).abs() < 1e-9);
        assert!((first.y + first.height - 50.0).abs() < 1e-9);
        assert_eq!(first.x, 2.0);
        assert_eq!((c.bars[4].height, c.bars[4].bytes), (0.0, None));
        assert_eq!(c.bars[4].tags, ["latest"]);
        // Only the newest bars, when there are more versions than bars.
        let c = list.chart(100.0, 50.0, 2);
        let versions: Vec<&str> = c.bars.iter().map(|b| b.version.as_str()).collect();
        assert_eq!((versions, c.omitted), (vec!["1.3.0", "1.4.0"], 3));
        assert!(Chart::of(&[], 10.0, 10.0, 5).bars.is_empty());
    }
}
