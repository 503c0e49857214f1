//! No acknowledged request is lost: the real server binary is killed with SIGKILL in the
//! middle of a burst of submissions, restarted on the same database, and every submission
//! it acknowledged must be there; forms, drafts and sessions outlive a restart.

use std::{
    collections::HashSet,
    sync::{Arc, Mutex},
    time::Duration,
};

use chrono::Utc;

use crate::support::process::{
    free_port, place, start, start_configured, start_with, token, wait_healthy,
};

#[tokio::test]
async fn sigkill_in_a_burst_loses_no_acknowledged_submission() {
    let place = place().await;
    let port = free_port();
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let mut server = start(&place, port);
    wait_healthy(&http, port).await;
    // One form each: a form is stored once.
    let mut tokens = Vec::new();
    for _ in 0..400 {
        tokens.push(token(&http, port).await);
    }
    let day = (Utc::now().date_naive() + chrono::Days::new(5)).to_string();

    let acknowledged = Arc::new(Mutex::new(HashSet::new()));
    let seen = acknowledged.clone();
    let mut tasks = Vec::new();
    for (i, token) in tokens.into_iter().enumerate() {
        let (http, token, day, acknowledged) =
            (http.clone(), token, day.clone(), acknowledged.clone());
        tasks.push(tokio::spawn(async move {
            let name = format!("Durable {i}");
            let form = [
                ("form[issued]", token.as_str()),
                ("form[type]", "appel"),
                ("form[name]", name.as_str()),
                ("form[email]", "zoe@example.fr"),
                ("form[slots][0][date]", day.as_str()),
                ("form[slots][0][from]", "09:00"),
                ("form[slots][0][to]", "10:00"),
                ("form[consent]", "on"),
            ];
            let reply = http
                .post(format!("http://127.0.0.1:{port}/api/fn/propose"))
                .form(&form)
                .send()
                .await;
            if let Ok(r) = reply {
                if r.status() == 200 && r.text().await.unwrap_or_default().contains("Saved") {
                    acknowledged.lock().unwrap().insert(name);
                }
            }
        }));
        if i % 20 == 19 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        if i == 200 {
            // Mid-burst, once the server has acknowledged something.
            for _ in 0..500 {
                if !seen.lock().unwrap().is_empty() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            server.kill();
        }
    }
    for t in tasks {
        t.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        !acknowledged.is_empty(),
        "some submissions were acknowledged before the kill"
    );
    assert!(acknowledged.len() < 400, "the kill happened mid-burst");

    // Restart on the same database: it opens (SQLite: WAL recovery) and holds every
    // acknowledged row.
    let port = free_port();
    let mut server = start(&place, port);
    wait_healthy(&http, port).await;
    let pool = crate::support::raw_db(&place.db_url).await;
    let stored: HashSet<String> = sqlx::query_scalar("SELECT name FROM proposals")
        .fetch_all(&pool)
        .await
        .unwrap()
        .into_iter()
        .collect();
    eprintln!(
        "{} of 400 acknowledged before SIGKILL; {} rows after restart",
        acknowledged.len(),
        stored.len()
    );
    let lost: Vec<&String> = acknowledged
        .iter()
        .filter(|n| !stored.contains(*n))
        .collect();
    assert!(lost.is_empty(), "lost after SIGKILL: {lost:?}");
    server.kill();
}

#[tokio::test]
async fn sigterm_lets_requests_in_flight_finish_then_exits_cleanly() {
    // A Cal.com that takes 1.5 s to answer keeps a request in flight while SIGTERM arrives.
    let (fake, calcom) = crate::support::process::fake_calcom_for_processes().await;
    fake.set(crate::support::Behaviour::Slow { millis: 1_500 });
    let place = place().await;
    let port = free_port();
    let mut server = start_with(&place, port, &[calcom]);
    let http = reqwest::Client::new();
    wait_healthy(&http, port).await;
    let in_flight = tokio::spawn({
        let http = http.clone();
        async move {
            http.get(format!(
                "http://127.0.0.1:{port}/api/calcom/slots?type=appel"
            ))
            .send()
            .await
        }
    });
    // Wait until the request reached Cal.com, then ask the server to stop.
    crate::support::wait_for("the request to reach Cal.com", || fake.calls() > 0).await;
    let pid = i32::try_from(server.0.id()).unwrap();
    // SAFETY: kill(2) on our own child's pid, with a valid signal number.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let answer = in_flight
        .await
        .unwrap()
        .expect("the request in flight is answered");
    assert_eq!(answer.status(), 200);
    assert!(answer.text().await.unwrap().starts_with('['));
    // Then the process ends on its own, successfully, and accepts nothing more.
    let status = tokio::task::spawn_blocking(move || {
        let status = server.0.wait();
        (status, server)
    })
    .await
    .unwrap()
    .0
    .unwrap();
    assert!(status.success(), "{status:?}");
    assert!(http
        .get(format!("http://127.0.0.1:{port}/healthz"))
        .send()
        .await
        .is_err());
}

/// Zoé's proposal with these `slots` fields, posted without JavaScript:
/// where the server sends the browser.
async fn propose(http: &reqwest::Client, port: u16, token: &str, slots: &[(&str, &str)]) -> String {
    let mut form = vec![
        ("form[issued]", token),
        ("form[type]", "appel"),
        ("form[name]", "Zoé Dupont"),
        ("form[email]", "zoe@example.fr"),
        ("form[consent]", "on"),
    ];
    form.extend_from_slice(slots);
    let r = http
        .post(format!("http://127.0.0.1:{port}/api/fn/propose"))
        .header("accept", "text/html")
        .form(&form)
        .send()
        .await
        .unwrap();
    r.headers()["location"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn a_form_shown_before_a_restart_is_accepted_after_it() {
    let place = place().await;
    let port = free_port();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut server = start(&place, port);
    wait_healthy(&http, port).await;
    let token = token(&http, port).await;
    // A deploy: the process is replaced while the visitor types.
    server.kill();
    let _server = start(&place, port);
    wait_healthy(&http, port).await;
    let day = (Utc::now().date_naive() + chrono::Days::new(5)).to_string();
    let to = propose(
        &http,
        port,
        &token,
        &[
            ("form[slots][0][date]", day.as_str()),
            ("form[slots][0][from]", "09:00"),
            ("form[slots][0][to]", "10:00"),
        ],
    )
    .await;
    assert_eq!(
        to, "/prendre-rendez-vous/merci?type=appel",
        "not refused as expired"
    );
}

#[tokio::test]
async fn an_admin_session_survives_a_restart_and_signing_out_ends_it() {
    let place = place().await;
    let port = free_port();
    let admin = [(
        "ADMIN_TOKEN",
        "durability-admin-token-0123456789".to_string(),
    )];
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let url = |path: &str| format!("http://127.0.0.1:{port}{path}");
    let mut server = start_with(&place, port, &admin);
    wait_healthy(&http, port).await;
    let signed_in = http
        .post(url("/admin/connexion"))
        .form(&[("token", admin[0].1.as_str())])
        .send()
        .await
        .unwrap();
    let cookie = signed_in.headers()["set-cookie"].to_str().unwrap();
    let session = cookie.split(';').next().unwrap().to_string();
    server.kill();
    let _server = start_with(&place, port, &admin);
    wait_healthy(&http, port).await;
    let inbox = |session: String| {
        let http = http.clone();
        let url = url("/admin");
        async move {
            http.get(url)
                .header("cookie", session)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(
        inbox(session.clone()).await,
        200,
        "still signed in after the restart"
    );
    let out = http
        .post(url("/admin/deconnexion"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 303);
    assert_eq!(inbox(session).await, 401, "signed out on the server");
}

#[tokio::test]
async fn a_refused_form_comes_back_with_what_was_typed_after_a_restart() {
    let place = place().await;
    let port = free_port();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut server = start(&place, port);
    wait_healthy(&http, port).await;
    let token = token(&http, port).await;
    // No availability given: refused, what was typed kept behind the draft in the URL.
    let back = propose(&http, port, &token, &[]).await;
    assert!(back.contains("draft="), "{back}");
    server.kill();
    let _server = start(&place, port);
    wait_healthy(&http, port).await;
    let html = http
        .get(format!("http://127.0.0.1:{port}{back}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        crate::support::html::attr(&html, "input[name='form[email]']", "value").as_deref(),
        Some("zoe@example.fr")
    );
    assert!(html.contains("Proposez au moins un créneau"));
}

#[tokio::test]
async fn two_processes_starting_together_on_a_new_database_both_serve() {
    let place = place().await;
    let http = reqwest::Client::new();
    // Both apply (or find applied) every migration on the same new database.
    let first = start_configured(&place, 0, "", &[]);
    let second = start_configured(&place, 0, "", &[]);
    let (_first, one) = crate::support::process::bound(first).await;
    let (_second, two) = crate::support::process::bound(second).await;
    wait_healthy(&http, one).await;
    wait_healthy(&http, two).await;
    for port in [one, two] {
        let page = http
            .get(format!("http://127.0.0.1:{port}/prendre-rendez-vous"))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
    }
}
