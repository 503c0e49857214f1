//! Two real server processes on one database (a new PostgreSQL database, or one SQLite
//! file), driven alternately as a round-robin load balancer would: nothing that matters
//! lives in one process, and a stopping process gives its work back.

use std::{
    collections::HashSet,
    time::{Duration, Instant},
};

use chrono::Utc;

use crate::support::{
    booking_form,
    html::attr,
    process::{booking_token, place, start_anywhere, token, wait_healthy, Place, Server},
};

const ADMIN_TOKEN: &str = "instances-admin-token-0123456789";

/// Two instances on one database, with the same settings.
struct Pair {
    place: Place,
    ports: [u16; 2],
    /// Held: dropping them stops the processes.
    _servers: Vec<Server>,
    http: reqwest::Client,
}

impl Pair {
    async fn start(settings: &str, env: &[(&str, String)]) -> Self {
        let place = place().await;
        let (first, one) = start_anywhere(&place, settings, env).await;
        let (second, two) = start_anywhere(&place, settings, env).await;
        let (ports, servers) = ([one, two], vec![first, second]);
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        for port in ports {
            wait_healthy(&http, port).await;
        }
        Self {
            place,
            ports,
            _servers: servers,
            http,
        }
    }

    fn url(&self, instance: usize, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.ports[instance])
    }

    /// Posts a proposal form to `instance`, as a browser without JavaScript:
    /// where it is sent next.
    async fn propose(&self, instance: usize, token: &str, name: &str, day: Option<&str>) -> String {
        let mut form = vec![
            ("form[issued]", token),
            ("form[type]", "appel"),
            ("form[name]", name),
            ("form[email]", "zoe@example.fr"),
            ("form[consent]", "on"),
        ];
        if let Some(day) = day {
            form.extend([
                ("form[slots][0][date]", day),
                ("form[slots][0][from]", "09:00"),
                ("form[slots][0][to]", "10:00"),
            ]);
        }
        let r = self
            .http
            .post(self.url(instance, "/api/fn/propose"))
            .header("accept", "text/html")
            .form(&form)
            .send()
            .await
            .unwrap();
        match r.headers().get("location") {
            Some(to) => to.to_str().unwrap().to_string(),
            None => format!("status {}", r.status()),
        }
    }
}

fn in_five_days() -> String {
    (Utc::now().date_naive() + chrono::Days::new(5)).to_string()
}

#[tokio::test]
async fn a_form_shown_by_one_instance_is_accepted_by_the_other_and_a_refused_one_comes_back_on_either(
) {
    let pair = Pair::start("", &[]).await;
    let token = token(&pair.http, pair.ports[0]).await;
    // Refused by the second instance (no availability): its draft is shown by the first.
    let back = pair.propose(1, &token, "Zoé Dupont", None).await;
    assert!(back.contains("draft="), "{back}");
    let html = pair
        .http
        .get(pair.url(0, &back))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        attr(&html, "input[name='form[name]']", "value").as_deref(),
        Some("Zoé Dupont")
    );
    assert!(
        html.contains("Proposez au moins un créneau"),
        "the error too"
    );
    // The form the first instance signed is accepted by the second.
    let to = pair
        .propose(1, &token, "Zoé Dupont", Some(&in_five_days()))
        .await;
    assert_eq!(to, "/prendre-rendez-vous/merci?type=appel");
}

#[tokio::test]
async fn an_admin_session_opened_on_one_instance_works_on_the_other_until_signed_out_on_either() {
    let pair = Pair::start("", &[("ADMIN_TOKEN", ADMIN_TOKEN.to_string())]).await;
    let signed_in = pair
        .http
        .post(pair.url(0, "/admin/connexion"))
        .form(&[("token", ADMIN_TOKEN)])
        .send()
        .await
        .unwrap();
    let cookie = signed_in.headers()["set-cookie"].to_str().unwrap();
    let session = cookie.split(';').next().unwrap().to_string();
    let inbox = |instance: usize| {
        let (http, url, session) = (
            pair.http.clone(),
            pair.url(instance, "/admin"),
            session.clone(),
        );
        async move {
            http.get(url)
                .header("cookie", session)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!((inbox(0).await, inbox(1).await), (200, 200));
    let out = pair
        .http
        .post(pair.url(1, "/admin/deconnexion"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 303);
    assert_eq!(
        (inbox(0).await, inbox(1).await),
        (401, 401),
        "ended on both"
    );
}

#[tokio::test]
async fn the_post_limit_and_the_admin_failure_limit_count_across_instances() {
    let pair = Pair::start(
        "posts_per_minute = 4\n\n[admin]\nfailures_per_minute = 3\n",
        &[("ADMIN_TOKEN", ADMIN_TOKEN.to_string())],
    )
    .await;
    let day = in_five_days();
    let mut thanked = 0;
    let mut limited = 0;
    for i in 0..6 {
        let token = token(&pair.http, pair.ports[i % 2]).await;
        let to = pair
            .propose(i % 2, &token, &format!("Zoé {i}"), Some(&day))
            .await;
        match to.as_str() {
            "/prendre-rendez-vous/merci?type=appel" => thanked += 1,
            "status 429 Too Many Requests" => limited += 1,
            other => panic!("{other}"),
        }
    }
    assert_eq!(
        (thanked, limited),
        (4, 2),
        "4 posts a minute in all, not per instance"
    );

    // Admin sign-in failures: the limit of 3 is shared too (the post limit is not reached
    // for these: they come from another client, as a proxy would say).
    let sign_in = |instance: usize, token: &'static str| {
        let (http, url) = (pair.http.clone(), pair.url(instance, "/admin"));
        async move {
            http.get(url)
                .header("authorization", format!("Bearer {token}"))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    for instance in [0, 1, 0] {
        assert_eq!(sign_in(instance, "wrong-token").await, 401);
    }
    assert_eq!(
        sign_in(1, ADMIN_TOKEN).await,
        429,
        "blocked on the other one too"
    );
}

#[tokio::test]
async fn proposals_on_both_instances_with_a_slow_receiver_are_each_delivered_once() {
    let (receiver, addr) =
        crate::notifications::start_receiver_with(0, Duration::from_millis(300)).await;
    let pair = Pair::start("", &[("NOTIFY_WEBHOOK_URL", format!("http://{addr}/hook"))]).await;
    let day = in_five_days();
    const N: usize = 6;
    for i in 0..N {
        let token = token(&pair.http, pair.ports[(i + 1) % 2]).await;
        let to = pair
            .propose(i % 2, &token, &format!("Zoé {i}"), Some(&day))
            .await;
        assert_eq!(to, "/prendre-rendez-vous/merci?type=appel");
    }
    crate::support::wait_for("every notification", || {
        receiver.seen.lock().unwrap().len() >= N
    })
    .await;
    // Both workers had time to send one again, if they were going to.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let seen = receiver.seen.lock().unwrap();
    let deliveries: HashSet<&str> = seen
        .iter()
        .map(|(headers, _, _)| headers["x-rdv-delivery"].to_str().unwrap())
        .collect();
    assert_eq!(seen.len(), N, "exactly one delivery each");
    assert_eq!(deliveries.len(), N);
}

#[tokio::test]
async fn a_booking_on_one_instance_stops_the_other_offering_the_hour_within_a_second() {
    let (_fake, calcom) = crate::support::process::fake_calcom_for_processes().await;
    let pair = Pair::start(
        "\n[tunnel]\ncache_ttl_seconds = 300\n",
        &[
            calcom.clone(),
            ("CAL_COM_TOKEN", crate::support::SENTINEL_TOKEN.to_string()),
        ],
    )
    .await;
    let offered = |instance: usize| {
        let (http, url) = (
            pair.http.clone(),
            pair.url(instance, "/api/calcom/slots?type=appel&range=14"),
        );
        async move {
            let days: serde_json::Value = http.get(url).send().await.unwrap().json().await.unwrap();
            days.as_array()
                .unwrap()
                .iter()
                .flat_map(|day| {
                    let date = day["date"].as_str().unwrap().to_string();
                    day["hours"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(move |h| (date.clone(), h.as_str().unwrap().to_string()))
                })
                .collect::<Vec<_>>()
        }
    };
    // Both have the week in their cache.
    let before = offered(1).await;
    assert_eq!(offered(0).await, before);
    let (date, hour) = before[0].clone();

    let token = booking_token(&pair.http, pair.ports[0], &date, &hour).await;
    let form = booking_form(&token, &date, &hour, "zoe@example.fr");
    let booked = pair
        .http
        .post(pair.url(0, "/api/fn/book"))
        .header("accept", "text/html")
        .form(&form)
        .send()
        .await
        .unwrap();
    let to = booked.headers()["location"].to_str().unwrap().to_string();
    assert!(to.contains("/confirmation/"), "{to}");
    let since = Instant::now();
    loop {
        if !offered(1).await.contains(&(date.clone(), hour.clone())) {
            break;
        }
        assert!(
            since.elapsed() < Duration::from_secs(1),
            "the other instance still offers {date} {hour} a second after it was booked"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    eprintln!(
        "the other instance stopped offering it after {:?}",
        since.elapsed()
    );
}

#[tokio::test]
async fn a_stopping_instance_gives_back_the_notifications_it_claimed() {
    // Each delivery takes 1.5 s: a stop arrives while the first of three is being sent.
    let (receiver, addr) =
        crate::notifications::start_receiver_with(0, Duration::from_millis(1_500)).await;
    let hook = [
        ("NOTIFY_WEBHOOK_URL", format!("http://{addr}/hook")),
        ("RDV_SHUTDOWN_SECONDS", "5".to_string()),
    ];
    let place = place().await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let (first, port) = start_anywhere(&place, "", &hook).await;
    wait_healthy(&http, port).await;
    let pair_like = Pair {
        place,
        ports: [port, port],
        _servers: Vec::new(),
        http: http.clone(),
    };
    let day = in_five_days();
    for i in 0..3 {
        let token = token(&http, port).await;
        let to = pair_like
            .propose(0, &token, &format!("Zoé {i}"), Some(&day))
            .await;
        assert_eq!(to, "/prendre-rendez-vous/merci?type=appel");
    }
    // The worker starts at once (woken by the commit): 0.5 s later, the first delivery is
    // under way.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let stopping = Instant::now();
    first.terminate();
    assert!(
        first.wait_ended(Duration::from_secs(6)).await,
        "a clean exit"
    );
    assert!(
        stopping.elapsed() < Duration::from_secs(5),
        "within its deadline"
    );
    let sent_by_first = receiver.seen.lock().unwrap().len();
    assert!(sent_by_first < 3, "it stopped before sending everything");

    // Another instance sends the rest at once, not when a 60 s lease runs out.
    let _second = start_anywhere(&pair_like.place, "", &hook).await;
    let since = Instant::now();
    crate::support::wait_for("the rest of the notifications", || {
        receiver.seen.lock().unwrap().len() >= 3
    })
    .await;
    assert!(since.elapsed() < Duration::from_secs(15));
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(receiver.seen.lock().unwrap().len(), 3, "none sent twice");
}

#[tokio::test]
async fn a_request_longer_than_the_shutdown_deadline_does_not_hold_the_stop() {
    let (fake, calcom) = crate::support::process::fake_calcom_for_processes().await;
    fake.set(crate::support::Behaviour::Slow { millis: 20_000 });
    let place = place().await;
    let (server, port) = start_anywhere(
        &place,
        "",
        &[calcom.clone(), ("RDV_SHUTDOWN_SECONDS", "1".to_string())],
    )
    .await;
    let http = reqwest::Client::new();
    wait_healthy(&http, port).await;
    let _stuck = tokio::spawn({
        let http = http.clone();
        async move {
            http.get(format!(
                "http://127.0.0.1:{port}/api/calcom/slots?type=appel"
            ))
            .send()
            .await
        }
    });
    crate::support::wait_for("the request to reach Cal.com", || fake.calls() > 0).await;
    let stopping = Instant::now();
    server.terminate();
    assert!(server.wait_ended(Duration::from_secs(5)).await);
    assert!(
        stopping.elapsed() < Duration::from_secs(3),
        "{:?}",
        stopping.elapsed()
    );
}
