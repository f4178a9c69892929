//! What a person types to name a Python release (PyPI's rules, PEP 508 and PEP 440): the
//! project's name, normalised as PyPI does (PEP 503), and an exact version; or the name and
//! version a wheel's (or sdist's) file name gives (PEP 427). Plain data: `spec` makes a
//! [`super::Spec`] of it.

/// `NAME`, `NAME==VERSION` or `NAME@VERSION`: the normalised name and the version, if one
/// was given; or why not.
pub(super) fn parse(rest: &str) -> Result<(String, Option<String>), String> {
    let (name, version) = match rest.split_once("==").or_else(|| rest.split_once('@')) {
        Some((name, version)) => (name.trim(), Some(version.trim())),
        None => (rest.trim(), None),
    };
    validate_name(name)?;
    let version = match version {
        None | Some("") => None,
        Some(v) if valid_version(v) => Some(v.to_string()),
        Some(v) => {
            return Err(format!(
                "\"{v}\" is not a version: PyPI releases are opened by their exact version \
                 (pypi:{name}==1.2.3)"
            ));
        }
    };
    Ok((normalise(name), version))
}

/// The file a URL names: its last segment, without query or fragment.
pub(super) fn file_name(url: &str) -> Option<&str> {
    url.split(['?', '#']).next()?.rsplit('/').next()
}

/// A wheel's (or sdist's) URL: the normalised name and the version its file name gives.
pub(super) fn file_url(url: &str) -> Option<(String, String)> {
    let file = file_name(url)?;
    let (name, version) = if let Some(stem) = file.strip_suffix(".whl") {
        let mut parts = stem.split('-');
        (parts.next()?, parts.next()?)
    } else {
        let stem = file
            .strip_suffix(".tar.gz")
            .or_else(|| file.strip_suffix(".zip"))?;
        stem.rsplit_once('-')?
    };
    validate_name(name).ok()?;
    valid_version(version).then(|| (normalise(name), version.to_string()))
}

/// PEP 508's names: letters, digits, `.`, `_` and `-`, starting and ending with a letter or
/// digit.
fn validate_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("the name is empty".into());
    }
    if name.len() > 200 {
        return Err("a Python project name is at most 200 characters long".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        return Err(format!("a Python project name cannot contain \"{c}\""));
    }
    if !name.starts_with(|c: char| c.is_ascii_alphanumeric())
        || !name.ends_with(|c: char| c.is_ascii_alphanumeric())
    {
        return Err("a Python project name starts and ends with a letter or digit".into());
    }
    Ok(())
}

/// A PEP 440 version's characters (`1.0`, `2.0rc1`, `1.0.post2`, `1!2.0`, `1.0+local`).
fn valid_version(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 100
        && v.starts_with(|c: char| c.is_ascii_alphanumeric())
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '!' | '+' | '_' | '-'))
}

/// PEP 503's normal form, which the JSON API answers to: lower case, runs of `-_.` as `-`.
fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            if !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}
