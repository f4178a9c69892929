//! npm's registry and credential settings, read as npm reads them, for the CLI: `--registry`,
//! then the `npm_config_*` environment variables, then the project's `.npmrc`, then the
//! user's. Pure functions over the files' texts and an environment map; the CLI finds and
//! reads the files.
//!
//! Understood keys: `registry=`, `@scope:registry=`, and per registry (a "nerf dart",
//! `//host[:port][/path]/`) `:_authToken=` (sent as `Authorization: Bearer`), `:_auth=`
//! and `:username=` + `:_password=` (sent as `Basic`). A credential goes only to URLs under
//! its own host and path, never elsewhere, and is never shown: [`Authorization`]'s `Debug`
//! hides it and no error message holds one. Values may use `${VAR}` (from the environment;
//! `${VAR?}` is empty when unset, `\${VAR}` stays as written), comments start with `#` or
//! `;`, values may be quoted.

use std::collections::{BTreeMap, HashMap};

use crate::registry::{DEFAULT_REGISTRY, with_slash};

/// Where settings come from, highest priority first.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sources<'a> {
    /// `--registry URL`.
    pub cli_registry: Option<&'a str>,
    /// The process environment (for `npm_config_*` and `${VAR}`).
    pub env: Option<&'a HashMap<String, String>>,
    /// The project's `.npmrc` text.
    pub project: Option<&'a str>,
    /// The user's `~/.npmrc` text.
    pub user: Option<&'a str>,
}

/// The settings that decide where a package is fetched from and with which credential.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The default registry, ending with `/`.
    pub registry: String,
    /// `@scope` -> its registry, ending with `/`.
    pub scopes: BTreeMap<String, String>,
    /// By nerf dart (`//host/path/`), longest first.
    credentials: Vec<(String, Authorization)>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("registry", &self.registry)
            .field("scopes", &self.scopes)
            .field(
                "credentials for",
                &self.credentials.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// An `Authorization` header value. Its `Debug` shows only the scheme.
#[derive(Clone, PartialEq, Eq)]
pub struct Authorization(String);

impl Authorization {
    /// The header's value: `Bearer <token>` or `Basic <base64>`.
    pub fn header_value(&self) -> &str {
        &self.0
    }

    /// Every secret part of the value, for a shell that must make sure none is printed.
    pub fn secret(&self) -> &str {
        self.0.split_once(' ').map_or(&self.0, |(_, s)| s)
    }
}

impl std::fmt::Debug for Authorization {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let scheme = self.0.split(' ').next().unwrap_or("");
        write!(f, "Authorization({scheme} <hidden>)")
    }
}

impl Config {
    /// Merges the sources in npm's order.
    pub fn resolve(sources: Sources) -> Config {
        let empty = HashMap::new();
        let env = sources.env.unwrap_or(&empty);
        // Lowest priority first, so that later layers overwrite.
        let mut settings: BTreeMap<String, String> = BTreeMap::new();
        for text in [sources.user, sources.project].into_iter().flatten() {
            settings.extend(parse(text, env));
        }
        settings.extend(env_settings(env));
        if let Some(r) = sources.cli_registry {
            settings.insert("registry".into(), r.to_string());
        }
        let registry = settings
            .get("registry")
            .filter(|r| !r.trim().is_empty())
            .map_or_else(|| DEFAULT_REGISTRY.to_string(), |r| with_slash(r));
        let mut scopes = BTreeMap::new();
        let mut tokens: BTreeMap<String, Authorization> = BTreeMap::new();
        let mut users: BTreeMap<String, (Option<&str>, Option<&str>)> = BTreeMap::new();
        for (key, value) in &settings {
            if let Some(scope) = key.strip_suffix(":registry").filter(|s| s.starts_with('@')) {
                if !value.trim().is_empty() {
                    scopes.insert(scope.to_string(), with_slash(value));
                }
                continue;
            }
            let Some((dart, field)) = key.rsplit_once(':') else {
                continue;
            };
            if !dart.starts_with("//") || value.is_empty() {
                continue;
            }
            let dart = normalise_dart(dart);
            match field {
                "_authToken" => {
                    tokens.insert(dart, Authorization(format!("Bearer {value}")));
                }
                "_auth" => {
                    tokens
                        .entry(dart)
                        .or_insert_with(|| Authorization(format!("Basic {value}")));
                }
                "username" => users.entry(dart).or_default().0 = Some(value),
                "_password" => users.entry(dart).or_default().1 = Some(value),
                _ => {}
            }
        }
        for (dart, (user, password)) in users {
            if let (Some(user), Some(password)) = (user, password) {
                use base64::Engine;
                let b64 = base64::engine::general_purpose::STANDARD;
                // npm keeps `_password` base64-encoded.
                let password = b64
                    .decode(password)
                    .ok()
                    .and_then(|p| String::from_utf8(p).ok())
                    .unwrap_or_else(|| password.to_string());
                tokens.entry(dart).or_insert_with(|| {
                    Authorization(format!(
                        "Basic {}",
                        b64.encode(format!("{user}:{password}"))
                    ))
                });
            }
        }
        let mut credentials: Vec<_> = tokens.into_iter().collect();
        credentials.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        Config {
            registry,
            scopes,
            credentials,
        }
    }

    /// The registry a package is fetched from: its scope's, or the default.
    pub fn registry_for(&self, name: &str) -> &str {
        name.split_once('/')
            .filter(|(scope, _)| scope.starts_with('@'))
            .and_then(|(scope, _)| self.scopes.get(scope))
            .unwrap_or(&self.registry)
    }

    /// The credential for a request to `url`: the one whose `//host/path/` is the longest
    /// prefix of the URL's, if any. Never one for another host or path.
    pub fn authorization(&self, url: &str) -> Option<&Authorization> {
        let dart = nerf_dart(url)?;
        self.credentials
            .iter()
            .find(|(prefix, _)| dart.starts_with(prefix.as_str()))
            .map(|(_, auth)| auth)
    }

    /// Whether any credential is configured (to hint at a missing one on a 401).
    pub fn has_credentials(&self) -> bool {
        !self.credentials.is_empty()
    }

    /// Every secret this holds, for shells that check their output never shows one.
    pub fn secrets(&self) -> impl Iterator<Item = &str> {
        self.credentials.iter().map(|(_, a)| a.secret())
    }
}

/// `https://Host:8080/npm/x?y` -> `//host:8080/npm/x`: the URL without scheme, query,
/// fragment and user info, the host in lower case. `None` for a URL without a host.
pub fn nerf_dart(url: &str) -> Option<String> {
    let (_, rest) = url.split_once("://")?;
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, "/"),
    };
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host.is_empty() {
        return None;
    }
    Some(format!("//{}{path}", host.to_ascii_lowercase()))
}

/// A credential key's `//host/path` as a prefix ending with `/`, the host in lower case.
fn normalise_dart(dart: &str) -> String {
    let rest = &dart[2..];
    let (host, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, "/"),
    };
    let mut out = format!("//{}{path}", host.to_ascii_lowercase());
    if !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// `npm_config_registry`, `NPM_CONFIG_REGISTRY`, `npm_config_@acme:registry` as settings.
/// As npm does, the name after the prefix is lower-cased and its `_`s (but a first one)
/// become `-`.
fn env_settings(env: &HashMap<String, String>) -> Vec<(String, String)> {
    let mut out: Vec<(String, bool, String)> = env
        .iter()
        .filter_map(|(k, v)| {
            let prefix = k
                .get(..11)
                .filter(|p| p.eq_ignore_ascii_case("npm_config_"))?;
            let lower = prefix == "npm_config_";
            let name = &k[prefix.len()..];
            let mut key: String = name
                .char_indices()
                .map(|(i, c)| if i > 0 && c == '_' { '-' } else { c })
                .collect();
            key.make_ascii_lowercase();
            Some((key, lower, v.clone()))
        })
        .collect();
    // Set both ways, the lower-case name wins (it comes later, and later ones overwrite).
    out.sort();
    out.into_iter().map(|(k, _, v)| (k, v)).collect()
}

/// An `.npmrc` text as `(key, value)` pairs in order, `${VAR}` expanded in both.
pub fn parse(text: &str, env: &HashMap<String, String>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with(['#', ';']) || line.starts_with('[') {
            continue;
        }
        let (key, value) = match line.split_once('=') {
            Some((k, v)) => (k.trim(), v.trim()),
            // A key alone is `true` in ini.
            None => (line, "true"),
        };
        let key = key.strip_suffix("[]").unwrap_or(key);
        let value = unquote(value);
        out.push((expand(unquote(key).trim(), env), expand(&value, env)));
    }
    out
}

/// A quoted value without its quotes; an unquoted one without an inline comment (`;` or `#`
/// not escaped by `\`).
fn unquote(value: &str) -> String {
    for q in ['"', '\''] {
        if value.len() >= 2 && value.starts_with(q) && value.ends_with(q) {
            let inner = &value[1..value.len() - 1];
            return if q == '"' {
                serde_json::from_str::<String>(value).unwrap_or_else(|_| inner.to_string())
            } else {
                inner.to_string()
            };
        }
    }
    let mut out = String::with_capacity(value.len());
    let mut escaped = false;
    for c in value.chars() {
        if escaped {
            if !matches!(c, ';' | '#' | '\\') {
                out.push('\\');
            }
            out.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == ';' || c == '#' {
            break;
        } else {
            out.push(c);
        }
    }
    if escaped {
        out.push('\\');
    }
    out.trim().to_string()
}

/// `${VAR}` -> its value (left as written when unset), `${VAR?}` -> its value or nothing,
/// `\${VAR}` -> `${VAR}` literally.
pub fn expand(s: &str, env: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("${") {
        let (before, from) = rest.split_at(at);
        let Some(end) = from.find('}') else {
            break;
        };
        let name = &from[2..end];
        if let Some(before) = before.strip_suffix('\\') {
            out.push_str(before);
            out.push_str(&from[..=end]);
        } else {
            out.push_str(before);
            let (name, optional) = match name.strip_suffix('?') {
                Some(n) => (n, true),
                None => (name, false),
            };
            match env.get(name) {
                Some(v) => out.push_str(v),
                None if optional => {}
                None => out.push_str(&from[..=end]),
            }
        }
        rest = &from[end + 1..];
    }
    out.push_str(rest);
    out
}

/// npm's project folder ("local prefix") for a working directory: the nearest ancestor
/// holding a `package.json` or `node_modules`, or the directory itself. Its `.npmrc` is the
/// project's.
pub fn local_prefix(
    cwd: &std::path::Path,
    exists: impl Fn(&std::path::Path) -> bool,
) -> std::path::PathBuf {
    cwd.ancestors()
        .find(|d| exists(&d.join("package.json")) || exists(&d.join("node_modules")))
        .unwrap_or(cwd)
        .to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn npm_order() {
        let user = "registry=https://user.example/\n";
        let project = "registry=https://project.example\n";
        let e = env(&[("npm_config_registry", "https://env.example/")]);
        let none = HashMap::new();
        let at = |cli, env, project, user| {
            Config::resolve(Sources {
                cli_registry: cli,
                env,
                project,
                user,
            })
            .registry
        };
        assert_eq!(at(None, None, None, None), DEFAULT_REGISTRY);
        assert_eq!(at(None, None, None, Some(user)), "https://user.example/");
        assert_eq!(
            at(None, None, Some(project), Some(user)),
            "https://project.example/"
        );
        assert_eq!(
            at(None, Some(&e), Some(project), Some(user)),
            "https://env.example/"
        );
        assert_eq!(
            at(
                Some("https://cli.example"),
                Some(&e),
                Some(project),
                Some(user)
            ),
            "https://cli.example/"
        );
        assert_eq!(
            at(None, Some(&none), Some(project), None),
            "https://project.example/"
        );
        let upper = env(&[("NPM_CONFIG_REGISTRY", "https://upper.example")]);
        assert_eq!(at(None, Some(&upper), None, None), "https://upper.example/");
    }

    #[test]
    fn scopes_and_tokens() {
        let e = env(&[("ACME_TOKEN", "tok-123")]);
        let rc = "\
# a comment
; another
@acme:registry=https://npm.acme.example/npm/
//npm.acme.example/npm/:_authToken=${ACME_TOKEN}
//registry.npmjs.org/:_authToken = \"public-token\"
//other.example/:_authToken=unused ; trailing comment
";
        let c = Config::resolve(Sources {
            env: Some(&e),
            user: Some(rc),
            ..Sources::default()
        });
        assert_eq!(c.registry_for("@acme/cli"), "https://npm.acme.example/npm/");
        assert_eq!(c.registry_for("@other/x"), DEFAULT_REGISTRY);
        assert_eq!(c.registry_for("react"), DEFAULT_REGISTRY);
        let auth = |url| c.authorization(url).map(|a| a.header_value().to_string());
        assert_eq!(
            auth("https://npm.acme.example/npm/@acme%2fcli").as_deref(),
            Some("Bearer tok-123")
        );
        assert_eq!(
            auth("https://npm.acme.example/npm/@acme/cli/-/cli-1.0.0.tgz").as_deref(),
            Some("Bearer tok-123")
        );
        // Same host, another path; another host; a host that merely starts the same.
        assert_eq!(auth("https://npm.acme.example/other/x"), None);
        assert_eq!(auth("https://cdn.acme.example/npm/x"), None);
        assert_eq!(auth("https://npm.acme.example.evil.test/npm/x"), None);
        assert_eq!(auth("https://npm.acme.example:8443/npm/x"), None);
        assert_eq!(
            auth("https://registry.npmjs.org/react").as_deref(),
            Some("Bearer public-token")
        );
        assert_eq!(
            auth("https://other.example/x").as_deref(),
            Some("Bearer unused")
        );
        assert_eq!(auth("/registry/x"), None);
        // Never shown.
        let debug = format!(
            "{c:?} {:?}",
            c.authorization("https://registry.npmjs.org/").unwrap()
        );
        assert!(
            !debug.contains("tok-123") && !debug.contains("public-token"),
            "{debug}"
        );
        assert!(debug.contains("Bearer <hidden>"));
        let secrets: Vec<&str> = c.secrets().collect();
        assert!(secrets.contains(&"tok-123"));
    }

    #[test]
    fn the_longest_prefix_wins_and_ports_count() {
        let rc = "\
//127.0.0.1:4873/:_authToken=root
//127.0.0.1:4873/private/:_authToken=private
//h.example/a:_authToken=no-slash
";
        let c = Config::resolve(Sources {
            project: Some(rc),
            ..Sources::default()
        });
        let auth = |url| c.authorization(url).map(|a| a.secret().to_string());
        assert_eq!(
            auth("http://127.0.0.1:4873/private/x").as_deref(),
            Some("private")
        );
        assert_eq!(
            auth("http://127.0.0.1:4873/public/x").as_deref(),
            Some("root")
        );
        assert_eq!(auth("http://127.0.0.1:4874/x"), None);
        assert_eq!(auth("http://h.example/a/x").as_deref(), Some("no-slash"));
        assert_eq!(auth("http://h.example/ab/x"), None);
        assert_eq!(
            auth("http://user:pw@127.0.0.1:4873/x").as_deref(),
            Some("root")
        );
    }

    #[test]
    fn basic_auth() {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD;
        let rc = format!(
            "//a.example/:_auth=dXNlcjpwYXNz\n//b.example/:username=ann\n//b.example/:_password={}\n",
            b64.encode("pw")
        );
        let c = Config::resolve(Sources {
            user: Some(&rc),
            ..Sources::default()
        });
        let auth = |url| c.authorization(url).unwrap().header_value().to_string();
        assert_eq!(auth("https://a.example/x"), "Basic dXNlcjpwYXNz");
        assert_eq!(
            auth("https://b.example/x"),
            format!("Basic {}", b64.encode("ann:pw"))
        );
    }

    #[test]
    fn env_expansion_and_quoting() {
        let e = env(&[("A", "1"), ("HOST", "h.example")]);
        assert_eq!(expand("x${A}y", &e), "x1y");
        assert_eq!(expand("${MISSING}", &e), "${MISSING}");
        assert_eq!(expand("[${MISSING?}]", &e), "[]");
        assert_eq!(expand("\\${A}", &e), "${A}");
        assert_eq!(expand("${A", &e), "${A");
        assert_eq!(expand("${A}${A}", &e), "11");
        let pairs = parse(
            "//${HOST}/:_authToken=${A}\nk = 'single # kept'\nq=\"a;b\"\nflag\nv=a\\;b # c\n[section]\n",
            &e,
        );
        assert_eq!(
            pairs,
            [
                ("//h.example/:_authToken".to_string(), "1".to_string()),
                ("k".into(), "single # kept".into()),
                ("q".into(), "a;b".into()),
                ("flag".into(), "true".into()),
                ("v".into(), "a;b".into()),
            ]
        );
    }

    #[test]
    fn env_scope_settings() {
        let e = env(&[("npm_config_@acme:registry", "https://acme.example")]);
        let c = Config::resolve(Sources {
            env: Some(&e),
            ..Sources::default()
        });
        assert_eq!(c.registry_for("@acme/x"), "https://acme.example/");
    }

    #[test]
    fn project_folder() {
        use std::path::Path;
        let exists = |p: &Path| p == Path::new("/w/app/package.json");
        assert_eq!(
            local_prefix(Path::new("/w/app/src/deep"), exists),
            Path::new("/w/app")
        );
        assert_eq!(
            local_prefix(Path::new("/elsewhere"), exists),
            Path::new("/elsewhere")
        );
    }
}
