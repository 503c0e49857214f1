//! The few browser APIs the islands use, as no-ops when rendering on the server.
//!
//! Kept in one place so that islands stay free of `cfg` lines.

/// Pushes `href` onto the history, so back and reload land on the same step.
pub fn push_url(href: &str) {
    #[cfg(feature = "hydrate")]
    if let Ok(history) = leptos::prelude::window().history() {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = href;
}

/// The current URL's query string, with its leading `?` (empty on the server).
pub fn current_search() -> String {
    #[cfg(feature = "hydrate")]
    {
        leptos::prelude::window()
            .location()
            .search()
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    String::new()
}

/// Moves keyboard and screen-reader focus to the element with `id` once it is rendered.
pub fn focus_later(id: &'static str) {
    #[cfg(feature = "hydrate")]
    leptos::prelude::request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(el) = leptos::prelude::document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

/// The visitor's IANA time zone, as the browser reports it.
pub fn visitor_time_zone() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let format =
            js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
        js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into())
            .ok()
            .and_then(|v| v.as_string())
    }
    #[cfg(not(feature = "hydrate"))]
    None
}

/// `HH:MM` of an RFC 3339 instant in the visitor's own time zone.
pub fn local_hh_mm(rfc3339: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let date = js_sys::Date::new(&rfc3339.into());
        let (h, m) = (date.get_hours(), date.get_minutes());
        (!date.get_time().is_nan()).then(|| format!("{h:02}:{m:02}"))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = rfc3339;
        None
    }
}

/// Navigates to `href` (a full page load).
pub fn go(href: &str) {
    #[cfg(feature = "hydrate")]
    let _ = leptos::prelude::window().location().set_href(href);
    #[cfg(not(feature = "hydrate"))]
    let _ = href;
}

/// The current value of the form control with `id` (empty when absent).
pub fn field_value(id: &str) -> String {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(el) = leptos::prelude::document().get_element_by_id(id) else {
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
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = id;
        String::new()
    }
}

/// Sends the form `id` to its `action` as a server-function call would (form-encoded, JSON
/// answer) and returns the HTTP status and body. This small `fetch` replaces Leptos'
/// `ActionForm` client, whose machinery more than doubled the WASM bundle.
pub async fn send_form(id: &str) -> Result<(u16, String), ()> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        use wasm_bindgen_futures::JsFuture;
        let form = leptos::prelude::document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlFormElement>().ok())
            .ok_or(())?;
        let data = web_sys::FormData::new_with_form(&form).map_err(|_| ())?;
        let params =
            web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).map_err(|_| ())?;
        let headers = web_sys::Headers::new().map_err(|_| ())?;
        headers
            .set("content-type", "application/x-www-form-urlencoded")
            .map_err(|_| ())?;
        headers.set("accept", "application/json").map_err(|_| ())?;
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_headers(&headers);
        init.set_body(&String::from(params.to_string()).into());
        let response: web_sys::Response = JsFuture::from(
            leptos::prelude::window().fetch_with_str_and_init(&form.action(), &init),
        )
        .await
        .map_err(|_| ())?
        .dyn_into()
        .map_err(|_| ())?;
        let body = JsFuture::from(response.text().map_err(|_| ())?)
            .await
            .map_err(|_| ())?
            .as_string()
            .unwrap_or_default();
        Ok((response.status(), body))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = id;
        Err(())
    }
}

/// Today's date in the visitor's browser, `YYYY-MM-DD` (server checks stay authoritative).
pub fn today() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let d = js_sys::Date::new_0();
        Some(format!(
            "{:04}-{:02}-{:02}",
            d.get_full_year(),
            d.get_month() + 1,
            d.get_date()
        ))
    }
    #[cfg(not(feature = "hydrate"))]
    None
}
