//! `sourceMappingURL` comments: where a built file says its map is. Classified as local
//! (resolved relative to the file), inline (`data:` URL, decoded here) or remote
//! (`http(s)://`, never fetched: it only reveals a host).

use base64::Engine;
use serde::Serialize;

use crate::path::clean_segments;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RefKind {
    Local,
    Inline,
    Remote,
}

/// A `sourceMappingURL` found in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceMapRef {
    /// Package-relative path of the file holding the comment.
    pub file: String,
    /// For a local map: its package-relative path; for a remote one: the URL; for an
    /// inline one: the file itself.
    pub target: String,
    pub kind: RefKind,
    /// Local: the map is in the package. Inline: the data decoded. Remote: false.
    pub exists: bool,
    /// 1-based line of the comment.
    #[serde(skip)]
    pub line: u32,
}

/// Which files may carry a `sourceMappingURL` comment, and in which comment syntax.
pub fn comment_style(path: &str) -> Option<CommentStyle> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
    match ext.as_str() {
        "js" | "mjs" | "cjs" | "jsx" | "ts" | "mts" | "cts" => Some(CommentStyle::Js),
        "css" => Some(CommentStyle::Css),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentStyle {
    /// `//# sourceMappingURL=` or the legacy `//@`.
    Js,
    /// `/*# sourceMappingURL=... */`.
    Css,
}

const KEY: &[u8] = b"sourceMappingURL=";

/// Finds the URL of the last `sourceMappingURL` comment (the one that wins) and its line.
pub fn find_url(text: &[u8], style: CommentStyle) -> Option<(String, u32)> {
    let finder = memchr::memmem::FinderRev::new(KEY);
    let mut end = text.len();
    while let Some(at) = finder.rfind(&text[..end]) {
        end = at;
        if !is_comment_start(&text[..at], style) {
            continue;
        }
        let rest = &text[at + KEY.len()..];
        let len = rest
            .iter()
            .position(|&b| {
                b.is_ascii_whitespace()
                    || b == b'"'
                    || b == b'\''
                    || (b == b'*' && style == CommentStyle::Css)
            })
            .unwrap_or(rest.len());
        let url = String::from_utf8_lossy(&rest[..len]).into_owned();
        if url.is_empty() {
            continue;
        }
        let line = memchr::memchr_iter(b'\n', &text[..at]).count() as u32 + 1;
        return Some((url, line));
    }
    None
}

/// True when `before` ends with `//#`, `//@`, `/*#` or `/*@` and optional spaces.
fn is_comment_start(before: &[u8], style: CommentStyle) -> bool {
    let trimmed = before.trim_ascii_end();
    let Some((&mark, rest)) = trimmed.split_last() else {
        return false;
    };
    if mark != b'#' && mark != b'@' {
        return false;
    }
    let opener: &[u8] = match style {
        CommentStyle::Js => b"//",
        CommentStyle::Css => b"/*",
    };
    // A JS file may also use a block comment.
    rest.ends_with(opener) || (style == CommentStyle::Js && rest.ends_with(b"/*"))
}

/// What a `sourceMappingURL` points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Package-relative path, resolved against the referring file.
    Local(String),
    /// The decoded JSON of a `data:` URL, or why it could not be decoded.
    Inline(Result<Vec<u8>, String>),
    Remote(String),
}

pub fn resolve(file: &str, url: &str) -> Target {
    if let Some(data) = url.strip_prefix("data:") {
        return Target::Inline(decode_data_url(data));
    }
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//") {
        return Target::Remote(without_userinfo(url));
    }
    let url = url.split(['?', '#']).next().unwrap_or(url);
    let url = percent_encoding::percent_decode_str(url).decode_utf8_lossy();
    let dir = file.rsplit_once('/').map_or("", |(d, _)| d);
    Target::Local(clean_segments(&format!("{dir}/{url}")).join("/"))
}

/// A URL with any `user:password@` removed: the host is worth reporting, a password never is.
fn without_userinfo(url: &str) -> String {
    let (scheme, rest) = url.split_once("//").unwrap_or(("", url));
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}//{}", &rest[at + 1..]),
        None => url.to_string(),
    }
}

/// Decodes the part after `data:`: `application/json` or `text/json`, optional
/// `;charset=...`, then base64 or percent-encoded JSON.
fn decode_data_url(data: &str) -> Result<Vec<u8>, String> {
    let (header, payload) = data
        .split_once(',')
        .ok_or_else(|| "the data: URL has no comma".to_string())?;
    let mut params = header.split(';').map(str::trim);
    let mime = params.next().unwrap_or("").to_ascii_lowercase();
    if mime != "application/json" && mime != "text/json" {
        return Err(format!("the data: URL holds {mime:?}, not JSON"));
    }
    let base64 = params.any(|p| p.eq_ignore_ascii_case("base64"));
    if base64 {
        let cleaned: String = payload
            .chars()
            .filter(|c| !c.is_ascii_whitespace())
            .collect();
        let cleaned = percent_encoding::percent_decode_str(&cleaned).decode_utf8_lossy();
        base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(cleaned.trim_end_matches('='))
            .map_err(|e| format!("the base64 data does not decode: {e}"))
    } else {
        Ok(percent_encoding::percent_decode_str(payload).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_comment_wins_and_legacy_form_counts() {
        let js = b"a()\n//# sourceMappingURL=old.js.map\nb()\n//@ sourceMappingURL=new.js.map\n";
        assert_eq!(
            find_url(js, CommentStyle::Js),
            Some(("new.js.map".into(), 4))
        );
    }

    #[test]
    fn css_comments_end_at_the_star() {
        let css = b"a{}\n/*# sourceMappingURL=a.css.map*/";
        assert_eq!(
            find_url(css, CommentStyle::Css),
            Some(("a.css.map".into(), 2))
        );
        assert_eq!(find_url(b"// sourceMappingURL=x", CommentStyle::Js), None);
    }

    #[test]
    fn a_string_mentioning_the_key_is_not_a_comment() {
        let js = b"const s = \"sourceMappingURL=fake\";\n//# sourceMappingURL=real.map\nconsole.log('sourceMappingURL=')";
        assert_eq!(find_url(js, CommentStyle::Js), Some(("real.map".into(), 2)));
        assert_eq!(
            find_url(b"x='//# sourceMappingURL='", CommentStyle::Js),
            None
        );
    }

    #[test]
    fn resolves_local_remote_and_inline() {
        assert_eq!(
            resolve("dist/a.js", "a.js.map"),
            Target::Local("dist/a.js.map".into())
        );
        assert_eq!(
            resolve("dist/a.js", "../maps/a.map?v=1"),
            Target::Local("maps/a.map".into())
        );
        assert_eq!(
            resolve("a.js", "../../../etc/x.map"),
            Target::Local("etc/x.map".into())
        );
        assert_eq!(
            resolve("a.js", "https://sourcemaps.corp.internal/a.map"),
            Target::Remote("https://sourcemaps.corp.internal/a.map".into())
        );
        let json = br#"{"version":3}"#;
        let b64 = base64::engine::general_purpose::STANDARD.encode(json);
        for url in [
            format!("data:application/json;base64,{b64}"),
            format!("data:application/json;charset=utf-8;base64,{b64}"),
            "data:text/json,%7B%22version%22%3A3%7D".to_string(),
        ] {
            assert_eq!(
                resolve("a.js", &url),
                Target::Inline(Ok(json.to_vec())),
                "{url}"
            );
        }
        assert!(matches!(
            resolve("a.js", "data:text/plain,hi"),
            Target::Inline(Err(_))
        ));
        assert!(matches!(
            resolve("a.js", "data:application/json;base64,%%%"),
            Target::Inline(Err(_))
        ));
    }
}
