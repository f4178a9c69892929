//! A Python release opened by name from PyPI's JSON API: `pypi:requests==2.32.3` or a
//! wheel's URL (what was typed is read by `pypi_name`). The project's JSON
//! (`/pypi/NAME/json`) is read into a [`Packument`], so that resolving, downloading and
//! verifying are the npm steps: each version's file is the one Leakscope chose
//! ([`choose`]), or the one a typed URL names, and its integrity the `sha256` the API lists.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::algorithm::Algorithm;
use super::error::RegistryError;
use super::packument::{Dist, Manifest, Packument};
use super::spec::Spec;

/// PyPI itself; a build or `--pypi` may name a mirror that serves the same JSON API.
pub const DEFAULT_PYPI: &str = "https://pypi.org/";

/// The project's JSON: its latest release and every release's files. (One version's JSON,
/// `/pypi/NAME/VERSION/json`, is not served by every mirror: the project's is.)
pub fn json_url(base: &str, spec: &Spec) -> String {
    format!("{}pypi/{}/json", super::with_slash(base), spec.name)
}

#[derive(Deserialize)]
struct Project {
    info: Info,
    #[serde(default)]
    urls: Vec<File>,
    /// Every release's files: in the project's JSON only (deprecated by PyPI, still served).
    releases: Option<BTreeMap<String, Vec<File>>>,
}

#[derive(Deserialize)]
struct Info {
    name: Option<String>,
    version: Option<String>,
    license: Option<String>,
    license_expression: Option<String>,
    #[serde(default)]
    yanked: bool,
    yanked_reason: Option<String>,
}

/// One file of a release, as the API lists it.
#[derive(Debug, Clone, Deserialize)]
pub struct File {
    pub filename: String,
    pub url: String,
    pub packagetype: String,
    #[serde(default)]
    pub digests: Digests,
    pub size: Option<u64>,
    #[serde(default)]
    pub yanked: bool,
    pub yanked_reason: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Digests {
    pub sha256: Option<String>,
}

/// Reads the JSON API's answer as a packument: each release with the file chosen for it,
/// or the file named `typed` where the release has it (a wheel's URL was given).
pub fn packument(
    name: &str,
    bytes: &[u8],
    typed: Option<&str>,
) -> Result<Packument, RegistryError> {
    let project: Project =
        serde_json::from_slice(bytes).map_err(|e| RegistryError::NotAPackument {
            name: name.to_string(),
            why: format!("it is not PyPI's JSON: {e}"),
        })?;
    let info = &project.info;
    let license = info
        .license_expression
        .clone()
        .or_else(|| info.license.clone())
        .filter(|l| !l.is_empty() && l.len() < 200 && !l.contains('\n'));
    let mut packument = Packument {
        name: info.name.clone(),
        license: license.clone(),
        ..Packument::default()
    };
    let releases = match project.releases {
        Some(releases) => {
            if let Some(latest) = &info.version {
                packument.dist_tags.insert("latest".into(), latest.clone());
            }
            releases
        }
        None => info
            .version
            .iter()
            .map(|v| (v.clone(), project.urls.clone()))
            .collect(),
    };
    for (version, files) in releases {
        let named = typed.and_then(|t| files.iter().find(|f| f.filename == t));
        let Some((file, why)) = named
            .map(|f| (f, format!("{}, as given", f.filename)))
            .or_else(|| choose(&files))
        else {
            continue;
        };
        let yanked = (file.yanked || (info.yanked && info.version.as_ref() == Some(&version)))
            .then(|| {
                let reason = file.yanked_reason.clone().or(info.yanked_reason.clone());
                format!(
                    "yanked from PyPI{}",
                    reason.map(|r| format!(": {r}")).unwrap_or_default()
                )
            });
        let integrity = file
            .digests
            .sha256
            .as_deref()
            .and_then(|hex| super::integrity::hex_digest(hex, Algorithm::Sha256))
            .map(|digest| super::sri(Algorithm::Sha256, &digest));
        packument.versions.insert(
            version.clone(),
            Manifest {
                version: Some(version),
                dist: Dist {
                    tarball: Some(from_index(&file.url, name)),
                    integrity,
                    chosen: Some(why),
                    ..Dist::default()
                },
                deprecated: yanked,
                license: license.clone(),
            },
        );
    }
    Ok(packument)
}

/// The file of a release that Leakscope reads, and why: a pure-Python wheel where there is
/// one (what most installs get, and what a wheel's front end is in), else a platform wheel,
/// else the source distribution.
pub fn choose(files: &[File]) -> Option<(&File, String)> {
    let wheels: Vec<&File> = files
        .iter()
        .filter(|f| f.packagetype == "bdist_wheel")
        .collect();
    let all = crate::text::plural(files.len(), "file", "files");
    if let Some(pure) = wheels
        .iter()
        .find(|f| f.filename.ends_with("-none-any.whl"))
    {
        return Some((
            pure,
            format!(
                "the pure-Python wheel {} ({all} in the release)",
                pure.filename
            ),
        ));
    }
    if let Some(wheel) = wheels.iter().min_by_key(|f| &f.filename) {
        return Some((
            wheel,
            format!(
                "the wheel {} (the release has no pure-Python wheel; {all} in it)",
                wheel.filename
            ),
        ));
    }
    let sdist = files.iter().find(|f| f.packagetype == "sdist")?;
    Some((
        sdist,
        format!(
            "the source distribution {} (the release has no wheel)",
            sdist.filename
        ),
    ))
}

/// A file's URL as the index's JSON gives it, made relative to the index's base when it is
/// relative to the JSON's own address (`{base}pypi/NAME/json`): a mirror may write
/// `../../packages/…`. Absolute URLs and absolute paths are kept.
fn from_index(url: &str, name: &str) -> String {
    if url.contains("://") || url.starts_with('/') {
        return url.to_string();
    }
    let mut at: Vec<&str> = vec!["pypi", name];
    for part in url.split('/') {
        match part {
            "." => {}
            ".." => {
                at.pop();
            }
            p => at.push(p),
        }
    }
    at.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{Index, Wanted};

    fn file(name: &str, kind: &str) -> File {
        File {
            filename: name.into(),
            url: format!("https://files.example/{name}"),
            packagetype: kind.into(),
            digests: Digests {
                sha256: Some("ab".repeat(32)),
            },
            size: Some(1),
            yanked: false,
            yanked_reason: None,
        }
    }

    #[test]
    fn specs_by_name_and_by_wheel_url() {
        let s = Spec::parse("pypi:Jupyter_Lab.Git==0.51.1").unwrap();
        assert_eq!(
            (s.name.as_str(), &s.wanted, s.index),
            (
                "jupyter-lab-git",
                &Wanted::Exact("0.51.1".into()),
                Index::Pypi
            )
        );
        assert_eq!(s.label(), "pypi:jupyter-lab-git==0.51.1");
        assert_eq!(
            Spec::parse("pypi:requests").unwrap().wanted,
            Wanted::Default
        );
        assert_eq!(
            Spec::parse("pypi:requests@2.0rc1").unwrap().wanted,
            Wanted::Exact("2.0rc1".into())
        );
        for bad in [
            "pypi:",
            "pypi:-x",
            "pypi:a b",
            "pypi:x==^1.2",
            "pypi:x==>=1",
        ] {
            assert!(Spec::parse(bad).is_err(), "{bad}");
        }
        let url =
            "https://files.pythonhosted.org/packages/ab/cd/jupyterlab_git-0.51.1-py3-none-any.whl";
        let s = Spec::parse(url).unwrap();
        assert_eq!((s.name.as_str(), s.index), ("jupyterlab-git", Index::Pypi));
        assert_eq!(s.wanted, Wanted::Exact("0.51.1".into()));
        assert_eq!(s.tarball.unwrap().url, url);
        assert_eq!(
            json_url("https://pypi.org", &Spec::parse("pypi:a.b==1").unwrap()),
            "https://pypi.org/pypi/a-b/json"
        );
    }

    #[test]
    fn a_pure_python_wheel_is_chosen_where_there_is_one() {
        let sdist = file("x-1.tar.gz", "sdist");
        let linux = file("x-1-cp312-cp312-manylinux_2_17_x86_64.whl", "bdist_wheel");
        let mac = file("x-1-cp312-cp312-macosx_11_0_arm64.whl", "bdist_wheel");
        let pure = file("x-1-py3-none-any.whl", "bdist_wheel");
        let files = [sdist.clone(), linux.clone(), pure, mac.clone()];
        let (chosen, why) = choose(&files).unwrap();
        assert_eq!(chosen.filename, "x-1-py3-none-any.whl");
        assert_eq!(
            why,
            "the pure-Python wheel x-1-py3-none-any.whl (4 files in the release)"
        );
        let platform = [sdist.clone(), linux, mac];
        let (chosen, why) = choose(&platform).unwrap();
        assert_eq!(chosen.filename, "x-1-cp312-cp312-macosx_11_0_arm64.whl");
        assert!(why.contains("no pure-Python wheel"), "{why}");
        let (chosen, why) = choose(std::slice::from_ref(&sdist)).unwrap();
        assert_eq!(
            (chosen.filename.as_str(), why.contains("no wheel")),
            ("x-1.tar.gz", true)
        );
        assert!(choose(&[]).is_none());
    }

    #[test]
    fn relative_file_urls_are_read_from_the_json_address() {
        assert_eq!(
            from_index("../../packages/ab/x.whl", "x"),
            "packages/ab/x.whl"
        );
        assert_eq!(from_index("files/x.whl", "x"), "pypi/x/files/x.whl");
        assert_eq!(from_index("/f/x.whl", "x"), "/f/x.whl");
        assert_eq!(from_index("https://h/x.whl", "x"), "https://h/x.whl");
    }

    #[test]
    fn the_json_api_reads_as_a_packument() {
        let json = br#"{"info":{"name":"Acme","version":"2.0","license_expression":"MIT","yanked":false},
            "urls":[],
            "releases":{
              "1.0":[{"filename":"acme-1.0-py3-none-any.whl","url":"https://f/acme-1.0-py3-none-any.whl","packagetype":"bdist_wheel","digests":{"sha256":"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"},"size":10,"yanked":true,"yanked_reason":"broken"}],
              "2.0":[{"filename":"acme-2.0.tar.gz","url":"https://f/acme-2.0.tar.gz","packagetype":"sdist","digests":{"sha256":"ff"},"size":10}],
              "3.0":[]
            }}"#;
        let p = packument("acme", json, None).unwrap();
        assert_eq!(p.dist_tags["latest"], "2.0");
        assert_eq!(p.versions.keys().collect::<Vec<_>>(), ["1.0", "2.0"]);
        let one = &p.versions["1.0"];
        assert_eq!(one.deprecated.as_deref(), Some("yanked from PyPI: broken"));
        assert_eq!(
            one.dist.integrity.as_deref(),
            Some("sha256-ABEiM0RVZneImaq7zN3u/wARIjNEVWZ3iJmqu8zd7v8=")
        );
        // A digest that is not one is no integrity: the download cannot be checked.
        assert_eq!(p.versions["2.0"].dist.integrity, None);
        assert_eq!(
            super::super::integrity::hex_digest(&"é".repeat(32), Algorithm::Sha256),
            None
        );
        assert!(packument("acme", b"[]", None).is_err());
        // A wheel's URL names its file: that one is checked, not the one Leakscope picks.
        let p = packument("acme", json, Some("acme-2.0.tar.gz")).unwrap();
        assert_eq!(
            p.versions["2.0"].dist.chosen.as_deref(),
            Some("acme-2.0.tar.gz, as given")
        );
    }
}
