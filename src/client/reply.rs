//! Reads a form server function's answer as the types the server wrote it with
//! ([`FormReply`], or [`AppError`] for an error status): the browser's own `JSON.parse`,
//! then `serde-wasm-bindgen` into the Rust type. Decoding through the types means a renamed
//! variant or field cannot silently break the page; `serde_json` would cost more bytes.

use wasm_bindgen::JsValue;

use crate::{domain::forms::FormReply, error::AppError};

/// What the form should do with the server's answer.
pub enum Reply {
    /// The server's reply to a form that went through.
    Form(FormReply),
    /// Show this message above the form.
    Failed(String),
}

fn decode<T: serde::de::DeserializeOwned>(body: &str) -> Option<T> {
    let value = js_sys::JSON::parse(body).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// Reads the answer of `client::dom::send_form`.
pub fn read(answer: Result<(u16, String), JsValue>) -> Reply {
    let Ok((status, body)) = answer else {
        return Reply::Failed(AppError::Transport(String::new()).message());
    };
    if status == 200 {
        return decode::<FormReply>(&body)
            .map_or_else(|| Reply::Failed(AppError::Internal.message()), Reply::Form);
    }
    let error = if status == 429 {
        AppError::RateLimited
    } else {
        decode::<AppError>(&body).unwrap_or(AppError::Internal)
    };
    Reply::Failed(error.message())
}
