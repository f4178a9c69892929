//! The one place where paths from untrusted input are made safe: split on `/` and `\`,
//! `.` dropped, `..` resolved without ever climbing above the root.

/// `C:…`: what a Windows tool reads as a drive.
pub fn starts_with_drive(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'
}

/// The segments of `path` after resolution; empty when nothing is left.
pub fn clean_segments(path: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::clean_segments;

    #[test]
    fn never_climbs_above_the_root() {
        assert_eq!(clean_segments("a/./b/../c"), ["a", "c"]);
        assert_eq!(clean_segments("../../etc/passwd"), ["etc", "passwd"]);
        assert_eq!(clean_segments("/abs\\win\\..\\x"), ["abs", "x"]);
        assert!(clean_segments("../..").is_empty());
    }
}
