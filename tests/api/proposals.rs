//! The proposal form: stored before the thank-you, refused with what was typed,
//! reached when nothing fits, purged after the retention period.

use chrono::Utc;
use chrono_tz::Europe::Paris;
use serde_json::Value;

use crate::support::{
    booking_form, first_free, location, post_html, spawn_app, AppOptions, Behaviour, TestApp,
};

pub async fn proposals_count(app: &TestApp) -> i64 {
    let pool = crate::support::raw_db(&app.db_url).await;
    let n = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM proposals")
        .fetch_one(&pool)
        .await
        .unwrap();
    pool.close().await;
    n
}

#[tokio::test]
async fn a_proposal_is_stored_before_the_thank_you() {
    let app = spawn_app(AppOptions::default()).await;
    let day = (Utc::now().with_timezone(&Paris).date_naive() + chrono::Days::new(3)).to_string();
    let token = app.proposal_token("visio").await;
    let form = [
        ("form[issued]", token.as_str()),
        ("form[type]", "visio"),
        ("form[name]", "Zoé 🌷 Dupont"),
        ("form[email]", "zoe@example.fr"),
        ("form[phone]", ""),
        ("form[message]", "<script>alert(1)</script>"),
        ("form[slots][0][date]", day.as_str()),
        ("form[slots][0][from]", "09:00"),
        ("form[slots][0][to]", "11:30"),
        ("form[slots][1][date]", ""),
        ("form[slots][1][from]", ""),
        ("form[slots][1][to]", ""),
        ("form[consent]", "on"),
        ("form[utm]", "utm_medium=email"),
    ];
    let r = post_html(&app, "/api/fn/propose", &form).await;
    assert_eq!(r.status().as_u16(), 302);
    assert_eq!(location(&r), "/prendre-rendez-vous/merci?type=visio");
    assert_eq!(proposals_count(&app).await, 1);

    let pool = crate::support::raw_db(&app.db_url).await;
    let (name, message, slots, event, utm): (String, String, String, String, String) =
        sqlx::query_as(
            "SELECT name, message, CAST(availabilities AS TEXT), event_type, CAST(utm AS TEXT) \
             FROM proposals",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(name, "Zoé 🌷 Dupont");
    assert_eq!(message, "<script>alert(1)</script>");
    assert_eq!(event, "visio");
    let utm: Value = serde_json::from_str(&utm).unwrap();
    assert_eq!(utm, serde_json::json!({"utm_medium": "email"}));
    let slots: Value = serde_json::from_str(&slots).unwrap();
    assert_eq!(
        slots,
        serde_json::json!([{ "date": day, "from": "09:00", "to": "11:30" }])
    );

    let thanks = app.get("/prendre-rendez-vous/merci?type=visio").await;
    assert!(thanks.text().await.unwrap().contains("bien enregistrées"));
}

#[tokio::test]
async fn an_invalid_proposal_is_not_stored_and_comes_back() {
    let app = spawn_app(AppOptions::default()).await;
    let token = app.form_token().await;
    let form = [
        ("form[issued]", token.as_str()),
        ("form[type]", "appel"),
        ("form[name]", "Zoé"),
        ("form[email]", "zoe@example.fr"),
        ("form[slots][0][date]", "2020-01-01"),
        ("form[slots][0][from]", "09:00"),
        ("form[slots][0][to]", "10:00"),
    ];
    let r = post_html(&app, "/api/fn/propose", &form).await;
    let back = location(&r);
    assert!(
        back.contains("proposer=1") && back.contains("draft="),
        "{back}"
    );
    let html = app.get(&back).await.text().await.unwrap();
    assert!(html.contains("entre aujourd’hui et dans un an"));
    assert!(html.contains("Cochez la case"));
    assert!(html.contains("value=\"2020-01-01\""));
    assert_eq!(proposals_count(&app).await, 0);
}

#[tokio::test]
async fn the_fallback_is_reached_when_nothing_is_available() {
    let app = spawn_app(AppOptions::default()).await;
    app.fake().set(Behaviour::Empty);
    let html = app.get("/prendre-rendez-vous").await.text().await.unwrap();
    assert!(html.contains("Aucun créneau n’est libre"));
    assert!(html.contains("form[consent]"));
}

#[tokio::test]
async fn personal_data_older_than_the_retention_is_purged() {
    // A webhook nobody answers: each request and booking also leaves an outbox row.
    let app = spawn_app(AppOptions {
        env: vec![("NOTIFY_WEBHOOK_URL", "http://127.0.0.1:9/hook".to_string())],
        ..AppOptions::default()
    })
    .await;
    for name in ["Ancienne", "Récente"] {
        let to = app.propose(name, "").await;
        assert!(to.starts_with("/prendre-rendez-vous/merci"), "{to}");
    }
    for email in ["ancien@example.fr", "recent@example.fr"] {
        let (date, hour) = first_free(&app, "appel").await;
        let token = app.booking_token("appel", &date, &hour).await;
        let form = booking_form(&token, &date, &hour, email);
        let to = location(&post_html(&app, "/api/fn/book", &form).await);
        assert!(to.contains("/confirmation/"), "{to}");
    }
    let pool = crate::support::raw_db(&app.db_url).await;
    for aged in [
        "UPDATE proposals SET created_at = '2020-01-01T00:00:00Z' WHERE name = 'Ancienne'",
        "UPDATE bookings SET start_utc = '2020-01-01T09:00:00Z' WHERE email = 'ancien@example.fr'",
        "UPDATE outbox SET created_at = '2020-01-01T00:00:00.000Z' WHERE id IN (1, 3)",
    ] {
        sqlx::query(aged).execute(&pool).await.unwrap();
    }
    // The first booking's attempt is older than any form token the server accepts.
    let aged = (chrono::Utc::now() - chrono::Duration::hours(3) - chrono::Duration::minutes(1))
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string();
    let tokens: Vec<String> =
        sqlx::query_scalar("SELECT token FROM booking_attempts ORDER BY created_at")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(tokens.len(), 2);
    sqlx::query(&format!(
        "UPDATE booking_attempts SET created_at = '{aged}' WHERE token = '{}'",
        tokens[0]
    ))
    .execute(&pool)
    .await
    .unwrap();
    let db = rdv_tunnel::server::store::Database::connect(&app.db_url)
        .await
        .unwrap();
    let deleted = db.purge(90).await.unwrap();
    assert_eq!(
        deleted, 5,
        "one proposal, one booking, two notifications, one booking attempt"
    );
    let attempts: Vec<String> = sqlx::query_scalar("SELECT token FROM booking_attempts")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(attempts, [tokens[1].clone()], "a recent attempt stays");
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM proposals")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(names, ["Récente"]);
    let emails: Vec<String> = sqlx::query_scalar("SELECT email FROM bookings")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(emails, ["recent@example.fr"]);
    let outbox: Vec<i64> = sqlx::query_scalar("SELECT id FROM outbox ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(outbox, [2, 4]);
}

#[tokio::test]
async fn one_own_availability_form_sent_twice_is_stored_once() {
    let app = spawn_app(AppOptions::default()).await;
    let token = app.form_token().await;
    let day = crate::support::in_days(3);
    let form = crate::support::proposal_form(&token, "Zoé Dupont", "zoe@example.fr", &day);
    for _ in 0..2 {
        let r = post_html(&app, "/api/fn/propose", &form).await;
        assert_eq!(location(&r), "/prendre-rendez-vous/merci?type=appel");
    }
    assert_eq!(
        proposals_count(&app).await,
        1,
        "a double click stores one request"
    );
    // Another form (a new page) is another request.
    assert!(app.propose("Zoé Dupont", "").await.contains("/merci"));
    assert_eq!(proposals_count(&app).await, 2);
}

#[tokio::test]
async fn the_privacy_page_states_the_configured_retention_and_who_processes_bookings() {
    let app = spawn_app(AppOptions::default()).await;
    let html = app.get("/confidentialite").await.text().await.unwrap();
    let text = crate::support::html::texts(&html, "main").join(" ");
    assert!(
        text.contains("au plus tard 90 jours après leur envoi"),
        "{text}"
    );
    assert!(
        text.contains("les rendez-vous 90 jours après leur date"),
        "{text}"
    );
    // The fake Cal.com stands for a self-hosted one.
    let host = app.fake_addr.unwrap().ip().to_string();
    assert!(
        text.contains(&format!("installation de Cal.com ({host})")),
        "{text}"
    );
}

#[tokio::test]
async fn one_address_sends_at_most_the_daily_cap_of_requests() {
    let app = spawn_app(AppOptions {
        per_email_per_day: 2,
        ..AppOptions::default()
    })
    .await;
    for _ in 0..2 {
        assert!(app.propose("Zoé Dupont", "").await.contains("/merci"));
    }
    // The third, from the same address in another letter case, is refused on the email.
    let token = app.form_token().await;
    let day = crate::support::in_days(3);
    let form = crate::support::proposal_form(&token, "Zoé Dupont", "ZOE@example.fr", &day);
    let back = location(&post_html(&app, "/api/fn/propose", &form).await);
    assert!(back.contains("draft="), "{back}");
    let html = app.get(&back).await.text().await.unwrap();
    assert!(html.contains("déjà envoyé plusieurs demandes"), "{html}");
    assert_eq!(proposals_count(&app).await, 2);
}
