//! Server entry point: load `.env`, init tracing, load and validate config, serve.

/// glibc raises its mmap threshold each time a large block is freed; past that, large
/// buffers (a brotli encoder's window: megabytes per compressed response) come from the heap
/// and stay there after use. Measured here: RSS grew from 20 to 38 MB over a few browser
/// loads. A fixed threshold gives such buffers back to the system when they are freed.
#[cfg(all(feature = "ssr", target_os = "linux", target_env = "gnu"))]
fn return_large_buffers_to_the_system() {
    // SAFETY: mallopt only sets an allocator parameter; it runs once, before any other
    // thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(feature = "ssr")]
fn main() -> std::process::ExitCode {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    return_large_buffers_to_the_system();
    // A few blocking threads are plenty for static files and SQLite; tokio's default (512)
    // lets a burst of asset requests start threads that each keep memory afterwards.
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(4)
        .build()
    {
        Ok(runtime) => runtime.block_on(serve()),
        Err(error) => {
            eprintln!("rdv-tunnel: cannot start the runtime: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(feature = "ssr")]
async fn serve() -> std::process::ExitCode {
    use std::{path::PathBuf, process::ExitCode};

    use leptos::prelude::get_configuration;
    use rdv_tunnel::server::{config::Config, startup};
    use tracing_subscriber::EnvFilter;

    // cargo-leptos only forwards LEPTOS_* variables: the server reads .env itself.
    let dotenv = dotenvy::dotenv();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,rdv_tunnel=info")),
        )
        .init();
    if let Ok(path) = dotenv {
        tracing::info!(path = %path.display(), "loaded environment file");
    }

    let config_path = std::env::var("RDV_CONFIG")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("Leptos.toml"));
    let config = match Config::load(&config_path, |k| std::env::var(k).ok()) {
        Ok(c) => c,
        Err(error) => {
            tracing::error!("invalid configuration: {error}");
            eprintln!("rdv-tunnel: invalid configuration: {error}");
            return ExitCode::FAILURE;
        }
    };
    let leptos_options = match get_configuration(None) {
        Ok(conf) => rdv_tunnel::server::assets::with_hashed_assets(conf.leptos_options),
        Err(error) => {
            eprintln!("rdv-tunnel: invalid Leptos options: {error}");
            return ExitCode::FAILURE;
        }
    };
    let addr = leptos_options.site_addr;
    let state = match startup::build_state(config, leptos_options).await {
        Ok(s) => s,
        Err(error) => {
            tracing::error!("cannot start: {error}");
            eprintln!("rdv-tunnel: cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(error) => {
            eprintln!("rdv-tunnel: cannot listen on {addr}: {error}");
            return ExitCode::FAILURE;
        }
    };
    tracing::info!("listening on http://{addr}/prendre-rendez-vous");
    rdv_tunnel::server::retention::spawn_purge(state.db.clone(), state.config.retention_days);
    let app = startup::build_router(state);
    if let Err(error) = axum::serve(
        // Pages stream in several small writes: without TCP_NODELAY, Nagle's algorithm and
        // delayed ACKs hold each response on a kept-alive connection for tens of ms.
        axum::serve::ListenerExt::tap_io(listener, |tcp| {
            if let Err(error) = tcp.set_nodelay(true) {
                tracing::debug!(%error, "TCP_NODELAY");
            }
        }),
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(startup::shutdown_signal())
    .await
    {
        eprintln!("rdv-tunnel: server error: {error}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

#[cfg(not(feature = "ssr"))]
pub fn main() {
    // The browser entry point is `hydrate` in lib.rs.
}
