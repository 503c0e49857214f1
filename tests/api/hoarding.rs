//! Holds that cannot be hoarded and cost nothing to show: only a visitor's own click holds,
//! switching hours costs a bounded number of Cal.com calls and no availability fetch, all
//! visits together hold at most a share of a week, and anonymous browsing never spends the
//! Cal.com calls a booking needs.

use std::{sync::atomic::Ordering, time::Duration};

use crate::{
    holds::free_hours,
    support::{booking_form, location, spawn_app, AppOptions, Shown, TestApp},
};

const HELD: &str = "vous est réservé";

fn contact_url(app: &TestApp, date: &str, hour: &str, hold: Option<&str>) -> String {
    let visit = hold.map(|h| format!("&hold={h}")).unwrap_or_default();
    app.url(&format!(
        "/prendre-rendez-vous?type=appel&date={date}&hour={hour}{visit}"
    ))
}

/// The contact step as a browser at `client` (behind the trusted proxy) sees it.
async fn contact_from(
    app: &TestApp,
    client: &str,
    (date, hour): (&str, &str),
    hold: Option<&str>,
) -> String {
    app.http
        .get(contact_url(app, date, hour, hold))
        .header("x-forwarded-for", client)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_link_previewer_or_a_prefetch_holds_nothing() {
    let app = spawn_app(AppOptions::default()).await;
    let hours = free_hours(&app).await;
    let (date, hour) = &hours[0];
    // A previewer or a mail scanner fetching a shared URL: no Fetch Metadata.
    let previewer = reqwest::Client::new();
    let page = previewer
        .get(contact_url(&app, date, hour, None))
        .header("user-agent", "Slackbot-LinkExpanding 1.0")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("Confirmer le rendez-vous") && !page.contains(HELD));
    // A browser's prefetch or prerender of the next page.
    for (name, value) in [
        ("sec-purpose", "prefetch"),
        ("sec-purpose", "prefetch;prerender"),
        ("purpose", "prefetch"),
    ] {
        let page = app
            .http
            .get(contact_url(&app, date, hour, None))
            .header(name, value)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!page.contains(HELD), "{name}: {value}");
    }
    assert!(app.fake().life.lock().unwrap().reserved.is_empty());
    // The visitor's own click does hold.
    let page = app
        .http
        .get(contact_url(&app, date, hour, None))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(HELD));
    assert_eq!(app.fake().life.lock().unwrap().reserved.len(), 1);
}

#[tokio::test]
async fn thirty_hour_switches_cost_at_most_fifteen_calcom_calls_and_no_availability_fetch() {
    let app = spawn_app(AppOptions::default()).await;
    let hours = free_hours(&app).await;
    let fake = app.fake();
    let (calls, slot_calls) = (
        fake.all_calls.load(Ordering::SeqCst),
        fake.slot_calls.load(Ordering::SeqCst),
    );
    let first =
        Shown::read(&contact_from(&app, "127.0.0.1", (&hours[0].0, &hours[0].1), None).await);
    let mut held = 1;
    for n in 1..30 {
        let (date, hour) = &hours[n % 2];
        if contact_from(&app, "127.0.0.1", (date, hour), Some(&first.hold))
            .await
            .contains(HELD)
        {
            held += 1;
        }
    }
    let spent = fake.all_calls.load(Ordering::SeqCst) - calls;
    assert!(spent <= 15, "{spent} Cal.com calls for 30 switches");
    assert_eq!(
        fake.slot_calls.load(Ordering::SeqCst),
        slot_calls,
        "no availability fetched again"
    );
    assert_eq!(held, 6, "spam.holds_per_client_per_hour");
    // Another visit of the same client is not a new allowance.
    let page = contact_from(&app, "127.0.0.1", (&hours[2].0, &hours[2].1), None).await;
    assert!(!page.contains(HELD));
}

#[tokio::test]
async fn six_clients_together_hold_at_most_the_set_share_of_a_week() {
    let app = spawn_app(AppOptions {
        settings: vec![
            (
                "trusted_proxies = []",
                "trusted_proxies = [\"127.0.0.0/8\"]",
            ),
            ("holds_per_client = 2", "holds_per_client = 100"),
            (
                "holds_per_client_per_hour = 6",
                "holds_per_client_per_hour = 100",
            ),
        ],
        ..AppOptions::default()
    })
    .await;
    let hours = free_hours(&app).await;
    // The first offered week (Monday to Sunday, Paris time).
    let week: Vec<(String, String)> = {
        let first = chrono::NaiveDate::parse_from_str(&hours[0].0, "%Y-%m-%d").unwrap();
        let monday = first
            - chrono::Duration::days(i64::from(
                chrono::Datelike::weekday(&first).num_days_from_monday(),
            ));
        let next = (monday + chrono::Duration::days(7)).to_string();
        hours.iter().filter(|(d, _)| *d < next).cloned().collect()
    };
    let share = (week.len() * 30 / 100).max(1);
    let mut held = 0;
    for (n, (date, hour)) in week.iter().enumerate() {
        let client = format!("203.0.113.{}", n % 6 + 1);
        if contact_from(&app, &client, (date, hour), None)
            .await
            .contains(HELD)
        {
            held += 1;
        }
    }
    assert_eq!(
        held,
        share,
        "spam.holds_share_percent of {} hours",
        week.len()
    );
    assert_eq!(app.fake().life.lock().unwrap().reservations.len(), share);
    // What is not held stays bookable, here and at Cal.com.
    let free_now = free_hours(&app).await;
    assert_eq!(
        free_now.iter().filter(|h| week.contains(h)).count(),
        week.len() - share
    );
}

#[tokio::test]
async fn six_clients_browsing_as_fast_as_they_can_leave_a_seventh_able_to_book() {
    let app = spawn_app(AppOptions {
        settings: vec![(
            "trusted_proxies = []",
            "trusted_proxies = [\"127.0.0.0/8\"]",
        )],
        // Cached answers expire quickly: browsing makes Cal.com calls.
        ttl: Duration::from_millis(500),
        ..AppOptions::default()
    })
    .await;
    app.fake().quota.lock().unwrap().limit = 100;
    let hours = free_hours(&app).await;
    let until = tokio::time::Instant::now() + Duration::from_secs(15);
    let mut clients = tokio::task::JoinSet::new();
    for c in 1..=6 {
        let (http, base, hours) = (app.http.clone(), app.url(""), hours.clone());
        clients.spawn(async move {
            let client = format!("198.51.100.{c}");
            let get = |path: String| {
                http.get(format!("{base}{path}"))
                    .header("x-forwarded-for", client.clone())
                    .send()
            };
            let mut hold = String::new();
            let mut n = 0;
            while tokio::time::Instant::now() < until {
                let (date, hour) = &hours[(n + c) % hours.len()];
                let visit = if hold.is_empty() {
                    String::new()
                } else {
                    format!("&hold={hold}")
                };
                let page = get(format!(
                    "/prendre-rendez-vous?type=appel&date={date}&hour={hour}{visit}"
                ))
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
                if let Some(id) =
                    crate::support::html::attr(&page, "input[name='form[hold]']", "value")
                {
                    hold = id;
                }
                let _ = get(format!("/api/calcom/slots?type=visio&range={}", n % 60 + 1)).await;
                let _ = get("/prendre-rendez-vous?type=visio".to_string()).await;
                n += 1;
            }
        });
    }
    clients.join_all().await;
    // They did press on the quota: only the calls kept for bookings are left.
    let spent = app.fake().all_calls.load(Ordering::SeqCst);
    assert!(spent >= 90, "{spent} calls");
    // A seventh visitor books at once.
    let seventh = "192.0.2.77";
    let (date, hour) = free_hours(&app).await[0].clone();
    let page = contact_from(&app, seventh, (&date, &hour), None).await;
    let shown = Shown::read(&page);
    let r = app
        .http
        .post(app.url("/api/fn/book"))
        .header("x-forwarded-for", seventh)
        .header("accept", "text/html,application/xhtml+xml")
        .header("referer", app.url("/prendre-rendez-vous"))
        .form(&booking_form(&shown, &date, &hour, "zoe@example.fr"))
        .send()
        .await
        .unwrap();
    assert!(location(&r).contains("/confirmation/"), "{}", location(&r));
}
