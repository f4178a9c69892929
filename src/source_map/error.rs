//! Why a map could not be read at all.

/// Why a map could not be read at all (as opposed to read with problems).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MapError {
    #[error("not valid JSON: {0}")]
    Json(String),
    #[error("the JSON is not an object")]
    NotAnObject,
}
