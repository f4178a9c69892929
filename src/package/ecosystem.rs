//! Which ecosystem a package belongs to, told from its files rather than its name, and what
//! its own manifest says: a wheel's `METADATA`, a VS Code extension's `package.json` and
//! `extension.vsixmanifest`, a browser extension's `manifest.json`, a Java archive's
//! `MANIFEST.MF` and `pom.properties`.

use serde::{Deserialize, Serialize};

use super::{Licence, PackageInfo, classify};
use crate::archive::{Archive, Container};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ecosystem {
    #[default]
    Npm,
    /// A Python wheel (`.whl`).
    Wheel,
    /// A Python source distribution (`.tar.gz` with `PKG-INFO`).
    Sdist,
    /// A VS Code extension (`.vsix`).
    Vsix,
    /// A Chrome extension (`.crx`, or the zip sent to the Chrome Web Store).
    Chrome,
    /// A Firefox add-on (`.xpi`).
    Firefox,
    /// A Java archive (`.jar`, `.war`, `.ear`).
    Java,
    /// A zip that is none of the above.
    Zip,
}

impl Ecosystem {
    /// What the package is, in words ("a Python wheel").
    pub fn noun(self) -> &'static str {
        match self {
            Ecosystem::Npm => "npm package",
            Ecosystem::Wheel => "Python wheel",
            Ecosystem::Sdist => "Python source distribution",
            Ecosystem::Vsix => "VS Code extension",
            Ecosystem::Chrome => "Chrome extension",
            Ecosystem::Firefox => "Firefox add-on",
            Ecosystem::Java => "Java archive",
            Ecosystem::Zip => "zip archive",
        }
    }

    /// How to keep a file out of the next release, as a clause ("add a `files` list …").
    pub fn keep_out(self) -> &'static str {
        match self {
            Ecosystem::Npm => "add a `files` list to package.json (or an .npmignore entry)",
            Ecosystem::Wheel | Ecosystem::Sdist => {
                "exclude it from the build (setuptools' `exclude-package-data` or MANIFEST.in, \
                 Hatch's `exclude`, Poetry's `exclude`)"
            }
            Ecosystem::Vsix => "add it to .vscodeignore (e.g. `**/*.map`, `.env`)",
            Ecosystem::Chrome | Ecosystem::Firefox => {
                "leave it out of the folder the extension is zipped from"
            }
            Ecosystem::Java => {
                "exclude it from the build (Maven's resource `excludes`, Gradle's `exclude`)"
            }
            Ecosystem::Zip => "leave it out of the archive",
        }
    }

    /// The registry its releases are opened from by name, if Leakscope opens them.
    pub fn index(self) -> Option<crate::registry::Index> {
        match self {
            Ecosystem::Npm => Some(crate::registry::Index::Npm),
            Ecosystem::Wheel | Ecosystem::Sdist => Some(crate::registry::Index::Pypi),
            _ => None,
        }
    }

    /// The ecosystem the archive's files say it is.
    pub fn of(archive: &Archive) -> Ecosystem {
        let has = |path: &str| archive.find(path).is_some();
        let root = |suffix: &str| {
            archive.entries().iter().any(|e| {
                e.path
                    .split_once('/')
                    .is_some_and(|(top, rest)| top.ends_with(suffix) && !rest.contains('/'))
            })
        };
        // A JupyterLab extension's sdist has a package.json too: a Python build file says
        // it is Python's.
        let python =
            has("PKG-INFO") && (has("pyproject.toml") || has("setup.py") || !has("package.json"));
        let extension = archive.find("manifest.json").is_some_and(|e| {
            memchr::memmem::find(archive.bytes(e), b"\"manifest_version\"").is_some()
        });
        match archive.container {
            Container::Crx => Ecosystem::Chrome,
            Container::Tar if python => Ecosystem::Sdist,
            Container::Tar => Ecosystem::Npm,
            Container::Zip if root(".dist-info") => Ecosystem::Wheel,
            // An old sdist as a zip, its files under `name-1.0/`.
            Container::Zip if sdist_folder(archive).is_some() => Ecosystem::Sdist,
            Container::Zip if has("extension.vsixmanifest") => Ecosystem::Vsix,
            Container::Zip if extension => browser(archive),
            Container::Zip if has("META-INF/MANIFEST.MF") || root_dir(archive, "WEB-INF") => {
                Ecosystem::Java
            }
            Container::Zip => Ecosystem::Zip,
        }
    }
}

/// The folder (`name-1.0/`) of a zip sdist's `PKG-INFO`, or `""` for a tarball's.
fn sdist_folder(archive: &Archive) -> Option<&str> {
    if archive.find("PKG-INFO").is_some() {
        return Some("");
    }
    archive.entries().iter().find_map(|e| {
        let (top, rest) = e.path.split_once('/')?;
        (rest == "PKG-INFO").then(|| &e.path[..top.len() + 1])
    })
}

fn root_dir(archive: &Archive, dir: &str) -> bool {
    archive
        .entries()
        .iter()
        .any(|e| e.path.split_once('/').is_some_and(|(top, _)| top == dir))
}

/// A browser extension's zip: Firefox's when signed by Mozilla or naming Gecko.
fn browser(archive: &Archive) -> Ecosystem {
    let signed = ["META-INF/mozilla.rsa", "META-INF/cose.sig"]
        .iter()
        .any(|p| archive.find(p).is_some());
    let gecko = archive
        .find("manifest.json")
        .is_some_and(|e| memchr::memmem::find(archive.bytes(e), b"\"gecko\"").is_some());
    if signed || gecko {
        Ecosystem::Firefox
    } else {
        Ecosystem::Chrome
    }
}

/// What the package's manifest says, for its ecosystem; `None` when it has none readable.
pub fn read(archive: &Archive, ecosystem: Ecosystem) -> Option<PackageInfo> {
    let text = |path: &str| {
        archive
            .find(path)
            .map(|e| String::from_utf8_lossy(archive.bytes(e)).into_owned())
    };
    let mut info = match ecosystem {
        Ecosystem::Npm => PackageInfo::parse(archive.bytes(archive.find("package.json")?)),
        Ecosystem::Wheel => {
            let metadata = archive.entries().iter().find(|e| {
                e.path
                    .split_once('/')
                    .is_some_and(|(top, rest)| top.ends_with(".dist-info") && rest == "METADATA")
            })?;
            let dir = &metadata.path[..metadata.path.len() - "METADATA".len()];
            let text = String::from_utf8_lossy(archive.bytes(metadata));
            Some(core_metadata(&text, archive, dir))
        }
        Ecosystem::Sdist => {
            let dir = sdist_folder(archive)?;
            let info = text(&format!("{dir}PKG-INFO"))?;
            Some(core_metadata(&info, archive, dir))
        }
        Ecosystem::Vsix => vsix(archive, text("extension.vsixmanifest")),
        Ecosystem::Chrome | Ecosystem::Firefox => {
            web_extension(archive.bytes(archive.find("manifest.json")?))
        }
        Ecosystem::Java => java(archive),
        Ecosystem::Zip => None,
    }?;
    if info.licence == Licence::None {
        info.licence = licence_file(archive).unwrap_or_default();
    }
    Some(info)
}

/// Python's core metadata (a wheel's METADATA, an sdist's PKG-INFO): mail-style headers
/// up to the first blank line, a line that starts with white space continuing the one
/// before. `dir` is the folder it is in, where its `License-File`s are.
fn core_metadata(text: &str, archive: &Archive, dir: &str) -> PackageInfo {
    let mut headers: Vec<(&str, String)> = Vec::new();
    // The headers end at an empty line; a line of spaces continues a value (a licence's
    // text has blank lines).
    for line in text.lines().take_while(|l| !l.is_empty()) {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push('\n');
                value.push_str(line.trim());
            }
        } else if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim(), v.trim().to_string()));
        }
    }
    let field = |name: &str| values(&headers, name).next().map(str::to_string);
    let classifiers: Vec<&str> = values(&headers, "Classifier")
        .filter(|v| v.starts_with("License ::"))
        .collect();
    let files = values(&headers, "License-File").filter_map(|f| {
        archive
            .find(&format!("{dir}licenses/{f}"))
            .or_else(|| archive.find(&format!("{dir}{f}")))
    });
    let licence = python_licence(
        field("License-Expression"),
        &classifiers,
        field("License"),
        files.map(|e| archive.bytes(e)),
    );
    PackageInfo {
        name: field("Name"),
        version: field("Version"),
        licence,
    }
}

/// The values of the header `name`, leaving out empty ones and `UNKNOWN`.
fn values<'a>(headers: &'a [(&str, String)], name: &'a str) -> impl Iterator<Item = &'a str> {
    headers
        .iter()
        .filter(move |(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty() && *v != "UNKNOWN")
}

/// A Python package's licence: `License-Expression` (SPDX); else a licence classifier
/// (OSI-approved is open source by definition); else `License`, in words or as the whole
/// text of a licence (many put the text there); else a `License-File` that reads as a known
/// licence; else what `License` or a classifier says, not open source.
fn python_licence<'a>(
    expression: Option<String>,
    classifiers: &[&str],
    words: Option<String>,
    mut files: impl Iterator<Item = &'a [u8]>,
) -> Licence {
    if let Some(expression) = expression {
        return classify(&expression);
    }
    if let Some(osi) = classifiers
        .iter()
        .find_map(|c| c.strip_prefix("License :: OSI Approved :: "))
    {
        return Licence::OpenSource(osi.to_string());
    }
    let first_line = words
        .as_deref()
        .map(|w| w.lines().next().unwrap_or_default().to_string());
    match first_line.as_deref().map(in_words) {
        Some(named @ Licence::OpenSource(_)) => return named,
        // Said in words: the text below it does not undo that.
        Some(Licence::Proprietary(words)) if restricted(&words) => {
            return Licence::Proprietary(words);
        }
        _ => {}
    }
    let text = words.as_deref().and_then(licence_in_text);
    if let Some(id) =
        text.or_else(|| files.find_map(|f| licence_in_text(&String::from_utf8_lossy(f))))
    {
        return Licence::OpenSource(id.to_string());
    }
    match (first_line, classifiers.first()) {
        (Some(line), _) => Licence::Proprietary(line),
        (None, Some(other)) => Licence::Proprietary(other.trim_start_matches("License :: ").into()),
        (None, None) => Licence::None,
    }
}

/// A VS Code extension: its `extension/package.json` (named `publisher.name`, as the
/// Marketplace names it), else the identity in `extension.vsixmanifest`.
fn vsix(archive: &Archive, manifest: Option<String>) -> Option<PackageInfo> {
    let json = archive
        .find("extension/package.json")
        .map(|e| archive.bytes(e));
    if let Some(mut info) = json.and_then(PackageInfo::parse) {
        let publisher = json
            .and_then(|j| serde_json::from_slice::<serde_json::Value>(j).ok())
            .and_then(|v| v.get("publisher")?.as_str().map(str::to_string));
        if let (Some(publisher), Some(name)) = (publisher, &info.name) {
            info.name = Some(format!("{publisher}.{name}"));
        }
        return Some(info);
    }
    let manifest = manifest?;
    let attr = |name: &str| xml_attribute(&manifest, "Identity", name);
    Some(PackageInfo {
        name: match (attr("Publisher"), attr("Id")) {
            (Some(p), Some(id)) => Some(format!("{p}.{id}")),
            (_, id) => id,
        },
        version: attr("Version"),
        licence: Licence::None,
    })
}

/// An attribute of the first `<element …>` in an XML text (enough for a manifest's one
/// identity element; not an XML parser).
fn xml_attribute(xml: &str, element: &str, name: &str) -> Option<String> {
    let open = format!("<{element}");
    let at = xml.find(&open)? + open.len();
    let tag = &xml[at..at + xml[at..].find('>')?];
    let key = format!("{name}=\"");
    let start = tag.find(&key)? + key.len();
    let value = &tag[start..start + tag[start..].find('"')?];
    (!value.is_empty()).then(|| value.to_string())
}

/// A browser extension's `manifest.json`: name and version (a store has no licence field).
fn web_extension(json: &[u8]) -> Option<PackageInfo> {
    let value: serde_json::Value = serde_json::from_slice(json).ok()?;
    let text = |key: &str| value.get(key)?.as_str().map(str::to_string);
    Some(PackageInfo {
        name: text("name"),
        version: text("version"),
        licence: Licence::None,
    })
}

/// A Java archive: Maven's `pom.properties` (`groupId:artifactId`, version) and the licence
/// in its `pom.xml`, else `MANIFEST.MF`'s title, version and `Bundle-License`.
fn java(archive: &Archive) -> Option<PackageInfo> {
    // A fat jar carries its dependencies' Maven files too: only a jar with one is named
    // by it.
    let maven = |name: &str| {
        let mut found = archive.entries().iter().filter(|e| {
            e.path.starts_with("META-INF/maven/")
                && e.path.ends_with(name)
                && e.path.split('/').count() == 5
        });
        let first = found.next();
        first.filter(|_| found.next().is_none())
    };
    let text = |e: &crate::archive::Entry| String::from_utf8_lossy(archive.bytes(e)).into_owned();
    let manifest = archive
        .find("META-INF/MANIFEST.MF")
        .map(|e| manifest_fields(&text(e)))
        .unwrap_or_default();
    let from_manifest = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| manifest.iter().find(|(key, _)| key == k))
            .map(|(_, v)| v.clone())
    };
    let properties = maven("/pom.properties").map(text).unwrap_or_default();
    let property = |key: &str| {
        properties
            .lines()
            .find_map(|l| l.trim().strip_prefix(key)?.trim().strip_prefix('='))
            .map(|v| v.trim().to_string())
    };
    let name = match (property("groupId"), property("artifactId")) {
        (Some(g), Some(a)) => Some(format!("{g}:{a}")),
        _ => from_manifest(&[
            "Implementation-Title",
            "Bundle-SymbolicName",
            "Automatic-Module-Name",
        ]),
    };
    let version = property("version")
        .or_else(|| from_manifest(&["Implementation-Version", "Bundle-Version"]));
    let licence = maven("/pom.xml")
        .and_then(|e| pom_licence(&text(e)))
        .or_else(|| from_manifest(&["Bundle-License"]))
        .map_or(Licence::None, |l| in_words(&l));
    (name.is_some() || version.is_some()).then_some(PackageInfo {
        name,
        version,
        licence,
    })
}

/// `MANIFEST.MF`'s main section: `Key: value`, a line starting with a space continuing the
/// one before.
fn manifest_fields(text: &str) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in text.lines().take_while(|l| !l.trim().is_empty()) {
        if let Some(more) = line.strip_prefix(' ') {
            if let Some((_, value)) = fields.last_mut() {
                value.push_str(more);
            }
        } else if let Some((k, v)) = line.split_once(':') {
            fields.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    fields
}

/// The first `<license><name>` of a pom.xml.
fn pom_licence(pom: &str) -> Option<String> {
    let licence = &pom[pom.find("<license>")?..];
    let licence = &licence[..licence.find("</license>")?];
    let name = &licence[licence.find("<name>")? + "<name>".len()..];
    let name = name[..name.find("</name>")?].trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// Words that say a licence is not open source, whatever else it mentions.
fn restricted(words: &str) -> bool {
    let lower = words.to_ascii_lowercase();
    ["proprietary", "commercial", "confidential", "eula"]
        .iter()
        .any(|r| lower.contains(r))
}

/// A licence written in words ("The Apache Software License, Version 2.0", "BSD License"),
/// as Python and Maven packages give them: SPDX first, then the usual names.
pub(super) fn in_words(words: &str) -> Licence {
    let words = words.trim();
    if words.is_empty() {
        return Licence::None;
    }
    let spdx = classify(words);
    if spdx.is_open_source() {
        return spdx;
    }
    let lower = words.to_ascii_lowercase();
    if restricted(words) || lower.contains("all rights reserved") {
        return Licence::Proprietary(words.to_string());
    }
    let word = |w: &str| {
        lower
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|part| part == w)
    };
    let known = [
        "apache",
        "mit",
        "bsd",
        "isc",
        "mpl",
        "epl",
        "gpl",
        "lgpl",
        "agpl",
        "gplv2",
        "gplv3",
        "psf",
        "unlicense",
        "cc0",
        "zlib",
    ]
    .iter()
    .any(|w| word(w))
        || [
            "mozilla public",
            "eclipse public",
            "general public license",
            "python software foundation",
            "public domain",
        ]
        .iter()
        .any(|p| lower.contains(p));
    if known {
        Licence::OpenSource(words.to_string())
    } else {
        Licence::Proprietary(words.to_string())
    }
}

/// A licence file at the root (`LICENSE`, `LICENSE.txt`, `COPYING`, …) that reads as a
/// well-known open-source licence, for a package whose manifest names none.
fn licence_file(archive: &Archive) -> Option<Licence> {
    // The package's own licence, not a file of third parties' notices.
    let entry = archive.entries().iter().find(|e| {
        let upper = e.path.to_ascii_uppercase();
        let stem = upper.split('.').next().unwrap_or_default();
        !upper.contains('/') && ["LICENSE", "LICENCE", "COPYING"].contains(&stem)
    })?;
    let id = licence_in_text(&String::from_utf8_lossy(archive.bytes(entry)))?;
    Some(Licence::OpenSource(format!("{id} (from {})", entry.path)))
}

/// The well-known open-source licence whose words a licence's text holds, from its first
/// 4 KB (the whole text is often in a Python package's `License` field).
fn licence_in_text(text: &str) -> Option<&'static str> {
    let head = text[..text.floor_char_boundary(4096)].to_ascii_lowercase();
    let head = head.split_whitespace().collect::<Vec<_>>().join(" ");
    [
        ("permission is hereby granted, free of charge", "MIT"),
        ("apache license", "Apache-2.0"),
        ("mozilla public license", "MPL-2.0"),
        ("gnu lesser general public license", "LGPL"),
        ("gnu affero general public license", "AGPL"),
        ("gnu general public license", "GPL"),
        ("redistribution and use in source and binary forms", "BSD"),
        ("permission to use, copy, modify, and/or distribute", "ISC"),
        ("permission to use, copy, modify, and distribute", "ISC"),
        ("this is free and unencumbered software", "Unlicense"),
    ]
    .iter()
    .find(|(words, _)| head.contains(words))
    .map(|(_, id)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_metadata_licences() {
        let nothing = Archive::default();
        let meta = |headers: &str| {
            core_metadata(
                &format!("Name: x\nVersion: 1\n{headers}\n\nbody"),
                &nothing,
                "",
            )
        };
        assert!(meta("License-Expression: MIT").licence.is_open_source());
        assert!(
            !meta("License-Expression: LicenseRef-Proprietary")
                .licence
                .is_open_source()
        );
        let osi = meta("Classifier: License :: OSI Approved :: BSD License");
        assert_eq!(osi.licence, Licence::OpenSource("BSD License".into()));
        assert!(
            !meta("Classifier: License :: Other/Proprietary License")
                .licence
                .is_open_source()
        );
        assert!(
            meta("License: The Apache Software License, Version 2.0")
                .licence
                .is_open_source()
        );
        assert_eq!(meta("").licence, Licence::None);
        // The whole text of a licence in `License`, "All rights reserved" and all.
        let bsd = meta(
            "License: Copyright (c) 2016, Matplotlib Contributors\n        All rights reserved.\n        \n        Redistribution and use in source and binary forms, with or without\n        modification, are permitted",
        );
        assert_eq!(bsd.licence, Licence::OpenSource("BSD".into()));
        assert!(
            !meta("License: Copyright (c) 2020 Acme. All rights reserved.")
                .licence
                .is_open_source()
        );
        let m = meta("License: UNKNOWN");
        assert_eq!((m.name.as_deref(), m.licence), (Some("x"), Licence::None));
    }

    fn archive(container: Container, files: &[(&str, &str)]) -> Archive {
        let files = files
            .iter()
            .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
            .collect();
        let mut a = Archive::from_files(files);
        a.container = container;
        a
    }

    #[test]
    fn kinds_are_told_by_their_files() {
        use Container::{Tar, Zip};
        // A JupyterLab extension's sdist ships a package.json beside its PKG-INFO.
        let lab = [
            ("PKG-INFO", "Name: x\n"),
            ("package.json", "{}"),
            ("pyproject.toml", ""),
        ];
        assert_eq!(Ecosystem::of(&archive(Tar, &lab)), Ecosystem::Sdist);
        let npm = [("package.json", "{}"), ("PKG-INFO", "")];
        assert_eq!(Ecosystem::of(&archive(Tar, &npm)), Ecosystem::Npm);
        // An old sdist as a zip, under its `name-version/` folder.
        let old = archive(
            Zip,
            &[
                ("x-1.0/PKG-INFO", "Name: x\nVersion: 1.0\nLicense: MIT\n\n"),
                ("x-1.0/setup.py", ""),
            ],
        );
        assert_eq!(Ecosystem::of(&old), Ecosystem::Sdist);
        let info = read(&old, Ecosystem::Sdist).unwrap();
        assert_eq!(
            (info.version.as_deref(), info.licence.is_open_source()),
            (Some("1.0"), true)
        );
        // A web app's manifest.json is not an extension's.
        let app = [("manifest.json", r#"{"name":"app","icons":[]}"#)];
        assert_eq!(Ecosystem::of(&archive(Zip, &app)), Ecosystem::Zip);
    }

    #[test]
    fn a_licence_said_to_be_proprietary_stays_so() {
        let said = Some("Proprietary\nParts of it are under the Apache License 2.0".to_string());
        assert!(!python_licence(None, &[], said, std::iter::empty()).is_open_source());
        // A licence's name past the end of the <license> element is not its name.
        let pom = "<licenses><license><url>https://x</url></license></licenses><name>Ann</name>";
        assert_eq!(pom_licence(pom), None);
        // A third party's notices are not the package's licence.
        let notices = archive(
            Container::Zip,
            &[(
                "LICENSES-THIRD-PARTY.txt",
                "Permission is hereby granted, free of charge",
            )],
        );
        assert_eq!(licence_file(&notices), None);
    }

    #[test]
    fn licences_in_words() {
        for open in [
            "Apache License, Version 2.0",
            "Eclipse Public License - v 2.0",
            "GNU General Public License v3 (GPLv3)",
            "BSD-3-Clause",
            "MIT",
        ] {
            assert!(in_words(open).is_open_source(), "{open}");
        }
        for closed in [
            "Proprietary",
            "All rights reserved",
            "Acme EULA",
            "Commercial MIT",
        ] {
            assert!(!in_words(closed).is_open_source(), "{closed}");
        }
    }

    #[test]
    fn manifest_continuation_lines_and_xml_attributes() {
        let fields =
            manifest_fields("Manifest-Version: 1.0\nBundle-License: Apache-2.\n 0\n\nName: x\n");
        assert_eq!(fields[1], ("Bundle-License".into(), "Apache-2.0".into()));
        let xml = r#"<PackageManifest><Metadata><Identity Language="en-US" Id="deploy" Version="2.1.0" Publisher="acme"/></Metadata>"#;
        assert_eq!(
            xml_attribute(xml, "Identity", "Publisher").as_deref(),
            Some("acme")
        );
        assert_eq!(xml_attribute(xml, "Identity", "Nothing"), None);
    }
}
