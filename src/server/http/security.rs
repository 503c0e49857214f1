//! Browser-facing protections: the Content-Security-Policy of pages and the `Origin` check
//! of state-changing posts (CSRF).

use std::sync::Arc;

use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// The policy of an HTML page whose inline hydration script carries `nonce`.
///
/// Only our own origin may serve scripts, styles, images and fetches; the WASM module needs
/// `'wasm-unsafe-eval'`; forms post to ourselves only; `frame_ancestors` lists who may embed
/// the page (`'self'` by default).
pub fn content_security_policy(nonce: &str, frame_ancestors: &[String]) -> String {
    let ancestors = if frame_ancestors.is_empty() {
        "'self'".to_string()
    } else {
        frame_ancestors.join(" ")
    };
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors {ancestors}"
    )
}

/// Sets the page's CSP header from the request's nonce (called while rendering a page).
pub fn set_csp_header() {
    use leptos::prelude::use_context;
    let (Some(nonce), Some(response), Some(state)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
        use_context::<crate::server::state::AppState>(),
    ) else {
        return;
    };
    let policy = content_security_policy(&nonce, &state.config.frame_ancestors);
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Refuses a POST whose `Origin` (or, without one, `Referer`) is another site than ours.
///
/// Requests with neither header (scripts, curl) pass: a browser always sends one of them on
/// a cross-site form post, which is what CSRF needs. Ours is the request's `Host`, or the
/// configured public address (`business.public_url`): a proxy that rewrites `Host` (nginx's
/// default `proxy_set_header Host $proxy_host`) does not break the forms.
pub async fn check_origin(
    State(public): State<Option<Arc<str>>>,
    request: Request<Body>,
    next: Next,
) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let claimed = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    let same_site = match (claimed, host) {
        (None, _) => true,
        (Some(url), Some(host)) => authority(url) == Some(host),
        (Some(_), None) => false,
    } || claimed.is_some_and(|url| {
        public
            .as_deref()
            .is_some_and(|public| authority(url).is_some() && authority(url) == authority(public))
    });
    if same_site {
        return next.run(request).await;
    }
    tracing::warn!(origin = ?claimed, "cross-site post refused");
    (
        StatusCode::FORBIDDEN,
        "Envoi refusé : ce formulaire doit être envoyé depuis la page de prise de rendez-vous.",
    )
        .into_response()
}

/// `host[:port]` of an absolute URL.
fn authority(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    Some(rest.split(['/', '?', '#']).next().unwrap_or(rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_and_ancestors() {
        let p = content_security_policy("abc", &[]);
        assert!(p.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'"));
        assert!(p.ends_with("frame-ancestors 'self'"));
        let p = content_security_policy("abc", &["https://www.exemple.fr".to_string()]);
        assert!(p.ends_with("frame-ancestors https://www.exemple.fr"));
    }

    #[test]
    fn authorities() {
        assert_eq!(
            authority("http://127.0.0.1:3000/x?y"),
            Some("127.0.0.1:3000")
        );
        assert_eq!(authority("https://exemple.fr"), Some("exemple.fr"));
        assert_eq!(authority("null"), None);
    }
}
