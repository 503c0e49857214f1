//! Reads a form server function's answer with the browser's own JSON parser: pulling
//! `serde_json` and the reply types' decoders into the bundle would cost more than the rest
//! of the islands together.

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::JsValue;

use crate::{domain::validation::FieldErrors, error::AppError};

/// What the form should do with the server's answer.
pub enum Reply {
    /// Go to this page (confirmation, thank-you, alternatives, fallback).
    Go(String),
    /// Show these errors next to the fields.
    Refused(FieldErrors),
    /// Show this message above the form.
    Failed(String),
}

fn get(value: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(value, &key.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Reads the answer of `client::dom::send_form`.
///
/// On 200 the body is an externally tagged reply (`{"Booked":{"url":…}}`,
/// `{"Invalid":{"fields":[["email","…"]]}}`…); on errors an [`AppError`].
pub fn read(answer: Result<(u16, String), JsValue>) -> Reply {
    let Ok((status, body)) = answer else {
        return Reply::Failed(AppError::Transport(String::new()).message());
    };
    let parsed = JSON::parse(&body).ok();
    if status != 200 {
        return Reply::Failed(error(status, parsed).message());
    }
    let Some(reply) = parsed else {
        return Reply::Failed(AppError::Internal.message());
    };
    if let Some(fields) = get(&reply, "Invalid").and_then(|v| get(&v, "fields")) {
        let mut errors = FieldErrors::default();
        for pair in Array::from(&fields).iter() {
            let pair = Array::from(&pair);
            if let (Some(key), Some(message)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                errors.add(&key, &message);
            }
        }
        return Reply::Refused(errors);
    }
    // Every other reply carries the page to go to.
    Object::keys(&Object::from(reply.clone()))
        .get(0)
        .as_string()
        .and_then(|variant| get(&reply, &variant))
        .and_then(|inner| get(&inner, "url"))
        .and_then(|url| url.as_string())
        .map_or_else(|| Reply::Failed(AppError::Internal.message()), Reply::Go)
}

/// The error an unsuccessful answer describes (`"RateLimited"`, `{"BadRequest":"…"}`…).
fn error(status: u16, body: Option<JsValue>) -> AppError {
    if status == 429 {
        return AppError::RateLimited;
    }
    let Some(body) = body.filter(|b| b.is_object()) else {
        return AppError::Internal;
    };
    let Some(variant) = Object::keys(&Object::from(body.clone())).get(0).as_string() else {
        return AppError::Internal;
    };
    let message = get(&body, &variant)
        .and_then(|m| m.as_string())
        .unwrap_or_default();
    match variant.as_str() {
        "BadRequest" => AppError::BadRequest(message),
        "NotFound" => AppError::NotFound(message),
        "CalendarMisconfigured" => AppError::CalendarMisconfigured(message),
        "CalendarUnavailable" => AppError::CalendarUnavailable(message),
        _ => AppError::Internal,
    }
}
