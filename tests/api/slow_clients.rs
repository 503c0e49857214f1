//! Slow and numerous clients: connections that never finish their headers are closed at the
//! header timeout while others are served, a body sent too slowly gets a 408, past the limit
//! of requests in flight new ones get a quick 503, and a flood of large refused posts leaves
//! the server's memory where it was.

use std::time::{Duration, Instant};

use rdv_tunnel::server::config::ConnectionLimits;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::{spawn_app, AppOptions, Behaviour};

fn limits(header_timeout_ms: u64, max_in_flight: usize) -> ConnectionLimits {
    ConnectionLimits {
        header_timeout: Duration::from_millis(header_timeout_ms),
        request_timeout: Duration::from_secs(60),
        max_in_flight,
        hsts: None,
    }
}

#[tokio::test]
async fn connections_that_never_finish_their_headers_are_closed_while_others_are_served() {
    let app = spawn_app(AppOptions {
        limits: Some(limits(2_000, 512)),
        ..AppOptions::default()
    })
    .await;
    let started = Instant::now();
    let mut stalled = Vec::new();
    for _ in 0..100 {
        let mut tcp = tokio::net::TcpStream::connect(app.addr).await.unwrap();
        tcp.write_all(b"GET /prendre-rendez-vous HTTP/1.1\r\nHost: rdv\r\n")
            .await
            .unwrap();
        stalled.push(tcp);
    }
    // Meanwhile, everyone else is served: while all hundred are still open (no timing
    // that a loaded machine could miss).
    let r = app.get("/healthz").await;
    assert_eq!(r.status(), 200);
    for tcp in &stalled {
        let mut buffer = [0u8; 1];
        assert!(
            matches!(tcp.try_read(&mut buffer), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
            "a stalled connection was closed before another client was served ({:?})",
            started.elapsed()
        );
    }
    // Each stalled connection is closed by the server at the header timeout.
    for mut tcp in stalled {
        let mut buffer = [0u8; 512];
        let closed = tokio::time::timeout(Duration::from_secs(4), async {
            loop {
                match tcp.read(&mut buffer).await {
                    Ok(0) | Err(_) => break,
                    Ok(_) => continue,
                }
            }
        })
        .await;
        assert!(closed.is_ok(), "still open after {:?}", started.elapsed());
    }
    assert!(started.elapsed() < Duration::from_secs(6));
    assert!(
        started.elapsed() >= Duration::from_millis(1_900),
        "not before the timeout"
    );
}

#[tokio::test]
async fn a_body_sent_too_slowly_is_answered_408_in_french() {
    let app = spawn_app(AppOptions {
        limits: Some(limits(1_000, 512)),
        ..AppOptions::default()
    })
    .await;
    let mut tcp = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    tcp.write_all(
        format!(
            "POST /api/fn/propose HTTP/1.1\r\nHost: {}\r\nAccept: text/html\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 400\r\n\r\nform%5Bname%5D=Zo",
            app.addr
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    let started = Instant::now();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), tcp.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("trop de temps"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[tokio::test]
async fn past_the_requests_in_flight_a_new_one_gets_a_quick_503() {
    let app = spawn_app(AppOptions {
        limits: Some(limits(10_000, 2)),
        ..AppOptions::default()
    })
    .await;
    app.fake().set(Behaviour::Slow { millis: 2_000 });
    let busy: Vec<_> = ["appel", "visio"]
        .into_iter()
        .map(|event| {
            let (http, url) = (
                app.http.clone(),
                app.url(&format!("/api/calcom/slots?type={event}")),
            );
            tokio::spawn(async move { http.get(url).send().await })
        })
        .collect();
    crate::support::wait_for("both requests to reach Cal.com", || app.fake().calls() >= 2).await;
    let started = Instant::now();
    let refused = app
        .http
        .get(app.url("/prendre-rendez-vous"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 503);
    assert!(started.elapsed() < Duration::from_millis(500));
    assert_eq!(refused.headers()["retry-after"], "5");
    assert!(refused.text().await.unwrap().contains("très sollicité"));
    let api = app.get("/healthz").await;
    assert_eq!(api.status(), 503);
    assert_eq!(
        api.text().await.unwrap(),
        "\"Busy\"",
        "the API's JSON error"
    );
    for request in busy {
        let _ = request.await;
    }
    assert_eq!(app.get("/healthz").await.status(), 200, "served again");
}

/// The resident memory of process `pid`, in KiB.
fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[tokio::test]
async fn nine_hundred_refused_60_kb_posts_leave_memory_where_it_was() {
    use crate::support::process::{place, start_anywhere, wait_healthy};
    let place = place().await;
    let (server, port) = start_anywhere(&place, "", &[]).await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    wait_healthy(&http, port).await;
    let url = format!("http://127.0.0.1:{port}/api/fn/propose");
    // 60 KB, under the 64 KiB body limit once encoded.
    let big = "a".repeat(60_000);
    let post = || {
        let (http, url, big) = (http.clone(), url.clone(), big.clone());
        async move {
            // No valid token: refused, and kept as a draft to show again.
            let form = [
                ("form[issued]", "1.forged"),
                ("form[type]", "appel"),
                ("form[message]", big.as_str()),
            ];
            http.post(&url)
                .header("accept", "text/html")
                .form(&form)
                .send()
                .await
                .map(|r| r.status().as_u16())
        }
    };
    // Warm up (allocator pools, connections), then measure.
    for _ in 0..20 {
        post().await.unwrap();
    }
    let before = rss_kib(server.0.id());
    for _ in 0..45 {
        let answers = futures_join((0..20).map(|_| post()).collect::<Vec<_>>()).await;
        assert!(
            answers.iter().all(|a| matches!(a, Ok(302) | Ok(303))),
            "{answers:?}"
        );
    }
    let after = rss_kib(server.0.id());
    eprintln!("RSS before {before} KiB, after 900 refused 60 KB posts {after} KiB");
    assert!(after < before + 30 * 1024, "grew by {} KiB", after - before);
}

/// Runs `futures` concurrently and returns their outputs in order.
async fn futures_join<F>(futures: Vec<F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}
