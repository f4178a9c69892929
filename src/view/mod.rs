//! Analysis -> what a screen shows: the file trees and their state on screen, one file as
//! the viewer lays it out, and the link (URL hash) that names a place in the page. Pure
//! data, so the page only renders it and forwards events, and the logic is tested natively.

pub mod app;
pub mod file;
pub mod link;
pub mod list;
pub mod map;
pub mod open;
pub mod policy;
pub mod split;
pub mod tree;
