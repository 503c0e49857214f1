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

/// Sets `Cache-Control` when a handler did not: a year (immutable) for hashed assets, and
/// revalidation for everything else (pages may show a visitor's draft; unhashed assets may
/// change with the next deploy).
pub async fn cache_control(State(hashed): State<bool>, request: Request, next: Next) -> Response {
    let long_lived = hashed && request.uri().path().starts_with("/pkg/");
    let mut response = next.run(request).await;
    let value = if long_lived && response.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(value));
    response
}
