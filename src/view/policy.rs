//! Which addresses the page's Content-Security-Policy lets it connect to. A static page's
//! policy is fixed when it is deployed (`scripts/csp.mjs` writes the registries into it),
//! so before fetching from a registry the page reads its own policy back: a registry the
//! policy does not list gets a message saying so and how to allow it, instead of a
//! browser's bare "Failed to fetch". The matching follows CSP Level 3's source lists, for
//! the expressions a `connect-src` holds in practice: `'self'`, `'none'`, `*`, schemes
//! (`https:`), and hosts with optional scheme, `*.` wildcard, port and path.

/// The page's `connect-src` (or `default-src`), as it was deployed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConnectPolicy {
    /// `None`: the policy does not restrict connections.
    sources: Option<Vec<String>>,
}

/// A URL's parts, as far as a source list looks at them.
struct Parts<'a> {
    scheme: &'a str,
    host: &'a str,
    port: Option<&'a str>,
    path: &'a str,
}

fn parts(url: &str) -> Option<Parts<'_>> {
    let (scheme, rest) = url.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || authority.starts_with('[') => (h, Some(p)),
        _ => (authority, None),
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    Some(Parts {
        scheme,
        host,
        port,
        path: if path.is_empty() { "/" } else { path },
    })
}

fn default_port(scheme: &str) -> Option<&'static str> {
    match scheme {
        "http" | "ws" => Some("80"),
        "https" | "wss" => Some("443"),
        _ => None,
    }
}

impl ConnectPolicy {
    /// Reads a policy's text (`default-src 'self'; connect-src 'self' https://r.example`):
    /// `connect-src`, else `default-src`, else no restriction.
    pub fn parse(policy: &str) -> ConnectPolicy {
        let directive = |name: &str| {
            policy.split(';').find_map(|d| {
                let mut words = d.split_ascii_whitespace();
                words
                    .next()
                    .filter(|n| n.eq_ignore_ascii_case(name))
                    .map(|_| words.map(str::to_string).collect::<Vec<_>>())
            })
        };
        ConnectPolicy {
            sources: directive("connect-src").or_else(|| directive("default-src")),
        }
    }

    /// The sources other than `'self'`, as a person reads them: the registries listed
    /// when the page was deployed.
    pub fn listed(&self) -> Vec<&str> {
        self.sources
            .iter()
            .flatten()
            .map(String::as_str)
            .filter(|s| !s.starts_with('\''))
            .collect()
    }

    /// Whether the page at `origin` (`https://leakscope.example`) may fetch `url` (absolute).
    pub fn allows(&self, origin: &str, url: &str) -> bool {
        let Some(sources) = &self.sources else {
            return true;
        };
        let (Some(url), Some(page)) = (parts(url), parts(origin)) else {
            return false;
        };
        sources.iter().any(|s| matches(s, &url, &page))
    }
}

fn matches(source: &str, url: &Parts, page: &Parts) -> bool {
    let port_of = |p: &Parts| p.port.or(default_port(p.scheme)).map(str::to_string);
    match source.to_ascii_lowercase().as_str() {
        "'none'" => false,
        "'self'" => {
            url.scheme == page.scheme
                && url.host.eq_ignore_ascii_case(page.host)
                && port_of(url) == port_of(page)
        }
        "*" => matches!(url.scheme, "http" | "https" | "ws" | "wss"),
        s if s.starts_with('\'') => false,
        s if s.ends_with(':') && !s.contains('/') => {
            let scheme = &s[..s.len() - 1];
            url.scheme == scheme || (scheme == "http" && url.scheme == "https")
        }
        s => host_source(s, url, page),
    }
}

/// `[scheme://]host[:port][/path]`.
fn host_source(source: &str, url: &Parts, page: &Parts) -> bool {
    let (scheme, rest) = match source.split_once("://") {
        Some((s, r)) => (Some(s), r),
        None => (None, source),
    };
    let scheme_ok = match scheme {
        // An insecure scheme also allows its secure twin, as browsers do.
        Some(s) => url.scheme == s || (s == "http" && url.scheme == "https"),
        None => url.scheme == page.scheme || (page.scheme == "http" && url.scheme == "https"),
    };
    if !scheme_ok {
        return false;
    }
    let end = rest.find('/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    let host_ok = match host.strip_prefix("*.") {
        Some(suffix) => url
            .host
            .to_ascii_lowercase()
            .ends_with(&format!(".{suffix}")),
        None => url.host.eq_ignore_ascii_case(host),
    };
    let url_port = url.port.or(default_port(url.scheme));
    let port_ok = match port {
        Some("*") => true,
        Some(p) => url_port == Some(p),
        // No port: the scheme's default (or the secure twin's).
        None => {
            let wanted = scheme.or(Some(url.scheme)).and_then(default_port);
            url_port == wanted || (url.scheme == "https" && url_port == Some("443"))
        }
    };
    let path_ok = match path {
        "" | "/" => true,
        p if p.ends_with('/') => url.path.starts_with(p),
        p => url.path == p,
    };
    host_ok && port_ok && path_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://leakscope.example";

    fn policy(connect: &str) -> ConnectPolicy {
        ConnectPolicy::parse(&format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src {connect}; object-src 'none'"
        ))
    }

    #[test]
    fn the_deployed_policy() {
        let p = policy("'self' https://registry.npmjs.org");
        assert!(p.allows(PAGE, "https://registry.npmjs.org/react"));
        assert!(p.allows(PAGE, "https://registry.npmjs.org:443/@a%2fb"));
        assert!(p.allows(PAGE, "https://leakscope.example/registry/react"));
        assert!(!p.allows(PAGE, "https://npm.acme.example/react"));
        assert!(!p.allows(PAGE, "http://registry.npmjs.org/react"));
        assert!(!p.allows(PAGE, "https://registry.npmjs.org.evil.example/x"));
        assert!(!p.allows(PAGE, "https://leakscope.example:8443/registry/x"));
        assert_eq!(p.listed(), ["https://registry.npmjs.org"]);
    }

    #[test]
    fn self_is_scheme_host_and_port() {
        let p = policy("'self'");
        let page = "http://127.0.0.1:8090";
        assert!(p.allows(page, "http://127.0.0.1:8090/registry/x"));
        assert!(!p.allows(page, "http://127.0.0.1:8091/registry/x"));
        assert!(!p.allows(page, "http://localhost:8090/registry/x"));
        assert!(p.listed().is_empty());
    }

    #[test]
    fn hosts_ports_paths_and_wildcards() {
        let p = policy(
            "https://*.acme.example http://127.0.0.1:4873 https://h.example/npm/ https://x.example:*",
        );
        assert!(p.allows(PAGE, "https://npm.acme.example/a"));
        assert!(!p.allows(PAGE, "https://acme.example/a"));
        assert!(p.allows(PAGE, "http://127.0.0.1:4873/a"));
        assert!(!p.allows(PAGE, "http://127.0.0.1:4874/a"));
        assert!(p.allows(PAGE, "https://h.example/npm/a"));
        assert!(!p.allows(PAGE, "https://h.example/other/a"));
        assert!(p.allows(PAGE, "https://x.example:9999/a"));
        assert!(policy("https:").allows(PAGE, "https://any.example/"));
        assert!(!policy("https:").allows(PAGE, "http://any.example/"));
        assert!(policy("*").allows(PAGE, "https://any.example/"));
        assert!(!policy("'none'").allows(PAGE, "https://leakscope.example/"));
    }

    #[test]
    fn without_connect_src_the_default_applies() {
        assert!(!ConnectPolicy::parse("default-src 'self'").allows(PAGE, "https://r.example/"));
        assert!(ConnectPolicy::parse("script-src 'self'").allows(PAGE, "https://r.example/"));
        assert!(ConnectPolicy::default().allows(PAGE, "https://r.example/"));
    }
}
