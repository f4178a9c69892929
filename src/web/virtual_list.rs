//! A virtual list: only the items near the scroll position are in the DOM, so a tree of
//! 50,000 files or a 13 MB file scrolls like a short one. Items have known heights (as
//! prefix offsets), so no measuring is needed.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use leakscope::view::list;

/// Items rendered beyond the visible area, above and below, so fast scrolling shows no gap.
const OVERSCAN_PX: u32 = 300;

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
    let view = use_state(|| (0u32, 1200u32));
    let onscroll = {
        let view = view.clone();
        let node = node.clone();
        Callback::from(move |_: Event| {
            if let Some(el) = node.cast::<web_sys::Element>() {
                view.set((
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
                let (top, height) = (el.scroll_top().max(0), el.client_height().max(0));
                if let Some(to) = list::scroll_to(&offsets, i, top as u32, height as u32) {
                    el.set_scroll_top(to as i32);
                }
            }
        });
    }
    let offsets = &props.offsets;
    let (top, height) = *view;
    let (first, last) = list::window(offsets, top, height, OVERSCAN_PX);
    {
        let on_range = props.on_range.clone();
        use_effect_with((first, last), move |range| on_range.emit(*range));
    }
    // Positions are set through the CSS object model after each render: the page's policy
    // allows no style attribute.
    {
        let node = node.clone();
        let offsets = offsets.clone();
        use_effect(move || place(&node, &offsets, first));
    }
    html! {
        <div class={classes!("vlist", props.class.clone())} ref={node} {onscroll}
             onkeydown={props.onkeydown.clone()} role={props.role.clone()} aria-label={props.label.clone()}>
            <div class="vlist-space">
                <div class="vlist-window">
                    { for (first..last).map(|i| html! {
                        <div class="vlist-item" key={i}>{ props.render.emit(i) }</div>
                    }) }
                </div>
            </div>
        </div>
    }
}

/// Sizes the list's space and moves the window of rendered items to the first one's
/// offset: two style writes a render, whatever the number of items (they lie in normal
/// flow, as tall as their CSS makes them, which the offsets are built from).
fn place(node: &NodeRef, offsets: &[u32], first: usize) {
    let Some(space) = node
        .cast::<web_sys::Element>()
        .and_then(|el| el.first_element_child())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let total = offsets.last().copied().unwrap_or(0);
    let _ = space.style().set_property("height", &format!("{total}px"));
    if let Some(window) = space
        .first_element_child()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let top = offsets.get(first).copied().unwrap_or(0);
        let _ = window
            .style()
            .set_property("transform", &format!("translateY({top}px)"));
    }
}
