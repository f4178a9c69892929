//! Recovered sources as a `.zip`, built in memory (in the browser, or anywhere). Entry names
//! are the normalised export paths, so no entry can leave the folder it is unpacked into.

use std::io::Write;

use zip::write::SimpleFileOptions;

use crate::recover::RecoveredSources;

/// A zip of the recovered sources (every one, or the package's own only), variants side by
/// side (`a.ts`, `a.variant-2.ts`); `package` is the tar data texts left in place are in.
pub fn zip_recovered(
    recovered: &RecoveredSources,
    package: &[u8],
    own_only: bool,
) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // Fast deflate: sources compress well at any level, and the tab must stay responsive.
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    for source in recovered
        .files()
        .iter()
        .filter(|f| f.first_party || !own_only)
    {
        zip.start_file(source.export_path(), options)?;
        zip.write_all(source.text(package).as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recover::add_text;
    use std::io::Read;

    #[test]
    fn round_trips_every_file_with_safe_names() {
        let mut r = RecoveredSources::default();
        add_text(&mut r, "src/a.ts", "one", true, "m.map");
        add_text(&mut r, "src/a.ts", "two", true, "n.map");
        add_text(&mut r, "node_modules/x/i.js", "dep", false, "m.map");
        add_text(&mut r, "etc/evil.ts", &"x".repeat(10_000), true, "m.map");
        let names = |bytes: Vec<u8>| {
            let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            (0..archive.len())
                .map(|i| archive.by_index(i).unwrap().name().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(zip_recovered(&r, b"", true).unwrap()),
            ["src/a.ts", "src/a.variant-2.ts", "etc/evil.ts"]
        );
        let bytes = zip_recovered(&r, b"", false).unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut seen = Vec::new();
        for i in 0..archive.len() {
            let mut f = archive.by_index(i).unwrap();
            let mut content = String::new();
            f.read_to_string(&mut content).unwrap();
            assert!(f.enclosed_name().is_some(), "{}", f.name());
            seen.push((f.name().to_string(), content.len()));
        }
        assert_eq!(
            seen,
            [
                ("src/a.ts".into(), 3),
                ("src/a.variant-2.ts".into(), 3),
                ("node_modules/x/i.js".into(), 3),
                ("etc/evil.ts".into(), 10_000)
            ]
        );
    }
}
