//! What a file is when it is not text: the one test for "is this text", for the scan and
//! the viewer alike, and a description of the binary formats packages ship.

use crate::text::size;

/// Known binary formats by their first bytes.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"RIFF", "RIFF media (WebP, WAV or AVI)"),
    (b"\x00asm", "WebAssembly module"),
    (b"\x1f\x8b", "gzip archive"),
    (b"PK\x03\x04", "zip archive"),
    (b"%PDF", "PDF document"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"\x00\x01\x00\x00", "TrueType font"),
    (b"OTTO", "OpenType font"),
    (b"\x7fELF", "ELF executable"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"MZ", "Windows executable"),
    (b"SQLite format 3\x00", "SQLite database"),
];

/// How far into a file binary content is looked for.
const SNIFF: usize = 8000;

/// What binary format the bytes are, or `None` for text. Binary means a NUL byte early on,
/// or a known signature followed by bytes that are not UTF-8 (so a text file that happens
/// to start with `MZ` stays text). The one test for "is this text", for the scan and the
/// viewer alike.
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(SNIFF)];
    let signature = SIGNATURES
        .iter()
        .find(|(sig, _)| head.starts_with(sig))
        .map(|(_, kind)| *kind);
    let nul = memchr::memchr(0, head).is_some();
    // A cut at SNIFF may split a character: only an invalid sequence counts, not an end.
    let not_utf8 = || std::str::from_utf8(head).is_err_and(|e| e.error_len().is_some());
    match signature {
        Some(kind) if nul || not_utf8() => Some(kind),
        _ if nul => Some("binary data"),
        _ => None,
    }
}

/// `Some(description)` when the bytes are not text: "PNG image, 16 B".
pub fn describe_binary(bytes: &[u8]) -> Option<String> {
    binary_kind(bytes).map(|kind| format!("{kind}, {}", size(bytes.len() as u64)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_is_described() {
        assert_eq!(
            describe_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").as_deref(),
            Some("PNG image, 16 B")
        );
        assert_eq!(
            describe_binary(b"abc\0def").as_deref(),
            Some("binary data, 7 B")
        );
        assert_eq!(describe_binary(b"plain text"), None);
        // A signature alone does not make text binary.
        assert_eq!(describe_binary(b"MZ is how this README starts"), None);
        assert_eq!(binary_kind(b"MZ\x90\x00\x03"), Some("Windows executable"));
        assert_eq!(binary_kind(b"\x7fELF\0\0\x01"), Some("ELF executable"));
        assert_eq!(binary_kind(b"let a = 1;\n"), None);
        // A multi-byte character cut at the sniffing limit is still text.
        let text = "é".repeat(SNIFF);
        assert_eq!(binary_kind(text.as_bytes()), None);
    }
}
