//! The page's model, above the core and the worker's messages: what is opened, shown and
//! compared (`app`, events in and commands out), opening by name under the page's policy,
//! the state of a tree on screen, the link (URL hash) that names a place in the page, and
//! the virtual lists and split the screen is made of. Pure data, so the page only renders
//! it and forwards events, and the logic is tested natively.

pub mod app;
pub mod link;
pub mod list;
pub mod open;
pub mod policy;
pub mod split;
pub mod tree;
