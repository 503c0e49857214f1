//! Reads a form server function's answer as the types the server wrote it with
//! ([`FormReply`], or [`AppError`] for an error status): the browser's own `JSON.parse`,
//! then each type's reader (see `domain::json_read` for why not `serde-wasm-bindgen`).

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::JsValue;

use super::dom;
use crate::{
    domain::{forms::FormReply, json_read::JsonRead},
    error::AppError,
};

/// A value `JSON.parse` returned.
struct Parsed(JsValue);

impl JsonRead for Parsed {
    fn member(&self, key: &str) -> Option<Self> {
        if !self.0.is_object() {
            return None;
        }
        Reflect::get(&self.0, &key.into())
            .ok()
            .filter(|v| !v.is_undefined())
            .map(Parsed)
    }
    fn text(&self) -> Option<String> {
        self.0.as_string()
    }
    fn items(&self) -> Vec<Self> {
        if Array::is_array(&self.0) {
            Array::from(&self.0).iter().map(Parsed).collect()
        } else {
            Vec::new()
        }
    }
    fn keys(&self) -> Vec<String> {
        if !self.0.is_object() {
            return Vec::new();
        }
        Object::keys(&Object::from(self.0.clone()))
            .iter()
            .filter_map(|k| k.as_string())
            .collect()
    }
}

/// What the form should do with the server's answer.
pub enum Reply {
    /// The server's reply to a form that went through.
    Form(FormReply),
    /// Show this message above the form.
    Failed(String),
}

fn parse(body: &str) -> Option<Parsed> {
    JSON::parse(body).ok().map(Parsed)
}

/// Reads the answer of `client::dom::send_form`.
pub fn read(answer: Result<(u16, String), JsValue>) -> Reply {
    let Ok((status, body)) = answer else {
        return Reply::Failed(AppError::Transport(String::new()).message(dom::word));
    };
    if status == 200 {
        return parse(&body)
            .and_then(|json| FormReply::read(&json))
            .map_or_else(
                || Reply::Failed(AppError::Internal.message(dom::word)),
                Reply::Form,
            );
    }
    let error = if status == 429 {
        AppError::RateLimited
    } else {
        parse(&body)
            .and_then(|json| AppError::read(&json))
            .unwrap_or(AppError::Internal)
    };
    Reply::Failed(error.message(dom::word))
}
