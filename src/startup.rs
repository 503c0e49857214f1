//! The whole server: the router over every route and layer, and the process's life
//! (`run`, called by `main`). It sits above both the Leptos app and the server services,
//! which never import it.

use axum::{http::header, http::HeaderValue, middleware, routing::get, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::{CompressionLayer, CompressionLevel},
    limit::RequestBodyLimitLayer,
    request_id::{PropagateRequestIdLayer, SetRequestIdLayer},
    set_header::SetResponseHeaderLayer,
    timeout::TimeoutLayer,
    trace::TraceLayer,
};

use crate::{
    app::{shell, App},
    server::{
        abuse::rate_limit::RateLimit,
        admin,
        config::Config,
        http::{
            access_log::{self, AccessLine, LogFormat, NewRequestId, RequestSpan},
            assets, calcom_webhooks, embed,
            error_status::{after_panic, french_limits, overloaded, server_fn_status},
            limits::{limit_posts, limit_reads, ReadLimit},
            routes,
            security::check_origin,
            serve::{read_body_within, serve},
        },
        ops::shutdown,
        setup::{build_state, spawn_purge},
        state::AppState,
        tunnel::offers,
    },
};

/// Largest request body accepted.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Cal.com webhook deliveries accepted per minute (from its servers).
const WEBHOOKS_PER_MINUTE: std::num::NonZeroU32 = std::num::NonZeroU32::MIN.saturating_add(599);

/// The whole application router.
pub fn build_router(state: AppState) -> Router {
    protect(routes(&state), state)
}

/// Every route of the application, without the layers.
pub fn routes(state: &AppState) -> Router<AppState> {
    let leptos_options = state.leptos_options.clone();
    Router::new()
        .route("/", get(routes::root))
        .route("/healthz", get(routes::healthz))
        .route("/readyz", get(routes::readyz))
        .route("/metrics", get(routes::metrics))
        .route(embed::EMBED_PATH, get(embed::embed_js))
        .route(embed::FRAME_PATH, get(embed::frame_js))
        .route("/api/calcom/slots", get(routes::slots))
        // Cal.com's servers are one client, and a busy day sends many: their own limit.
        .route(
            calcom_webhooks::WEBHOOK_PATH,
            axum::routing::post(calcom_webhooks::receive).layer(middleware::from_fn_with_state(
                RateLimit::new(
                    state.db.clone(),
                    "webhook",
                    WEBHOOKS_PER_MINUTE,
                    state.config.trusted_proxies.clone(),
                ),
                limit_posts,
            )),
        )
        .route(
            "/prendre-rendez-vous/confirmation/{id}/rendez-vous.ics",
            get(routes::ics),
        )
        .route(
            "/prendre-rendez-vous/confirmation/{id}/visio",
            get(routes::video),
        )
        .merge(offers::router())
        .merge(admin::router())
        .leptos_routes_with_context(
            state,
            generate_route_list(App),
            {
                let facts = state.config.privacy_facts();
                let config = state.config.clone();
                move || {
                    let business = &config.business;
                    let words = use_context::<http::request::Parts>().map_or_else(
                        || crate::server::words::words_in(&business.language),
                        |parts| {
                            crate::server::words::words_for(
                                &business.language,
                                &parts.headers,
                                parts.uri.query(),
                            )
                        },
                    );
                    provide_context(facts.clone());
                    provide_context(crate::domain::view::ShareFacts {
                        business: business.name_in(&words),
                        description: business.description_in(&words),
                        image_url: business.image_url.clone(),
                        public_url: business.public_url.clone(),
                    });
                    provide_context(words);
                }
            },
            {
                let options = leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
}

/// `routes` behind every layer of the application: statuses and French messages of errors,
/// caching, the post limit, the Origin check, the body limit, security headers,
/// compression, tracing, and a panic answered with a 500 instead of killing the process.
pub fn protect(routes: Router<AppState>, state: AppState) -> Router {
    let limiter = RateLimit::new(
        state.db.clone(),
        "post",
        state.config.posts_per_minute,
        state.config.trusted_proxies.clone(),
    )
    .except(calcom_webhooks::WEBHOOK_PATH);
    let leptos_options = state.leptos_options.clone();
    let limits = state.config.limits;
    routes
        .layer(middleware::from_fn(
            crate::server::ops::metrics::count_requests,
        ))
        .layer(middleware::from_fn(server_fn_status))
        .layer(middleware::from_fn_with_state(
            leptos_options.hash_files,
            assets::cache_control,
        ))
        .layer(middleware::from_fn_with_state(limiter, limit_posts))
        .layer(middleware::from_fn_with_state(
            ReadLimit::new(
                state.config.reads_per_minute,
                state.config.trusted_proxies.clone(),
            ),
            limit_reads,
        ))
        .layer(middleware::from_fn_with_state(
            state
                .config
                .business
                .public_url
                .as_deref()
                .map(std::sync::Arc::from),
            check_origin,
        ))
        // A client that sends its body slowly, or a request that takes too long, gets a 408.
        .layer(middleware::from_fn_with_state(
            (limits.header_timeout, MAX_BODY_BYTES),
            read_body_within,
        ))
        // Forms are a few hundred bytes: anything above this is refused with 413 — outside
        // the body reader, so a too large Content-Length is refused before any byte is read.
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            http::StatusCode::REQUEST_TIMEOUT,
            limits.request_timeout,
        ))
        .layer(middleware::from_fn(french_limits))
        // Past `max_in_flight` requests at once, a quick French 503 rather than a queue.
        .layer(
            tower::ServiceBuilder::new()
                .layer(axum::error_handling::HandleErrorLayer::new(overloaded))
                .load_shed()
                .layer(GlobalConcurrencyLimitLayer::new(limits.max_in_flight)),
        )
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        // The page needs no camera, microphone, location, payment or sensors.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(
                "camera=(), microphone=(), geolocation=(), payment=(), usb=(), \
                 accelerometer=(), gyroscope=(), magnetometer=()",
            ),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            limits
                .hsts
                .and_then(|age| HeaderValue::from_str(&format!("max-age={}", age.as_secs())).ok()),
        ))
        // Pages and JSON, in brotli or gzip as the browser accepts (the static assets are
        // precompressed at build time). Level 5: for pages of a few KB it compresses nearly
        // as well as the maximum, with a fraction of its CPU and memory per response.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(5)))
        // One access line per request, under its id (a proxy's X-Request-Id, or a new one),
        // which the response carries back.
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(RequestSpan)
                .on_response(AccessLine),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(NewRequestId))
        // A bug answers 500 instead of killing the process.
        .layer(CatchPanicLayer::custom(after_panic))
        .with_state(state)
}

/// The server's whole life: loads `.env`, starts logging, loads and validates the
/// configuration, opens the database, serves until SIGTERM. A failure to start is printed
/// with its cause and ends the process with a failure status.
pub async fn run() -> std::process::ExitCode {
    use std::{path::PathBuf, process::ExitCode};

    // Relative paths are read from the server's home (the release archive's folder), whatever
    // directory it was started in.
    let home = crate::server::config::home::home();
    let entered = crate::server::config::home::enter(&home);
    // cargo-leptos only forwards LEPTOS_* variables: the server reads .env itself.
    let dotenv = dotenvy::dotenv();
    let format = match LogFormat::from_env(std::env::var("RDV_LOG_FORMAT").ok().as_deref()) {
        Ok(format) => format,
        Err(error) => {
            eprintln!("rdv-tunnel: invalid configuration: {error}");
            return ExitCode::FAILURE;
        }
    };
    access_log::init(format);
    if let Ok(path) = dotenv {
        tracing::info!(path = %path.display(), "loaded environment file");
    }
    if let Err(error) = entered {
        eprintln!("rdv-tunnel: cannot enter {}: {error}", home.display());
        return std::process::ExitCode::FAILURE;
    }
    let fail = |what: &str, error: &dyn std::fmt::Display| {
        tracing::error!("{what}: {error}");
        eprintln!("rdv-tunnel: {what}: {error}");
        ExitCode::FAILURE
    };

    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        None => {}
        Some("copy-database") => {
            return crate::server::ops::move_database::run(args.next()).await;
        }
        Some("backup") => return crate::server::ops::backup::run(args.next()).await,
        Some(other) => {
            eprintln!(
                "rdv-tunnel: unknown command {other:?}. Without arguments it serves; \
                 `rdv-tunnel copy-database <target URL>` copies DATABASE_URL's data into a new \
                 database, `rdv-tunnel backup <file>` writes a consistent copy of a SQLite one"
            );
            return ExitCode::FAILURE;
        }
    }
    if let Err(error) = crate::server::words::check() {
        return fail("unreadable message catalogue", &error);
    }
    let config_path = std::env::var("RDV_CONFIG")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("Leptos.toml"));
    let config = match Config::load(&config_path, |k| std::env::var(k).ok()) {
        Ok(c) => c,
        Err(error) => return fail("invalid configuration", &error),
    };
    let leptos_options = match get_configuration(None) {
        Ok(conf) => {
            let mut options = conf.leptos_options;
            if let Some(root) = crate::server::config::home::site_root(&options.site_root) {
                options.site_root = root.into();
            }
            assets::with_hashed_assets(options)
        }
        Err(error) => return fail("invalid Leptos options", &error),
    };
    let addr = leptos_options.site_addr;
    let state = match build_state(config, leptos_options).await {
        Ok(s) => s,
        Err(error) => return fail("cannot start", &error),
    };
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(error) => return fail(&format!("cannot listen on {addr}"), &error),
    };
    // The port actually bound (LEPTOS_SITE_ADDR may ask for any free one, port 0).
    let addr = listener.local_addr().unwrap_or(addr);
    tracing::info!("listening on http://{addr}/prendre-rendez-vous");
    spawn_purge(state.db.clone(), state.config.retention_days);
    let (stop, db, grace) = (
        state.shutdown.clone(),
        state.db.clone(),
        state.config.shutdown_grace,
    );
    tokio::spawn({
        let stop = stop.clone();
        async move {
            shutdown::signal().await;
            tracing::info!(
                grace_seconds = grace.as_secs(),
                "stopping: finishing requests in flight"
            );
            stop.begin();
        }
    });
    let header_timeout = state.config.limits.header_timeout;
    let app = build_router(state);
    let serving = serve(listener, app, header_timeout, {
        let stop = stop.clone();
        async move { stop.asked().await }
    });
    tokio::select! {
        () = serving => {}
        () = stop.deadline(grace) => {
            tracing::warn!("requests still in flight at the shutdown deadline: dropped");
        }
    }
    // The server may also end by itself (an error): background work stops as well.
    stop.begin();
    if !stop.finish_tasks(grace).await {
        tracing::warn!("background work unfinished at the shutdown deadline (its claims expire)");
    }
    if tokio::time::timeout(std::time::Duration::from_secs(2), db.close())
        .await
        .is_err()
    {
        tracing::warn!("database connections still in use at exit");
    }
    tracing::info!("stopped");
    ExitCode::SUCCESS
}
