//! Small wrappers over the DOM APIs the islands use; failures mean "nothing to do".

use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, EventTarget, HtmlElement, HtmlFormElement, Window};

/// The browser window.
pub fn window() -> Option<Window> {
    web_sys::window()
}

/// The page's document.
pub fn document() -> Option<Document> {
    window()?.document()
}

/// The element with `id`.
pub fn by_id(id: &str) -> Option<Element> {
    document()?.get_element_by_id(id)
}

/// The elements under `root` matching `selector`, in document order.
pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// Calls `handler` for each `event` on `target`, for the page's lifetime.
pub fn listen(target: &EventTarget, event: &str, handler: impl FnMut(web_sys::Event) + 'static) {
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    // The listener lives as long as the page: the closure must too.
    closure.forget();
}

/// Shows or hides an element (the `hidden` attribute).
pub fn set_hidden(el: &Element, hidden: bool) {
    let _ = if hidden {
        el.set_attribute("hidden", "")
    } else {
        el.remove_attribute("hidden")
    };
}

/// Moves keyboard and screen-reader focus to the element with `id`.
pub fn focus(id: &str) {
    if let Some(el) = by_id(id).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Pushes `href` onto the history, so back and reload land on the same step.
pub fn push_url(href: &str) {
    if let Some(history) = window().and_then(|w| w.history().ok()) {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(href));
    }
}

/// The value of the query parameter `name` in the current URL.
pub fn query_param(name: &str) -> Option<String> {
    let search = window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// Navigates to `href` (a full page load).
pub fn go(href: &str) {
    if let Some(w) = window() {
        let _ = w.location().set_href(href);
    }
}

/// The visitor's IANA time zone, as the browser reports it.
pub fn visitor_time_zone() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into())
        .ok()?
        .as_string()
}

/// How the page's language names the time zone `iana` ("heure du Japon", "Japan Time"), as
/// the browser knows it; the IANA id when it does not.
pub fn zone_name(iana: &str) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"timeZone".into(), &iana.into());
    let _ = js_sys::Reflect::set(&options, &"timeZoneName".into(), &"longGeneric".into());
    let lang = document()
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute("lang"))
        .unwrap_or_else(|| "fr".to_string());
    let locales = js_sys::Array::of1(&lang.into());
    let format = js_sys::Intl::DateTimeFormat::new(&locales, &options);
    format
        .format_to_parts(&js_sys::Date::new_0())
        .iter()
        .find(|part| {
            js_sys::Reflect::get(part, &"type".into())
                .ok()
                .and_then(|t| t.as_string())
                .as_deref()
                == Some("timeZoneName")
        })
        .and_then(|part| js_sys::Reflect::get(&part, &"value".into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| iana.to_string())
}

/// What the page says for the catalogue id `id` in its language: the server writes the
/// words the islands may need into `<script type="application/json" data-words>` blocks
/// (no catalogue in the bundle). The id itself when no block has it.
pub fn word(id: &str) -> String {
    let Some(root) = document().and_then(|d| d.document_element()) else {
        return id.to_string();
    };
    all(&root, "script[data-words]")
        .into_iter()
        .find_map(|block| {
            let words = js_sys::JSON::parse(&block.text_content()?).ok()?;
            js_sys::Reflect::get(&words, &id.into()).ok()?.as_string()
        })
        .unwrap_or_else(|| id.to_string())
}

/// A sentence the page gave with `%name%` placeholders, filled in (split on one character:
/// no substring search in the bundle).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    for (i, part) in template.split('%').enumerate() {
        if i % 2 == 0 {
            out.push_str(part);
        } else if let Some((_, value)) = values.iter().find(|(name, _)| *name == part) {
            out.push_str(value);
        }
    }
    out
}

/// `HH:MM` of an RFC 3339 instant in the visitor's own time zone.
pub fn local_hh_mm(rfc3339: &str) -> Option<String> {
    let date = js_sys::Date::new(&rfc3339.into());
    if date.get_time().is_nan() {
        return None;
    }
    Some(format!("{:02}:{:02}", date.get_hours(), date.get_minutes()))
}

/// Today's date in the visitor's browser, `YYYY-MM-DD` (server checks stay authoritative).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// The current value of the form control with `id` (empty when absent; a checked box is
/// `on`).
pub fn field_value(id: &str) -> String {
    let Some(el) = by_id(id) else {
        return String::new();
    };
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        if input.type_() == "checkbox" {
            return if input.checked() {
                "on".into()
            } else {
                String::new()
            };
        }
        return input.value();
    }
    el.dyn_ref::<web_sys::HtmlTextAreaElement>()
        .map(|t| t.value())
        .unwrap_or_default()
}

/// Sets the value of the input named `name` inside `form`.
pub fn set_input(form: &HtmlFormElement, name: &str, value: &str) {
    if let Some(input) = form
        .query_selector(&format!("input[name=\"{name}\"]"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.set_value(value);
    }
}

/// Sends `form` to its `action` as a server-function call would (form-encoded, JSON answer)
/// and returns the HTTP status and body; `Err` when the request did not complete.
pub async fn send_form(form: &HtmlFormElement) -> Result<(u16, String), JsValue> {
    let data = web_sys::FormData::new_with_form(form)?;
    let params = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data)?;
    let headers = web_sys::Headers::new()?;
    headers.set("content-type", "application/x-www-form-urlencoded")?;
    headers.set("accept", "application/json")?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&String::from(params.to_string()).into());
    let window = window().ok_or(JsValue::NULL)?;
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str_and_init(&form.action(), &init))
            .await?
            .dyn_into()?;
    let body = JsFuture::from(response.text()?).await?;
    Ok((response.status(), body.as_string().unwrap_or_default()))
}
