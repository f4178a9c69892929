//! The split between the tree and the viewer: where it is (a share of the width), as the
//! person drags it or moves it with the arrow keys, kept in the browser between visits.

/// The tree's share of the width: between [`Split::MIN`] and [`Split::MAX`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Split(f64);

impl Default for Split {
    fn default() -> Split {
        Split(0.4)
    }
}

impl Split {
    pub const MIN: f64 = 0.2;
    pub const MAX: f64 = 0.8;
    /// How far an arrow key moves it.
    pub const STEP: f64 = 0.05;

    pub fn new(share: f64) -> Split {
        Split(if share.is_finite() { share } else { 0.4 }.clamp(Split::MIN, Split::MAX))
    }

    /// Where a drag to `x` puts it, in a workspace from `left`, `width` wide.
    pub fn dragged(x: f64, left: f64, width: f64) -> Split {
        Split::new(if width > 0.0 { (x - left) / width } else { 0.4 })
    }

    /// After an arrow key (`ArrowLeft`, `ArrowRight`, `Home`, `End`); `None` for others.
    pub fn key(self, key: &str) -> Option<Split> {
        Some(match key {
            "ArrowLeft" => Split::new(self.0 - Split::STEP),
            "ArrowRight" => Split::new(self.0 + Split::STEP),
            "Home" => Split::new(Split::MIN),
            "End" => Split::new(Split::MAX),
            _ => return None,
        })
    }

    /// As stored: `"0.40"`; anything unreadable is the default.
    pub fn parse(stored: &str) -> Split {
        stored
            .trim()
            .parse()
            .map_or_else(|_| Split::default(), Split::new)
    }

    pub fn stored(self) -> String {
        format!("{:.3}", self.0)
    }

    /// The value of the workspace's `--split` property: `40.0%`.
    pub fn css(self) -> String {
        format!("{:.1}%", self.0 * 100.0)
    }

    /// For `aria-valuenow`: the tree's percentage.
    pub fn percent(self) -> u32 {
        (self.0 * 100.0).round() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dragged_and_stepped_within_bounds() {
        assert_eq!(Split::dragged(500.0, 100.0, 1000.0), Split(0.4));
        assert_eq!(Split::dragged(0.0, 100.0, 1000.0), Split(Split::MIN));
        assert_eq!(Split::dragged(5000.0, 100.0, 1000.0), Split(Split::MAX));
        let s = Split::default();
        assert_eq!(s.key("ArrowRight").unwrap().percent(), 45);
        assert_eq!(s.key("Home"), Some(Split(Split::MIN)));
        assert_eq!(s.key("a"), None);
        assert_eq!(Split::new(0.79).key("ArrowRight"), Some(Split(Split::MAX)));
    }

    #[test]
    fn kept_as_text() {
        assert_eq!(Split::parse(&Split::new(0.55).stored()), Split::new(0.55));
        assert_eq!(Split::parse("nonsense"), Split::default());
        assert_eq!(Split::parse("NaN"), Split::default());
        assert_eq!(Split::parse("7"), Split(Split::MAX));
        assert_eq!(Split::new(0.4).css(), "40.0%");
    }
}
