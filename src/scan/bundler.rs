//! Which bundler built a source map, as far as the paths in its `sources` tell, and the
//! option that builds it without its sources.

use serde::{Deserialize, Serialize};

/// What the bundler that built a map can be told, known by the paths its `sources` hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bundler {
    Webpack,
    Turbopack,
    Vite,
    Rollup,
    Tsc,
    #[default]
    Unknown,
}

impl Bundler {
    /// Judged from a map's source paths and `sourceRoot`.
    pub fn of<'a>(
        sources: impl IntoIterator<Item = &'a str>,
        source_root: Option<&str>,
    ) -> Bundler {
        let sources: Vec<&str> = sources.into_iter().collect();
        let any = |p: &dyn Fn(&str) -> bool| sources.iter().any(|s| p(s));
        if any(&|s| s.starts_with("webpack://")) {
            Bundler::Webpack
        } else if any(&|s| s.starts_with("turbopack://")) {
            Bundler::Turbopack
        } else if any(&|s| {
            s.contains("vite/preload-helper") || s.contains("vite/modulepreload-polyfill")
        }) {
            Bundler::Vite
        } else if any(&|s| s.starts_with('\0') || s.contains("commonjsHelpers")) {
            Bundler::Rollup
        } else if source_root == Some("")
            && sources.len() == 1
            && [".ts", ".tsx", ".mts", ".cts"]
                .iter()
                .any(|e| sources[0].ends_with(e))
        {
            // tsc writes `"sourceRoot": ""` and one source per map.
            Bundler::Tsc
        } else {
            Bundler::Unknown
        }
    }

    /// The option that builds maps without their sources (or without maps).
    pub fn build_fix(self) -> &'static str {
        match self {
            Bundler::Webpack => {
                "webpack built this map: set `devtool: false` for no maps, or `devtool: 'nosources-source-map'` to keep maps without the sources."
            }
            Bundler::Turbopack => {
                "Next.js (Turbopack) built this map: set `productionBrowserSourceMaps: false` in next.config.js."
            }
            Bundler::Vite => {
                "Vite built this map: set `build: { sourcemap: false }` in vite.config (or `'hidden'` to keep maps out of the files' comments)."
            }
            Bundler::Rollup => {
                "Rollup built this map: set `output: { sourcemap: false }`, or `sourcemapExcludeSources: true` to keep maps without the sources."
            }
            Bundler::Tsc => {
                "tsc built this map: set `\"inlineSources\": false` (or `\"sourceMap\": false`) in tsconfig.json."
            }
            Bundler::Unknown => {
                "Build without the sources in the map: esbuild `sourcesContent: false`, tsc `\"inlineSources\": false`, webpack `devtool: 'nosources-source-map'`, Vite `build.sourcemap: false`, Rollup `output.sourcemapExcludeSources: true`, Bun `--sourcemap=none`."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundlers_are_known_by_their_source_paths() {
        assert_eq!(
            Bundler::of(["webpack://app/./src/a.ts"], None),
            Bundler::Webpack
        );
        assert_eq!(Bundler::of(["../src/a.ts"], Some("")), Bundler::Tsc);
        assert_eq!(
            Bundler::of(["\0vite/preload-helper.js", "../src/a.ts"], None),
            Bundler::Vite
        );
        assert_eq!(
            Bundler::of(["../src/a.ts", "../src/b.ts"], None),
            Bundler::Unknown
        );
    }
}
