//! The tunnel inside another site: `/embed.js`, the snippet's script on the host page (it
//! puts the tunnel in a frame, sized to its content), and `/embed-frame.js`, inside the
//! frame (it tells the host page the content's height). A page knows it is framed from
//! the browser's `Sec-Fetch-Dest: iframe` (every step, with or without JavaScript, and
//! nothing to carry in the URLs), or from `?embed=1` for browsers that do not send it; it
//! then drops the page chrome and its background. Who may frame it is
//! `security.frame_ancestors` (the CSP's `frame-ancestors`). Nothing the tunnel needs is a
//! cookie, so third-party-cookie blocking changes nothing inside the frame.

use axum::response::{IntoResponse, Response};
use http::{header, request::Parts, HeaderValue};

/// The host page's script (≤ 3 KB, no dependency).
const EMBED_JS: &str = include_str!("embed.js");
/// The frame's script.
const FRAME_JS: &str = include_str!("frame.js");

/// Where the host page's script is served.
pub const EMBED_PATH: &str = "/embed.js";
/// Where the frame's script is served.
pub const FRAME_PATH: &str = "/embed-frame.js";

fn script(body: &'static str, cache: &'static str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
            // Loaded by other sites' pages.
            (
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            ),
        ],
        body,
    )
        .into_response()
}

/// `GET /embed.js`: kept a day by browsers and proxies, then revalidated in the background
/// for a week (its name is fixed: sites paste it once).
pub async fn embed_js() -> Response {
    script(
        EMBED_JS,
        "public, max-age=86400, stale-while-revalidate=604800",
    )
}

/// `GET /embed-frame.js`.
pub async fn frame_js() -> Response {
    script(
        FRAME_JS,
        "public, max-age=86400, stale-while-revalidate=604800",
    )
}

/// True when the request is for a page shown in a frame.
pub fn is_framed(parts: &Parts) -> bool {
    parts
        .headers
        .get("sec-fetch-dest")
        .is_some_and(|v| v.as_bytes() == b"iframe")
        || parts
            .uri
            .query()
            .is_some_and(|q| q.split('&').any(|pair| pair == "embed=1"))
}

/// True when the page being rendered is shown in a frame.
pub fn framed_now() -> bool {
    leptos::prelude::use_context::<Parts>().is_some_and(|parts| is_framed(&parts))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_snippet_script_stays_small() {
        assert!(super::EMBED_JS.len() <= 3000, "{}", super::EMBED_JS.len());
    }
}
