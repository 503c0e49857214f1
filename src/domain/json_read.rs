//! Reading the replies the server sends to the browser's own `fetch`.
//!
//! The browser decodes them with its own `JSON.parse`, then through this trait into the very
//! types the server serialised ([`FormReply`](super::forms::FormReply),
//! [`AppError`](crate::error::AppError)). `serde-wasm-bindgen` would do the same from the
//! derives, but measured here it adds 43 KB to the WASM (14 KB compressed, 30 % of it): each
//! reader is written beside its type instead, and a unit test round-trips every variant
//! through serde, so a renamed variant or field breaks the tests, never silently the page.

/// A parsed JSON value, as the browser (a `JsValue`) or a test (`serde_json::Value`) holds it.
pub trait JsonRead: Sized {
    /// The member `key` of an object.
    fn member(&self, key: &str) -> Option<Self>;
    /// The text of a string.
    fn text(&self) -> Option<String>;
    /// The items of an array (none for anything else).
    fn items(&self) -> Vec<Self>;
    /// The keys of an object, in order (an externally tagged enum has one: its variant).
    fn keys(&self) -> Vec<String>;
}

/// The variant and content of an externally tagged enum (`{"Variant": content}`), or a
/// unit variant written as a bare string (`"Variant"`).
pub fn tagged<J: JsonRead>(json: &J) -> Option<(String, Option<J>)> {
    if let Some(unit) = json.text() {
        return Some((unit, None));
    }
    let tag = json.keys().into_iter().next()?;
    let content = json.member(&tag);
    Some((tag, content))
}

/// The string member `key`.
pub fn text_of<J: JsonRead>(json: &J, key: &str) -> Option<String> {
    json.member(key)?.text()
}

#[cfg(test)]
pub(crate) mod serde_value {
    //! The trait over `serde_json::Value`, for round-trip tests.
    use super::JsonRead;

    impl JsonRead for serde_json::Value {
        fn member(&self, key: &str) -> Option<Self> {
            self.get(key).cloned()
        }
        fn text(&self) -> Option<String> {
            self.as_str().map(str::to_string)
        }
        fn items(&self) -> Vec<Self> {
            self.as_array().cloned().unwrap_or_default()
        }
        fn keys(&self) -> Vec<String> {
            self.as_object()
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default()
        }
    }
}
