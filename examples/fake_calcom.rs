//! The fake Cal.com as a process, for the Playwright tests and the benchmark.
//!
//! `cargo run --features ssr --example fake_calcom -- [PORT] [LATENCY_MS] [QUOTA]`
//! QUOTA: calls per key and minute (Cal.com's 120 by default; the browser tests and the
//! benchmark, many visitors a minute on one key, raise it: the quota's effects are tested in
//! the API suite).
//! Answers event type ids 2283473 and 2283474 (rdv-tunnel's defaults and the Next.js peer's),
//! and 2283475, whose bookings need an answer to a required question "Société" (`company`).

#[path = "../tests/api/support/fake_calcom.rs"]
mod fake_calcom;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let port: u16 = args.next().and_then(|p| p.parse().ok()).unwrap_or(3210);
    let latency: u64 = args.next().and_then(|l| l.parse().ok()).unwrap_or(0);
    let quota: Option<u64> = args.next().and_then(|q| q.parse().ok());
    let state = fake_calcom::FakeState::new(&[2283473, 2283474, 2283475]);
    state.booking_fields.lock().unwrap_or_else(|p| p.into_inner()).insert(
        2283475,
        vec![serde_json::json!({
            "type": "text", "slug": "company", "label": "Société", "required": true, "hidden": false
        })],
    );
    *state.latency.lock().unwrap_or_else(|p| p.into_inner()) =
        std::time::Duration::from_millis(latency);
    if let Some(quota) = quota {
        state.quota.lock().unwrap_or_else(|p| p.into_inner()).limit = quota;
    }
    match fake_calcom::spawn(state, ([127, 0, 0, 1], port).into()).await {
        Ok(addr) => {
            println!("fake Cal.com listening on http://{addr}");
            std::future::pending::<()>().await;
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("fake Cal.com: cannot listen on 127.0.0.1:{port}: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
