//! Daily caps are taken before a sending and given back when it did not happen: parallel
//! posts cannot all pass, a failed booking costs nothing, and `+tags` are one mailbox.

use serde_json::Value;

use crate::{
    holds::free_hours,
    support::{booking_form, location, post_html, spawn_app, AppOptions, BookingBehaviour},
};

#[tokio::test]
async fn parallel_posts_from_one_client_book_at_most_its_daily_cap() {
    let app = spawn_app(AppOptions {
        per_client_per_day: 2,
        ..AppOptions::default()
    })
    .await;
    // Cal.com books slowly: every post is past the caps while the others are at Cal.com.
    *app.fake().latency.lock().unwrap() = std::time::Duration::from_millis(300);
    let hours: Vec<(String, String)> = free_hours(&app).await.into_iter().take(5).collect();
    let mut posts = tokio::task::JoinSet::new();
    for (n, (date, hour)) in hours.iter().enumerate() {
        let shown = app.booking_token("appel", date, hour).await;
        let email = format!("client{n}@example.fr");
        let form: Vec<(String, String)> = booking_form(&shown, date, hour, &email)
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let (http, url) = (app.http.clone(), app.url("/api/fn/book"));
        posts.spawn(async move {
            let reply: Value = http
                .post(url)
                .form(&form)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            reply
        });
    }
    let replies = posts.join_all().await;
    let booked = replies.iter().filter(|r| r.get("Booked").is_some()).count();
    let capped = replies
        .iter()
        .filter(|r| {
            r["Retry"]["notice"]
                .as_str()
                .is_some_and(|n| n.contains("depuis votre connexion"))
        })
        .count();
    assert_eq!((booked, capped), (2, 3), "{replies:?}");
    assert_eq!(app.fake().bookings.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn a_failed_booking_costs_nothing_and_tags_are_one_mailbox() {
    let app = spawn_app(AppOptions {
        per_email_per_day: 1,
        ..AppOptions::default()
    })
    .await;
    let hours = free_hours(&app).await;
    let book = |n: usize, email: &'static str| {
        let (date, hour) = hours[n].clone();
        let app = &app;
        async move {
            let shown = app.booking_token("appel", &date, &hour).await;
            let form = booking_form(&shown, &date, &hour, email);
            let back = location(&post_html(app, "/api/fn/book", &form).await);
            let page = app.get(&back).await.text().await.unwrap();
            (back, page)
        }
    };
    // Cal.com refuses the first: nothing booked, nothing counted.
    *app.fake().booking.lock().unwrap() = BookingBehaviour::Status { status: 400 };
    let (back, _) = book(0, "zoe@example.fr").await;
    assert!(!back.contains("/confirmation/"), "{back}");
    assert!(app.fake().bookings.lock().unwrap().is_empty());
    *app.fake().booking.lock().unwrap() = BookingBehaviour::Accepted;
    let (back, _) = book(1, "zoe@example.fr").await;
    assert!(
        back.contains("/confirmation/"),
        "the failure gave its count back: {back}"
    );
    // The same mailbox however it is written.
    for (n, email) in [(2, "Zoe+rdv@Example.fr"), (3, " ZOE+2@example.FR")] {
        let (back, page) = book(n, email).await;
        assert!(back.contains("draft="), "{email}: {back}");
        assert!(
            page.contains("déjà réservé plusieurs rendez-vous"),
            "{page}"
        );
    }
    assert_eq!(app.fake().bookings.lock().unwrap().len(), 1);
    // Another mailbox books.
    let (back, _) = book(4, "zoe.dupont@example.fr").await;
    assert!(back.contains("/confirmation/"), "{back}");
    // Counted under digests: no email in the database's counters.
    let pool = crate::support::raw_db(&app.db_url).await;
    let buckets: Vec<(String,)> =
        sqlx::query_as("SELECT bucket FROM rate_counters WHERE bucket LIKE 'daily email %'")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(buckets.len(), 2, "{buckets:?}");
    assert!(buckets.iter().all(|(b,)| !b.contains('@')), "{buckets:?}");
}
