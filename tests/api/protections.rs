//! What keeps bots, other sites and malformed input out of the forms.

use chrono::Utc;
use chrono_tz::Europe::Paris;
use serde_json::Value;

use crate::support::{post_html, spawn_app, AppOptions};

use super::proposals::proposals_count;

#[tokio::test]
async fn oversized_bodies_are_refused_and_headers_are_set() {
    let app = spawn_app(AppOptions::default()).await;
    let big = "x".repeat(70 * 1024);
    let r = app
        .http
        .post(app.url("/api/fn/propose"))
        .form(&[("form[message]", big.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 413);
    let error: Value = r.json().await.unwrap();
    assert_eq!(
        error,
        serde_json::json!("TooLarge"),
        "our own error, which the browser reads"
    );
    let html = post_html(&app, "/api/fn/propose", &[("form[message]", big.as_str())]).await;
    assert_eq!(html.status().as_u16(), 413);
    let text = html.text().await.unwrap();
    assert!(
        text.contains("L’envoi est trop volumineux : raccourcissez votre message, puis réessayez."),
        "{text}"
    );
    assert_eq!(proposals_count(&app).await, 0);
    let page = app.get("/prendre-rendez-vous").await;
    assert_eq!(page.headers()["x-content-type-options"], "nosniff");
    assert_eq!(
        page.headers()["referrer-policy"],
        "strict-origin-when-cross-origin"
    );
    let permissions = page.headers()["permissions-policy"].to_str().unwrap();
    assert!(permissions.contains("camera=()") && permissions.contains("geolocation=()"));
    assert!(
        page.headers().get("strict-transport-security").is_none(),
        "no HSTS unless configured"
    );
}

#[tokio::test]
async fn hsts_is_sent_when_configured() {
    let app = spawn_app(AppOptions {
        limits: Some(rdv_tunnel::server::config::ConnectionLimits {
            header_timeout: std::time::Duration::from_secs(10),
            request_timeout: std::time::Duration::from_secs(60),
            max_in_flight: 512,
            hsts: Some(std::time::Duration::from_secs(31_536_000)),
        }),
        ..AppOptions::default()
    })
    .await;
    let page = app.get("/prendre-rendez-vous").await;
    assert_eq!(
        page.headers()["strict-transport-security"],
        "max-age=31536000"
    );
}

#[tokio::test]
async fn bots_are_kept_out() {
    let app = spawn_app(AppOptions {
        min_fill: std::time::Duration::from_secs(30),
        ..AppOptions::default()
    })
    .await;
    let day = (Utc::now().with_timezone(&Paris).date_naive() + chrono::Days::new(3)).to_string();
    let proposal = |token: String, honeypot: &'static str| {
        vec![
            ("form[issued]".to_string(), token),
            ("form[website]".to_string(), honeypot.to_string()),
            ("form[type]".to_string(), "appel".to_string()),
            ("form[name]".to_string(), "Zoé".to_string()),
            ("form[email]".to_string(), "zoe@example.fr".to_string()),
            ("form[slots][0][date]".to_string(), day.clone()),
            ("form[slots][0][from]".to_string(), "09:00".to_string()),
            ("form[slots][0][to]".to_string(), "10:00".to_string()),
            ("form[consent]".to_string(), "on".to_string()),
        ]
    };
    let send =
        |form: Vec<(String, String)>| app.http.post(app.url("/api/fn/propose")).form(&form).send();
    // Sent within a second of the page: too fast for a person.
    let reply: Value = send(proposal(app.form_token().await, ""))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let retry = &reply["Retry"];
    assert!(retry["notice"].as_str().unwrap().contains("trop rapide"));
    assert!(
        retry["issued"].as_str().unwrap().contains('.'),
        "a fresh token comes back"
    );
    // A forged or missing token.
    let reply: Value = send(proposal("1.00".into(), ""))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(reply["Retry"]["notice"]
        .as_str()
        .unwrap()
        .contains("expiré"));
    // The honeypot: thanked, not stored.
    let reply: Value = send(proposal(app.form_token().await, "http://spam.example"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(reply["Saved"]["url"].is_string());
    assert_eq!(proposals_count(&app).await, 0);
}

#[tokio::test]
async fn posts_are_rate_limited_per_client_with_a_french_429() {
    let app = spawn_app(AppOptions {
        posts_per_minute: 3,
        ..AppOptions::default()
    })
    .await;
    let token = app.form_token().await;
    let form = [("form[issued]", token.as_str()), ("form[type]", "appel")];
    for _ in 0..3 {
        let r = post_html(&app, "/api/fn/propose", &form).await;
        assert_eq!(r.status().as_u16(), 302);
    }
    let r = post_html(&app, "/api/fn/propose", &form).await;
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(r.headers()["retry-after"], "60");
    assert!(r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("default-src 'none'"));
    assert!(r.text().await.unwrap().contains("Trop de demandes"));
    // With JavaScript the island gets the error in its own encoding.
    let r = app
        .http
        .post(app.url("/api/fn/propose"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        serde_json::json!("RateLimited")
    );
    // A forged X-Forwarded-For from an untrusted peer changes nothing.
    let r = app
        .http
        .post(app.url("/api/fn/propose"))
        .header("x-forwarded-for", "203.0.113.7")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 429);
    // Pages are not limited.
    assert_eq!(app.get("/prendre-rendez-vous").await.status(), 200);
}

#[tokio::test]
async fn cross_site_posts_are_refused_and_pages_carry_a_csp() {
    let app = spawn_app(AppOptions::default()).await;
    let token = app.form_token().await;
    let form = [("form[issued]", token.as_str()), ("form[type]", "appel")];
    let r = app
        .http
        .post(app.url("/api/fn/propose"))
        .header("origin", "https://evil.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    assert!(r.text().await.unwrap().contains("Envoi refusé"));
    let r = app
        .http
        .post(app.url("/api/fn/propose"))
        .header("origin", format!("http://{}", app.addr))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);

    let page = app.get("/prendre-rendez-vous").await;
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let html = page.text().await.unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .unwrap();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the script carries the header's nonce"
    );
    assert!(csp.contains("frame-ancestors 'self'"));
    assert!(csp.contains("form-action 'self'"));
}

#[tokio::test]
async fn malformed_form_posts_are_4xx_with_a_french_message() {
    let app = spawn_app(AppOptions::default()).await;
    for (path, body) in [
        ("/api/fn/book", "form[week]=abc"),
        ("/api/fn/book", "%%%"),
        ("/api/fn/book", ""),
        ("/api/fn/propose", "form[consent][x]=1&form[name][]=a"),
        ("/api/fn/book", "form[type]=appel&form[seed]=1"),
    ] {
        let r = app
            .http
            .post(app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        assert!((400..500).contains(&status), "{path} {body:?}: {status}");
        let text = r.text().await.unwrap();
        // A refusal the browser words itself (its text is in the page) or one with its text.
        assert!(
            text.contains("\"Malformed\"") || text.contains("BadRequest"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn a_panicking_handler_answers_500_and_the_server_goes_on() {
    let boom = axum::Router::new().route(
        "/__panic",
        axum::routing::get(|| async {
            if std::hint::black_box(true) {
                panic!("a bug in a handler");
            }
            "unreachable"
        }),
    );
    let app = crate::support::spawn_app_with(AppOptions::default(), boom).await;
    let r = app.get("/__panic").await;
    assert_eq!(r.status().as_u16(), 500);
    assert!(r.text().await.unwrap().contains("Une erreur inattendue"));
    // The same server still serves, the next request as the one after it.
    for _ in 0..2 {
        assert_eq!(app.get("/healthz").await.status().as_u16(), 200);
    }
    assert_eq!(app.get("/prendre-rendez-vous").await.status().as_u16(), 200);
}

#[tokio::test]
async fn page_and_slots_reads_are_limited_per_client_assets_are_not() {
    let app = spawn_app(AppOptions {
        reads_per_minute: 5,
        ..AppOptions::default()
    })
    .await;
    let mut statuses = Vec::new();
    for i in 0..7 {
        let path = if i % 2 == 0 {
            "/prendre-rendez-vous"
        } else {
            "/api/calcom/slots?type=appel"
        };
        statuses.push(app.get(path).await.status().as_u16());
    }
    assert_eq!(statuses, [200, 200, 200, 200, 200, 429, 429]);
    let limited = app.get("/prendre-rendez-vous").await;
    assert_eq!(limited.headers()["retry-after"], "60");
    // Health checks and other paths are not reads of the tunnel.
    assert_eq!(app.get("/healthz").await.status(), 200);
}

#[tokio::test]
async fn the_page_describes_itself_for_search_and_sharing_but_not_a_visits_own_steps() {
    let app = spawn_app(AppOptions::default()).await;
    let html = app.get("/prendre-rendez-vous").await.text().await.unwrap();
    let meta = |html: &str, selector: &str| {
        crate::support::html::attr(html, selector, "content").unwrap_or_default()
    };
    assert!(meta(&html, "meta[name='description']").starts_with("Prenez rendez-vous en ligne"));
    assert!(meta(&html, "meta[property='og:title']").starts_with("Prendre rendez-vous – "));
    assert_eq!(meta(&html, "meta[property='og:locale']"), "fr_FR");
    assert_eq!(meta(&html, "meta[name='twitter:card']"), "summary");
    assert_eq!(meta(&html, "meta[name='robots']"), "index, follow");
    let (date, hour) = crate::support::first_free(&app, "appel").await;
    let contact = app
        .get(&format!(
            "/prendre-rendez-vous?type=appel&date={date}&hour={hour}"
        ))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(meta(&contact, "meta[name='robots']"), "noindex");
}

#[tokio::test]
async fn in_another_sites_frame_the_page_drops_its_chrome_and_reports_its_height() {
    let app = spawn_app(AppOptions::default()).await;
    let framed = app
        .http
        .get(app.url("/prendre-rendez-vous"))
        .header("sec-fetch-dest", "iframe")
        .send()
        .await
        .unwrap();
    assert!(framed.headers()["vary"]
        .to_str()
        .unwrap()
        .contains("Sec-Fetch-Dest"));
    let html = framed.text().await.unwrap();
    assert!(html.contains("<body class=\"embed\""));
    assert!(html.contains("<script src=\"/embed-frame.js\" defer"));
    let plain = app.get("/prendre-rendez-vous").await.text().await.unwrap();
    assert!(!plain.contains("embed-frame.js") && !plain.contains("class=\"embed\""));
    let old_browser = app
        .get("/prendre-rendez-vous?embed=1")
        .await
        .text()
        .await
        .unwrap();
    assert!(old_browser.contains("<body class=\"embed\""));
    for path in ["/embed.js", "/embed-frame.js"] {
        let script = app.get(path).await;
        assert_eq!(script.status(), 200);
        assert!(script.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript"));
        assert!(script.text().await.unwrap().contains("rdvTunnel"));
    }
}

#[tokio::test]
async fn clients_behind_a_trusted_proxy_range_are_limited_apart() {
    let app = spawn_app(AppOptions {
        posts_per_minute: 2,
        settings: vec![(
            "trusted_proxies = []",
            "trusted_proxies = [\"127.0.0.0/8\"]",
        )],
        ..AppOptions::default()
    })
    .await;
    let token = app.form_token().await;
    let form = [("form[issued]", token.as_str()), ("form[type]", "appel")];
    let post = |client: &'static str| {
        app.http
            .post(app.url("/api/fn/propose"))
            .header("x-forwarded-for", client)
            .form(&form)
            .send()
    };
    // Within its budget, the client is answered (the form is incomplete: the fields to
    // fix, for the island to show).
    let answered = |r: reqwest::Response| async move {
        assert_eq!(r.status().as_u16(), 200);
        let reply: Value = r.json().await.unwrap();
        assert!(reply["Invalid"]["fields"].is_array(), "{reply}");
    };
    for _ in 0..2 {
        answered(post("203.0.113.7").await.unwrap()).await;
    }
    assert_eq!(post("203.0.113.7").await.unwrap().status().as_u16(), 429);
    // Another visitor behind the same proxy has a budget of its own.
    answered(post("198.51.100.20").await.unwrap()).await;
}

#[tokio::test]
async fn behind_a_proxy_that_rewrites_host_the_public_origin_may_post() {
    let app = spawn_app(AppOptions {
        settings: vec![("# public_url = ", "public_url = ")],
        ..AppOptions::default()
    })
    .await;
    let token = app.form_token().await;
    let form = [("form[issued]", token.as_str()), ("form[type]", "appel")];
    let from = |origin: &'static str| {
        app.http
            .post(app.url("/api/fn/propose"))
            .header("origin", origin)
            .form(&form)
            .send()
    };
    // The Host is 127.0.0.1:<port> (what nginx's default sends upstream).
    assert_ne!(
        from("https://www.exemple.fr")
            .await
            .unwrap()
            .status()
            .as_u16(),
        403
    );
    assert_eq!(
        from("https://evil.example")
            .await
            .unwrap()
            .status()
            .as_u16(),
        403
    );
}

#[tokio::test]
async fn head_requests_count_as_reads() {
    let app = spawn_app(AppOptions {
        reads_per_minute: 3,
        calcom: false,
        ..AppOptions::default()
    })
    .await;
    for _ in 0..3 {
        let r = app
            .http
            .head(app.url("/prendre-rendez-vous"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
    }
    let r = app
        .http
        .head(app.url("/prendre-rendez-vous"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 429);
}

#[tokio::test]
async fn a_path_that_names_another_host_never_becomes_a_link_to_it() {
    let app = spawn_app(AppOptions {
        calcom: false,
        ..AppOptions::default()
    })
    .await;
    for path in ["//evil.example/x", "/\\evil.example/x"] {
        let r = app.get(path).await;
        assert_eq!(r.status().as_u16(), 404, "{path}");
        let html = r.text().await.unwrap();
        assert!(!html.contains("href=\"//"), "{path}: {html}");
        assert!(!html.contains("href=\"/\\"), "{path}: {html}");
        assert!(
            html.contains("href=\"/evil.example/x?lang="),
            "{path}: {html}"
        );
    }
}
