//! The `sourceMappingURL` scanner on arbitrary bytes: it finds a URL or nothing, and what a
//! URL resolves to never leaves the package.
#![no_main]

use leakscope::scan::references::{CommentStyle, Target, find_url, resolve};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for style in [CommentStyle::Js, CommentStyle::Css] {
        if let Some((url, line)) = find_url(data, style) {
            assert!(!url.is_empty());
            assert!(line >= 1);
            assert!(line as usize <= data.iter().filter(|&&b| b == b'\n').count() + 1);
            check(resolve("dist/a.js", &url));
            check(resolve("a.js", &url));
        }
    }
    let text = String::from_utf8_lossy(data);
    check(resolve("dist/deep/a.js", &text));
    // The referring file's own path comes from the package too.
    if let Some((file, url)) = text.split_once('\n') {
        check(resolve(file, url));
    }
});

fn check(target: Target) {
    if let Target::Local(path) = target {
        assert!(!path.starts_with('/'), "{path:?}");
        assert!(!path.contains('\\'), "{path:?}");
        assert!(
            path.split('/').all(|s| !matches!(s, "." | "..")),
            "{path:?}"
        );
    }
}
