//! Where a line came from: the positions in a package's source map, decoded with the
//! `sourcemap` crate the first time a person asks (the page's worker keeps them per map).
//! A line of a generated file maps to the recovered source, line and column its first
//! mapped segment names; a line of a recovered source to the generated lines made from it.

use serde::{Deserialize, Serialize};

use crate::Session;
use crate::recover::normalise_source_path;
use crate::scan::references::{RefKind, Target, comment_style, find_url, resolve};

/// Where in a recovered source a generated line came from (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The recovered source, as the recovered tree names it.
    pub path: String,
    pub line: u32,
    pub column: u32,
    /// The original name the map gives there, if any.
    pub name: Option<String>,
}

/// A place in a generated file (1-based line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generated {
    pub path: String,
    pub line: u32,
}

/// At most this many generated places are listed for one line of a source.
pub const MOST_GENERATED: usize = 20;

/// One map's positions, decoded.
pub struct Positions {
    map: sourcemap::SourceMap,
    /// The generated file the map describes.
    generated: String,
    /// Each of the map's sources as the recovered tree names it (`None`: not recovered).
    sources: Vec<Option<String>>,
}

impl Positions {
    /// The positions of the map at `map_path` in `session` (a `.map` file of the package, or
    /// a file with its map inline); `None` when there is no such map, it names no generated
    /// file, or it does not decode.
    pub fn of(session: &Session, map_path: &str) -> Option<Positions> {
        let generated = generated_by(session, map_path)?;
        let bytes = if generated == map_path {
            inline_map(session, map_path)?.into()
        } else {
            session.bytes(crate::tree::Tab::Files, map_path)?
        };
        let map = match sourcemap::decode_slice(&bytes).ok()? {
            sourcemap::DecodedMap::Regular(map) => map,
            sourcemap::DecodedMap::Index(index) => index.flatten().ok()?,
            // Metro's maps for Hermes: a regular map with function scopes beside it.
            sourcemap::DecodedMap::Hermes(hermes) => (*hermes).clone(),
        };
        let sources = (0..map.get_source_count())
            .map(|i| recovered_name(session, map_path, &map, i))
            .collect();
        Some(Positions {
            map,
            generated,
            sources,
        })
    }

    /// The generated file these positions are for.
    pub fn generated(&self) -> &str {
        &self.generated
    }

    /// Where generated `line` (1-based) came from: the first segment on it that names a
    /// recovered source.
    pub fn origin(&self, line: u32) -> Option<Origin> {
        let line = line.checked_sub(1)?; // 0-based from here, as the map counts
        // The tokens are in generated order: the first on the line, by bisection (a line
        // table would be as long as the largest line number a hostile map claims).
        let (mut lo, mut hi) = (0usize, self.map.get_token_count() as usize);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.map.get_token(mid) {
                Some(t) if t.get_dst_line() < line => lo = mid + 1,
                _ => hi = mid,
            }
        }
        (lo..self.map.get_token_count() as usize)
            .map_while(|i| self.map.get_token(i).filter(|t| t.get_dst_line() == line))
            .find_map(|t| {
                let path = self.sources.get(t.get_src_id() as usize)?.clone()?;
                Some(Origin {
                    path,
                    line: t.get_src_line().saturating_add(1),
                    column: t.get_src_col().saturating_add(1),
                    name: t.get_name().map(str::to_string),
                })
            })
    }

    /// The generated lines (1-based, in order, at most [`MOST_GENERATED`]) made from
    /// `line` of the recovered source `path`.
    pub fn made_from(&self, path: &str, line: u32) -> Vec<Generated> {
        let Some(line) = line.checked_sub(1) else {
            return Vec::new();
        };
        let ids: Vec<u32> = (0..self.sources.len() as u32)
            .filter(|&i| self.sources[i as usize].as_deref() == Some(path))
            .collect();
        let mut lines: Vec<u32> = self
            .map
            .tokens()
            .filter(|t| ids.contains(&t.get_src_id()) && t.get_src_line() == line)
            .map(|t| t.get_dst_line().saturating_add(1))
            .collect();
        lines.sort_unstable();
        lines.dedup();
        lines
            .into_iter()
            .take(MOST_GENERATED)
            .map(|line| Generated {
                path: self.generated.clone(),
                line,
            })
            .collect()
    }
}

/// The map that gives positions for the generated file `path`: the one its
/// `sourceMappingURL` names in the package (the file itself, for an inline map), or else
/// `path.map` beside it.
pub fn map_for(session: &Session, path: &str) -> Option<String> {
    let refs = &session.analysis.refs;
    refs.iter()
        .find(|r| r.file == path && r.kind != RefKind::Remote && r.exists)
        .map(|r| r.target.clone())
        .or_else(|| {
            let beside = format!("{path}.map");
            session.archive.find(&beside).map(|_| beside)
        })
}

/// The maps that embed the recovered source `path` (its `.map` files in the package).
pub fn maps_of(session: &Session, path: &str) -> Vec<String> {
    session
        .recovered(path)
        .map(|r| {
            r.maps
                .iter()
                .filter(|m| session.archive.find(m).is_some())
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// The generated file a map describes: the file that names it (itself, for an inline
/// map), or its own path without `.map` when that file is in the package (an orphaned map
/// beside its bundle).
fn generated_by(session: &Session, map_path: &str) -> Option<String> {
    let refs = &session.analysis.refs;
    refs.iter()
        .find(|r| r.target == map_path && r.kind != RefKind::Remote)
        .map(|r| r.file.clone())
        .or_else(|| {
            let file = map_path.strip_suffix(".map")?;
            session.archive.find(file).map(|_| file.to_string())
        })
}

/// The JSON of the map inline in `file` (its `sourceMappingURL` is a `data:` URL).
fn inline_map(session: &Session, file: &str) -> Option<Vec<u8>> {
    let text = session.bytes(crate::tree::Tab::Files, file)?;
    let (url, _) = find_url(&text, comment_style(file)?)?;
    match resolve(file, &url) {
        Target::Inline(Ok(json)) => Some(json),
        _ => None,
    }
}

/// The name source `i` of `map` was recovered under: the recovered file embedded from
/// `map_path` with that normalised path, or, where the path alone does not tell (variants,
/// renamed long paths), the one with the same text.
fn recovered_name(
    session: &Session,
    map_path: &str,
    map: &sourcemap::SourceMap,
    i: u32,
) -> Option<String> {
    let files = session.analysis.recovered.files();
    let from_map = || {
        files
            .iter()
            .filter(|f| f.maps.iter().any(|m| m == map_path))
    };
    let name = normalise_source_path(None, map.get_source(i)?);
    let mut named = from_map().filter(|f| f.path == name);
    match (named.next(), named.next()) {
        (Some(only), None) => Some(only.export_path().to_string()),
        _ => {
            let text = map.get_source_contents(i)?;
            from_map()
                .find(|f| f.text(session.archive.data()) == text)
                .map(|f| f.export_path().to_string())
        }
    }
}

/// What the viewer says about a line: where it came from, what was made from it, or why
/// there is nothing to say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineOrigin {
    /// A line of a generated file, and the recovered source it came from.
    From(Origin),
    /// A line of a recovered source, and the generated lines made from it (none: nothing
    /// maps to it).
    Made(Vec<Generated>),
    /// A generated file's line that no map describes, and why.
    Unknown(String),
}

/// Decoded maps, kept per analysis: the few used last, since a 60 MB map decodes to a
/// large table and a person reads a file or two at a time.
#[derive(Default)]
pub struct Decoded {
    kept: Vec<(u32, String, std::rc::Rc<Positions>)>,
}

/// Maps kept decoded.
const KEPT: usize = 3;

impl Decoded {
    /// What to say about `line` of `path` in `tab` of analysis `id`.
    pub fn line(
        &mut self,
        id: u32,
        session: &Session,
        tab: crate::tree::Tab,
        path: &str,
        line: u32,
    ) -> LineOrigin {
        use crate::tree::Tab;
        match tab {
            Tab::Files => {
                let Some(map) = map_for(session, path) else {
                    return LineOrigin::Unknown(
                        "No source map in the package describes this file.".into(),
                    );
                };
                match self.positions(id, session, &map) {
                    Some(p) => p.origin(line).map_or_else(
                        || LineOrigin::Unknown(format!("{map} maps nothing on this line.")),
                        LineOrigin::From,
                    ),
                    None => LineOrigin::Unknown(format!("{map} could not be decoded.")),
                }
            }
            Tab::Recovered => LineOrigin::Made(
                maps_of(session, path)
                    .iter()
                    .filter_map(|m| self.positions(id, session, m))
                    .flat_map(|p| p.made_from(path, line))
                    .take(MOST_GENERATED)
                    .collect(),
            ),
        }
    }

    /// Lets go of the maps of analyses other than `ids` (those the worker still keeps).
    pub fn retain(&mut self, ids: &[u32]) {
        self.kept.retain(|(id, ..)| ids.contains(id));
    }

    /// The positions of `map` in analysis `id`, decoded once and kept while used.
    fn positions(
        &mut self,
        id: u32,
        session: &Session,
        map: &str,
    ) -> Option<std::rc::Rc<Positions>> {
        if let Some(k) = self.kept.iter().position(|(i, m, _)| *i == id && m == map) {
            // Used last: kept longest.
            let kept = self.kept.remove(k);
            let positions = kept.2.clone();
            self.kept.push(kept);
            return Some(positions);
        }
        let positions = std::rc::Rc::new(Positions::of(session, map)?);
        if self.kept.len() == KEPT {
            self.kept.remove(0);
        }
        self.kept.push((id, map.to_string(), positions.clone()));
        Some(positions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::Tab;

    /// The built-in example's bundle maps each line to the source line it was compiled
    /// from; a recovered source's line leads back to it.
    #[test]
    fn lines_of_the_example_come_from_their_sources_and_back() {
        let session = crate::analyse(&crate::example::tar());
        let mut decoded = Decoded::default();
        let bundle = session
            .bytes(Tab::Files, "dist/cli.js")
            .map(|b| String::from_utf8(b.into_owned()).unwrap())
            .unwrap();
        let token_line = bundle
            .lines()
            .position(|l| l.contains("notifyToken:"))
            .unwrap() as u32
            + 1;
        let origin = decoded.line(1, &session, Tab::Files, "dist/cli.js", token_line);
        assert_eq!(
            origin,
            LineOrigin::From(Origin {
                path: "src/config.ts".into(),
                line: 11,
                column: 1,
                name: None
            })
        );
        assert_eq!(
            decoded.line(1, &session, Tab::Recovered, "src/config.ts", 11),
            LineOrigin::Made(vec![Generated {
                path: "dist/cli.js".into(),
                line: token_line
            }])
        );
        // The constructor's three lines all come from one line of client.ts.
        let LineOrigin::Made(made) =
            decoded.line(1, &session, Tab::Recovered, "src/api/client.ts", 9)
        else {
            panic!("a recovered source's lines lead to generated ones");
        };
        assert_eq!(made.len(), 3, "{made:?}");
        // The shebang maps to nothing; a file without a map says so.
        assert!(matches!(
            decoded.line(1, &session, Tab::Files, "dist/cli.js", 1),
            LineOrigin::Unknown(_)
        ));
        assert!(matches!(
            decoded.line(1, &session, Tab::Files, "README.md", 1),
            LineOrigin::Unknown(_)
        ));
        assert_eq!(decoded.kept.len(), 1, "the map is decoded once");
    }

    /// A map that claims a line near 2^32 (an index map's offset) is answered, not a panic
    /// or a table that large; lines 0 and u32::MAX are simply nothing.
    #[test]
    fn hostile_line_numbers_are_nothing() {
        let index = serde_json::json!({
            "version": 3,
            "sections": [{ "offset": { "line": 4_000_000_000u32, "column": 0 }, "map": {
                "version": 3, "sources": ["../src/b.ts"], "names": [],
                "sourcesContent": ["export const b = 2;\n"], "mappings": "AAAA",
            }}],
        });
        let files: [(&str, &[u8]); 2] = [
            ("dist/b.js", b"var b = 2;\n//# sourceMappingURL=b.js.map\n"),
            ("dist/b.js.map", index.to_string().leak().as_bytes()),
        ];
        let session = crate::session::of_files(&files, None);
        let mut decoded = Decoded::default();
        for line in [0, 1, 4_000_000_001, u32::MAX] {
            let said = decoded.line(1, &session, Tab::Files, "dist/b.js", line);
            assert!(
                matches!(said, LineOrigin::Unknown(_) | LineOrigin::From(_)),
                "{said:?}"
            );
        }
        for line in [0, 1, u32::MAX] {
            let _ = decoded.line(1, &session, Tab::Recovered, "src/b.ts", line);
        }
    }

    /// An inline map and an index map give positions as a map file does.
    #[test]
    fn inline_and_index_maps_give_positions_too() {
        use base64::Engine as _;
        let map = serde_json::json!({
            "version": 3, "sources": ["../src/a.ts"], "names": ["run"],
            "sourcesContent": ["export const a = 1;\nexport function run() {}\n"],
            "mappings": "AAAA;AACAA",
        });
        let inline = format!(
            "var a = 1;\nfunction run() {{}}\n//# sourceMappingURL=data:application/json;base64,{}\n",
            base64::engine::general_purpose::STANDARD.encode(map.to_string())
        );
        let index = serde_json::json!({
            "version": 3,
            "sections": [{ "offset": { "line": 1, "column": 0 }, "map": {
                "version": 3, "sources": ["../src/b.ts"], "names": [],
                "sourcesContent": ["export const b = 2;\n"], "mappings": "AAAA",
            }}],
        });
        let files: [(&str, &[u8]); 5] = [
            (
                "package.json",
                br#"{"name":"m","version":"1.0.0","license":"UNLICENSED"}"#,
            ),
            ("dist/a.js", inline.as_bytes()),
            (
                "dist/b.js",
                b"// banner\nvar b = 2;\n//# sourceMappingURL=b.js.map\n",
            ),
            ("dist/b.js.map", index.to_string().leak().as_bytes()),
            ("README.md", b"# m\n"),
        ];
        let session = crate::session::of_files(&files, None);
        let mut decoded = Decoded::default();
        assert_eq!(
            decoded.line(1, &session, Tab::Files, "dist/a.js", 2),
            LineOrigin::From(Origin {
                path: "src/a.ts".into(),
                line: 2,
                column: 1,
                name: Some("run".into())
            })
        );
        assert_eq!(
            decoded.line(1, &session, Tab::Recovered, "src/a.ts", 1),
            LineOrigin::Made(vec![Generated {
                path: "dist/a.js".into(),
                line: 1
            }])
        );
        assert_eq!(
            decoded.line(1, &session, Tab::Files, "dist/b.js", 2),
            LineOrigin::From(Origin {
                path: "src/b.ts".into(),
                line: 1,
                column: 1,
                name: None
            })
        );
    }
}
