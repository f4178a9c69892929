//! Checking `mappings` against ECMA-426 without building a table: base64 VLQ digits,
//! segments of 1, 4 or 5 fields, 32-bit values, no negative positions, indices in range.
//! The text can come in pieces as it arrives; indices are checked against the number of
//! sources and names at the end, since a map may list those after `mappings`.

/// Largest value a mapping field may take (ECMA-426: 32-bit signed).
const MAX_FIELD: i64 = i32::MAX as i64;

/// Base64 digit values; `NOT_BASE64` for every other byte.
const BASE64: [u8; 256] = {
    let mut table = [NOT_BASE64; 256];
    let digits = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut i = 0;
    while i < 64 {
        table[digits[i] as usize] = i as u8;
        i += 1;
    }
    table
};
const NOT_BASE64: u8 = 0xff;

const FIELDS: [&str; 5] = [
    "generated column",
    "source index",
    "original line",
    "original column",
    "name index",
];

/// A check of `mappings` under way: [`MappingsCheck::feed`] it the text in pieces, then
/// [`MappingsCheck::finish`] it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MappingsCheck {
    /// The first fault; once set, the rest is not read.
    error: Option<String>,
    state: State,
}

/// Where the check is: copied in and out around each piece so that it stays in registers.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct State {
    /// Running values: generated column (restarts on each line), source, line, column, name.
    at: [i64; 5],
    /// Fields of the current segment so far.
    n: usize,
    /// The value being read: its bits so far and where the next digit's go.
    value: u64,
    shift: u32,
    in_value: bool,
    /// A `,` was just read: a segment must follow.
    after_comma: bool,
    line: usize,
    /// Largest source and name index used, each with the line it first appears on.
    max_source: Option<(i64, usize)>,
    max_name: Option<(i64, usize)>,
}

impl MappingsCheck {
    /// Reads on through `text`, the next piece of `mappings`.
    pub fn feed(&mut self, text: &[u8]) {
        if self.error.is_some() {
            return;
        }
        // A copy in a local stays in registers while it runs over every byte.
        let mut state = self.state;
        let result = state.read(text);
        self.state = state;
        if let Err(e) = result {
            self.fail(&e);
        }
    }

    /// The verdict, now that every source and name is known.
    pub fn finish(mut self, sources: usize, names: usize) -> Result<(), String> {
        if self.error.is_none() {
            let s = &mut self.state;
            let end = if s.in_value {
                Err("a value ends in the middle (continuation bit set)".to_string())
            } else if s.n > 0 {
                s.end_segment()
            } else if s.after_comma {
                Err("a segment is empty".into())
            } else {
                Ok(())
            };
            if let Err(e) = end {
                self.fail(&e);
            }
        }
        let out_of_range = |max: Option<(i64, usize)>, count: usize, what: &str| {
            max.filter(|&(index, _)| index as usize >= count)
                .map(|(index, line)| format!("line {line}: {what} {index} is out of range"))
        };
        match self
            .error
            .or_else(|| out_of_range(self.state.max_source, sources, "source index"))
            .or_else(|| out_of_range(self.state.max_name, names, "name index"))
        {
            Some(e) => Err(format!("`mappings` is invalid: {e}")),
            None => Ok(()),
        }
    }

    fn fail(&mut self, e: &str) {
        self.error = Some(format!("line {}: {e}", self.state.line));
    }
}

impl State {
    /// One byte at a time, nothing allocated: this runs over every byte of a 10 MB
    /// `mappings`.
    fn read(&mut self, text: &[u8]) -> Result<(), String> {
        for &c in text {
            let d = BASE64[c as usize];
            if d != NOT_BASE64 {
                // Zero digits may pad a value at any length; real bits past 32 overflow
                // (a shift held at 32 turns any real bit into an overflow).
                let bits = u64::from(d & 0x1f) << self.shift.min(32);
                if bits > u64::from(u32::MAX) {
                    return Err("a value exceeds 32 bits".into());
                }
                self.value |= bits;
                if d & 0x20 != 0 {
                    self.shift = self.shift.saturating_add(5);
                    self.in_value = true;
                    continue;
                }
                self.add_field()?;
                continue;
            }
            if !matches!(c, b',' | b';') {
                return Err(format!("{:?} is not a base64 digit", c as char));
            }
            if self.in_value {
                return Err("a value ends in the middle (continuation bit set)".into());
            }
            if self.n > 0 {
                self.end_segment()?;
            } else if c == b',' || self.after_comma {
                return Err("a segment is empty".into());
            }
            self.after_comma = c == b',';
            if c == b';' {
                self.line += 1;
                self.at[0] = 0;
            }
        }
        Ok(())
    }

    /// The value just read is the segment's next field: applied to its running value at
    /// once and checked.
    fn add_field(&mut self) -> Result<(), String> {
        let n = self.n;
        if n == 5 {
            return Err("a segment has more than 5 fields".into());
        }
        // At most 32 bits, so the magnitude fits in 31.
        let magnitude = (self.value >> 1) as i64;
        let delta = if self.value & 1 == 1 {
            -magnitude
        } else {
            magnitude
        };
        let at = self.at[n] + delta;
        if !(0..=MAX_FIELD).contains(&at) {
            let how = if at < 0 {
                "becomes negative"
            } else {
                "exceeds 32 bits"
            };
            return Err(format!("the {} {how}", FIELDS[n]));
        }
        self.at[n] = at;
        self.n = n + 1;
        (self.value, self.shift, self.in_value, self.after_comma) = (0, 0, false, false);
        Ok(())
    }

    /// Ends the segment: it must have had 1, 4 or 5 fields; notes the indices it used.
    fn end_segment(&mut self) -> Result<(), String> {
        let n = std::mem::take(&mut self.n);
        if !matches!(n, 1 | 4 | 5) {
            return Err(format!("a segment has {n} fields (1, 4 or 5 expected)"));
        }
        let line = self.line;
        if n >= 4 && self.max_source.is_none_or(|(m, _)| self.at[1] > m) {
            self.max_source = Some((self.at[1], line));
        }
        if n == 5 && self.max_name.is_none_or(|(m, _)| self.at[4] > m) {
            self.max_name = Some((self.at[4], line));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn validate_mappings(text: &str, sources: usize, names: usize) -> Result<(), String> {
        let mut check = MappingsCheck::default();
        check.feed(text.as_bytes());
        check.finish(sources, names)
    }

    #[test]
    fn vlq_limits() {
        assert_eq!(validate_mappings("+/////D", 0, 0), Ok(()));
        assert!(validate_mappings("ggggggE", 0, 0).is_err());
        assert!(validate_mappings("C,F", 0, 0).is_err());
        assert!(validate_mappings("g", 0, 0).is_err());
        assert!(validate_mappings("AA", 1, 0).is_err());
        assert!(validate_mappings("A=", 1, 0).is_err());
        assert_eq!(validate_mappings(";;AAAA,CACA;", 1, 0), Ok(()));
        assert!(validate_mappings("AAAAA", 1, 0).is_err()); // no names
        assert!(validate_mappings(",,", 0, 0).is_err());
        assert!(validate_mappings("AAAA,", 1, 0).is_err());
        assert!(validate_mappings("AAAA,;", 1, 0).is_err());
        assert!(validate_mappings("D", 0, 0).is_err()); // generated column -1
    }

    #[test]
    fn indices_are_checked_against_the_counts_given_at_the_end() {
        // Sources 0, 2 and 3: the highest, 3, is on line 1.
        let text = "AAAA;AEAA,ACAA";
        assert_eq!(validate_mappings(text, 4, 0), Ok(()));
        assert_eq!(
            validate_mappings(text, 3, 0),
            Err("`mappings` is invalid: line 1: source index 3 is out of range".into())
        );
    }

    #[test]
    fn pieces_of_any_size_give_the_same_verdict() {
        for text in [
            "AAAA;AEAA,ACAA",
            "AAAAA,CAAAC;;gBAAgB",
            "AA,",
            "AAAA;;ggg",
            "A!AA",
        ] {
            let whole = validate_mappings(text, 2, 1);
            for piece in 1..text.len() {
                let mut check = MappingsCheck::default();
                for part in text.as_bytes().chunks(piece) {
                    check.feed(part);
                }
                assert_eq!(check.finish(2, 1), whole, "{text} in {piece}-byte pieces");
            }
        }
    }
}
