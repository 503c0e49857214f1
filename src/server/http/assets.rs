//! Static assets: content-hashed names and how long browsers may keep them.
//!
//! `cargo leptos build` writes `/pkg/rdv-tunnel.<hash>.{js,wasm,css}` (`hash-files` in
//! Cargo.toml) and their `.br`/`.gz` copies (`--precompress`); leptos_axum serves the
//! precompressed copy the browser accepts. A hashed name changes with its content, so those
//! files can be cached for a year.

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use http::{header, HeaderValue};
use leptos::config::LeptosOptions;

/// Turns on hashed asset names when the build left its hash file next to the binary and
/// `LEPTOS_HASH_FILES` does not say otherwise (the binary is often started without
/// cargo-leptos, which would set it).
pub fn with_hashed_assets(mut options: LeptosOptions) -> LeptosOptions {
    if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
        let hash_file = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())));
        options.hash_files = hash_file.is_some_and(|f| f.exists());
    }
    if options.hash_files {
        tracing::info!("content-hashed asset names: /pkg cached for a year");
    }
    options
}

/// True for pages that show a visitor's personal data: a booking's confirmation (and its
/// calendar file), and a refused form shown again with what was typed (`draft=`).
fn is_personal(uri: &http::Uri) -> bool {
    uri.path().starts_with("/prendre-rendez-vous/confirmation/")
        || uri
            .query()
            .is_some_and(|q| q.split('&').any(|pair| pair.starts_with("draft=")))
}

/// Sets `Cache-Control` when a handler did not: a year (immutable) for hashed assets,
/// `no-store` and `noindex` for pages with personal data (no copy on a shared computer's
/// disk or in a proxy, nothing in a search engine), and revalidation for everything else
/// (unhashed assets may change with the next deploy).
pub async fn cache_control(State(hashed): State<bool>, request: Request, next: Next) -> Response {
    let long_lived = hashed && request.uri().path().starts_with("/pkg/");
    let personal = is_personal(request.uri());
    let mut response = next.run(request).await;
    let value = if personal {
        "no-store"
    } else if long_lived && response.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let headers = response.headers_mut();
    if !long_lived {
        // A page inside another site's frame drops its chrome (server::http::embed).
        headers.append(header::VARY, HeaderValue::from_static("Sec-Fetch-Dest"));
    }
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(value));
    if personal {
        headers.insert(
            "x-robots-tag",
            HeaderValue::from_static("noindex, nofollow"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirmations_and_drafts_are_personal() {
        for (uri, personal) in [
            ("/prendre-rendez-vous/confirmation/abc", true),
            (
                "/prendre-rendez-vous/confirmation/abc/rendez-vous.ics",
                true,
            ),
            ("/prendre-rendez-vous?type=appel&draft=x1", true),
            ("/prendre-rendez-vous?type=appel", false),
            ("/prendre-rendez-vous?nodraft=1", false),
            ("/pkg/rdv-tunnel.css", false),
        ] {
            assert_eq!(is_personal(&uri.parse().unwrap()), personal, "{uri}");
        }
    }
}
