//! A package's versions: a chart of unpacked size over versions with outliers marked (a
//! release several times larger than those before it is what a leaked source map looks
//! like from outside), and the list, newest first, each a click away.

use std::rc::Rc;

use yew::prelude::*;

use leakscope::registry::{Chart, VersionRow};
use leakscope::text::{count, plural, size};
use leakscope::view::list::uniform;
use leakscope::view::open::Package;

use crate::virtual_list::VirtualList;

/// The chart's drawing box (SVG units; it scales to the width it is given).
const CHART_W: f64 = 720.0;
const CHART_H: f64 = 110.0;
/// The newest versions the chart shows.
const CHART_BARS: usize = 90;
/// A list longer than this scrolls (as a virtual list).
const LIST_ROWS: usize = 10;
const ROW_PX: u32 = 34;

#[derive(Properties, PartialEq)]
pub struct VersionsProps {
    pub package: Rc<Package>,
    /// The version shown, if it is one of these.
    pub current: Option<AttrValue>,
    /// A version was clicked: `name@version`.
    pub on_open: Callback<String>,
    /// "Compare" on a version (`name@version`), when something is shown to compare with.
    pub on_compare: Option<Callback<String>>,
}

#[function_component(Versions)]
pub fn versions(props: &VersionsProps) -> Html {
    let p = &props.package;
    let rows = &p.versions.rows;
    let spec = |on: &Callback<String>| {
        let name = p.name.clone();
        on.reform(move |version: String| format!("{name}@{version}"))
    };
    let open = spec(&props.on_open);
    let compare = props.on_compare.as_ref().map(spec);
    let chart = p.versions.chart(CHART_W, CHART_H, CHART_BARS);
    let outliers = p.versions.outliers().count();
    html! {
        <section class="pane versions" aria-label="Versions" data-testid="versions">
            <h2>{format!("{} · {}", p.name, plural(rows.len(), "version", "versions"))}
                if outliers > 0 {
                    <span class="outlier-note">{format!(" · {} much larger than the ones before", plural(outliers, "release", "releases"))}</span>
                }
            </h2>
            if chart.max_bytes > 0 {
                { chart_view(&chart, props.current.as_deref(), &open) }
            }
            { list(rows, props.current.clone(), &open, compare) }
        </section>
    }
}

/// The bars; a bar's whole column is its click target, however thin the bar.
fn chart_view(chart: &Chart, current: Option<&str>, open: &Callback<String>) -> Html {
    let slot = if chart.bars.is_empty() {
        0.0
    } else {
        chart.width / chart.bars.len() as f64
    };
    let bars = chart.bars.iter().enumerate().map(|(i, bar)| {
        let version = bar.version.clone();
        let onclick = open.reform(move |_: MouseEvent| version.clone());
        let title = format!(
            "{}: {}{}{}",
            bar.version,
            bar.bytes.map_or("size not given".to_string(), size),
            if bar.tags.is_empty() {
                String::new()
            } else {
                format!(" ({})", bar.tags.join(", "))
            },
            if bar.outlier {
                " · several times larger than the versions before it"
            } else {
                ""
            }
        );
        let class = classes!(
            "bar",
            bar.outlier.then_some("outlier"),
            (current == Some(bar.version.as_str())).then_some("current")
        );
        html! {
            <g {class} {onclick} data-testid="chart-bar" data-version={bar.version.clone()}>
                <title>{title}</title>
                <rect class="hit" x={format!("{:.2}", i as f64 * slot)} y="0"
                      width={format!("{slot:.2}")} height={format!("{}", chart.height)} />
                <rect class="fill" x={format!("{:.2}", bar.x)} y={format!("{:.2}", bar.y)}
                      width={format!("{:.2}", bar.width)} height={format!("{:.2}", bar.height)} />
            </g>
        }
    });
    html! {
        <figure class="chart">
            <svg viewBox={format!("0 0 {} {}", chart.width, chart.height)} preserveAspectRatio="none"
                 role="img" aria-label={format!("Unpacked size of the newest {}", plural(chart.bars.len(), "version", "versions"))}>
                { for bars }
            </svg>
            <figcaption class="muted">
                {format!("Unpacked size per version, oldest on the left (largest {}). ", size(chart.max_bytes))}
                <span class="swatch outlier" aria-hidden="true"></span>{" several times larger than the versions before it. Click a bar to open that version."}
                if chart.omitted > 0 {
                    {format!(" {} older not shown.", count(chart.omitted as u64))}
                }
            </figcaption>
        </figure>
    }
}

fn list(
    rows: &[VersionRow],
    current: Option<AttrValue>,
    open: &Callback<String>,
    compare: Option<Callback<String>>,
) -> Html {
    let rows = Rc::new(rows.to_vec());
    let render = {
        let rows = rows.clone();
        let open = open.clone();
        Callback::from(move |i: usize| row(&rows[i], current.as_deref(), &open, compare.as_ref()))
    };
    if rows.len() <= LIST_ROWS {
        return html! {
            <div class="version-list short" role="list">
                { for (0..rows.len()).map(|i| html! { <div class="vrow-wrap">{ render.emit(i) }</div> }) }
            </div>
        };
    }
    html! {
        <VirtualList class="version-list" offsets={Rc::new(uniform(rows.len(), ROW_PX))} {render}
                     role="list" label="Versions, newest first" />
    }
}

fn row(
    r: &VersionRow,
    current: Option<&str>,
    open: &Callback<String>,
    compare: Option<&Callback<String>>,
) -> Html {
    let is_current = current == Some(r.version.as_str());
    let on = |callback: &Callback<String>| {
        let version = r.version.clone();
        callback.reform(move |_: MouseEvent| version.clone())
    };
    let onclick = on(open);
    let on_compare = compare.filter(|_| !is_current).map(on);
    html! {
        <div class={classes!("vrow", is_current.then_some("current"), r.outlier.is_some().then_some("outlier"))}
             role="listitem" data-testid="version-row" data-version={r.version.clone()}
             aria-current={is_current.then_some("true")}>
            <button class="link version" {onclick} disabled={is_current}>{r.version.clone()}</button>
            <span class="vtags">
                { for r.tags.iter().map(|t| html! { <span class="tag">{t.clone()}</span> }) }
                if r.deprecated { <span class="tag deprecated">{"deprecated"}</span> }
            </span>
            <span class="muted date">{r.date.clone().unwrap_or_default()}</span>
            <span class="vsize">{r.unpacked_size.map(size).unwrap_or_default()}</span>
            <span class="muted vfiles">{r.file_count.map(|n| plural(n as usize, "file", "files")).unwrap_or_default()}</span>
            <span class="voutlier">
                if let Some(o) = &r.outlier {
                    <span class="sev high" title={format!("{:.1} times the median ({}) of the versions before it", o.ratio, size(o.median))}>
                        {format!("{:.1}× larger", o.ratio)}
                    </span>
                }
            </span>
            if let Some(onclick) = on_compare {
                <button class="button secondary small compare-version" data-testid="compare-version" {onclick}>{"Compare"}</button>
            }
        </div>
    }
}
