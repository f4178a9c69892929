//! A virtual list: only the items near the scroll position are in the DOM, so a tree of
//! 50,000 files or a 13 MB file scrolls like a short one. Items have known heights (as
//! prefix offsets), so no measuring is needed.

use std::rc::Rc;

use yew::prelude::*;

/// Items rendered beyond the visible area, above and below, so fast scrolling shows no gap.
const OVERSCAN_PX: u32 = 600;

#[derive(Properties, PartialEq)]
pub struct VirtualListProps {
    /// `offsets[i]` is where item `i` starts; the last entry is the total height.
    pub offsets: Rc<Vec<u32>>,
    pub render: Callback<usize, Html>,
    #[prop_or_default]
    pub class: Classes,
    /// Bring this item into view when it changes.
    #[prop_or_default]
    pub scroll_to: Option<usize>,
    #[prop_or_default]
    pub onkeydown: Callback<KeyboardEvent>,
    #[prop_or_default]
    pub node_ref: NodeRef,
    #[prop_or_default]
    pub role: Option<AttrValue>,
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// Told the items in or near view, `first..last`, whenever they change.
    #[prop_or_default]
    pub on_range: Callback<(usize, usize)>,
}

#[function_component(VirtualList)]
pub fn virtual_list(props: &VirtualListProps) -> Html {
    let node = props.node_ref.clone();
    // (scroll top, viewport height); the first paint assumes a tall viewport.
    let window = use_state(|| (0u32, 1200u32));
    let onscroll = {
        let window = window.clone();
        let node = node.clone();
        Callback::from(move |_: Event| {
            if let Some(el) = node.cast::<web_sys::Element>() {
                window.set((
                    el.scroll_top().max(0) as u32,
                    el.client_height().max(0) as u32,
                ));
            }
        })
    };
    {
        let node = node.clone();
        let offsets = props.offsets.clone();
        use_effect_with(props.scroll_to, move |target| {
            if let (Some(i), Some(el)) = (*target, node.cast::<web_sys::Element>()) {
                let (top, bottom) = (offsets[i], offsets[i + 1]);
                let view_top = el.scroll_top().max(0) as u32;
                let view_bottom = view_top + el.client_height().max(0) as u32;
                if top < view_top {
                    el.set_scroll_top(top as i32);
                } else if bottom > view_bottom {
                    el.set_scroll_top((bottom - el.client_height().max(0) as u32) as i32);
                }
            }
        });
    }
    let offsets = &props.offsets;
    let count = offsets.len().saturating_sub(1);
    let total = offsets.last().copied().unwrap_or(0);
    let (top, height) = *window;
    let from = top.saturating_sub(OVERSCAN_PX);
    let to = top + height + OVERSCAN_PX;
    // Offsets are sorted: find the window by binary search.
    let first = offsets
        .partition_point(|&o| o <= from)
        .saturating_sub(1)
        .min(count);
    let last = offsets.partition_point(|&o| o < to).min(count);
    {
        let on_range = props.on_range.clone();
        use_effect_with((first, last), move |range| on_range.emit(*range));
    }
    html! {
        <div class={classes!("vlist", props.class.clone())} ref={node} {onscroll}
             onkeydown={props.onkeydown.clone()} role={props.role.clone()} aria-label={props.label.clone()}>
            <div class="vlist-space" style={format!("height:{total}px")}>
                { for (first..last).map(|i| html! {
                    <div class="vlist-item" key={i}
                         style={format!("top:{}px;height:{}px", offsets[i], offsets[i + 1] - offsets[i])}>
                        { props.render.emit(i) }
                    </div>
                }) }
            </div>
        </div>
    }
}

/// Offsets for `count` items of one height.
pub fn uniform(count: usize, height: u32) -> Rc<Vec<u32>> {
    Rc::new((0..=count as u32).map(|i| i * height).collect())
}
