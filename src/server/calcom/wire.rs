//! Cal.com v2 wire shapes, written by hand from the documented examples.
//!
//! The OpenAPI schema of `GET /v2/slots` contradicts its own examples (see
//! shared/calcom/CALCOM_API_NOTES.md §0.3); these types follow the examples and also
//! accept bare strings, which the schema's "default" variant describes.

use std::collections::BTreeMap;

use serde::Deserialize;

/// `{status, data: {"YYYY-MM-DD": [{start}]}}`
#[derive(Debug, Deserialize)]
pub(super) struct SlotsResponse {
    pub status: String,
    #[serde(default)]
    pub data: BTreeMap<String, Vec<Slot>>,
}

/// One slot: `{start, end?}` per the examples, or a bare start string.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum Slot {
    Object { start: String },
    Bare(String),
}

impl Slot {
    pub fn start(&self) -> &str {
        match self {
            Self::Object { start } | Self::Bare(start) => start,
        }
    }
}

/// `{status: "error", error: {code, message}}`, as far as it can be read.
#[derive(Debug, Deserialize)]
pub(super) struct ErrorResponse {
    pub error: Option<ErrorBody>,
    pub message: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct ErrorBody {
    pub message: Option<String>,
}
