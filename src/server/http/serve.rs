//! Accepting connections, with what axum's `serve` does not set: a client that does not
//! finish sending its request line and headers within the header timeout is disconnected
//! (otherwise thousands of half-open connections hold file descriptors, and a shutdown
//! waits for them); `TCP_NODELAY` on every connection; on stop, no new connection, and each
//! open one is asked to finish its request and close.

use std::{future::Future, net::SocketAddr, time::Duration};

use axum::{
    body::Body,
    extract::{Request, State},
    middleware::Next,
    response::Response,
    Router,
};
use hyper::body::Incoming;
use hyper_util::{
    rt::{TokioExecutor, TokioIo, TokioTimer},
    server::{conn::auto::Builder, graceful::GracefulShutdown},
    service::TowerToHyperService,
};
use tokio::net::TcpListener;
use tower::{Service, ServiceExt};

/// Serves `app` on `listener` until `stop` resolves, then waits for the open connections to
/// finish (the caller bounds that wait with its deadline).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    header_timeout: Duration,
    stop: impl Future<Output = ()>,
) {
    let mut make = app.into_make_service_with_connect_info::<SocketAddr>();
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(Some(Duration::from_secs(20)));
    let connections = GracefulShutdown::new();
    tokio::pin!(stop);
    loop {
        let (tcp, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, say: wait a little rather than spin.
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        // Pages stream in several small writes: without TCP_NODELAY, Nagle's algorithm and
        // delayed ACKs hold each response on a kept-alive connection for tens of ms.
        if let Err(error) = tcp.set_nodelay(true) {
            tracing::debug!(%error, "TCP_NODELAY");
        }
        let service = match make.call(peer).await {
            Ok(service) => service,
            Err(never) => match never {},
        };
        let service = TowerToHyperService::new(
            service.map_request(|request: Request<Incoming>| request.map(Body::new)),
        );
        let connection = connections.watch(
            builder
                .serve_connection_with_upgrades(TokioIo::new(tcp), service)
                .into_owned(),
        );
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended");
            }
        });
    }
    drop(listener);
    connections.shutdown().await;
}

/// Reads a request's body (at most `max_bytes`) within `within` before the handler runs: a
/// client that sends its body too slowly gets a French 408 (and one that sends too much a
/// 413) instead of holding the request open. Forms are small, so holding them whole costs
/// nothing.
pub async fn read_body_within(
    State((within, max_bytes)): State<(Duration, usize)>,
    request: Request,
    next: Next,
) -> Response {
    use super::error_status::{answer, page_for};
    use crate::error::AppError;
    let html = page_for(request.headers(), request.uri().query());
    let (parts, body) = request.into_parts();
    match tokio::time::timeout(within, axum::body::to_bytes(body, max_bytes)).await {
        Ok(Ok(bytes)) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Ok(Err(_)) => answer(&AppError::TooLarge, html.clone()),
        Err(_) => {
            tracing::info!(path = %parts.uri.path(), "request body too slow: 408");
            answer(&AppError::TimedOut, html)
        }
    }
}
