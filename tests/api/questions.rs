//! The event type's own rules, read from Cal.com: its questions are asked in the contact
//! form and sent with the booking; its phone rule applies; a question the form cannot ask
//! sends visitors to the proposal form.

use serde_json::{json, Value};

use crate::support::{booking_form, first_free, html, post_html, spawn_app, AppOptions, TestApp};

const APPEL: u64 = 2283473;

/// The contact step of the first free hour of `event`.
async fn contact_page(app: &TestApp, event: &str) -> String {
    let (date, hour) = first_free(app, event).await;
    app.get(&format!(
        "/prendre-rendez-vous?type={event}&date={date}&hour={hour}"
    ))
    .await
    .text()
    .await
    .unwrap()
}

async fn app_with(fields: Vec<(u64, Value)>) -> TestApp {
    spawn_app(AppOptions {
        booking_fields: fields,
        ..AppOptions::default()
    })
    .await
}

#[tokio::test]
async fn a_required_question_is_asked_checked_and_sent() {
    let company = json!({"type": "text", "slug": "company", "label": "Société", "required": true, "hidden": false});
    let app = app_with(vec![(APPEL, company)]).await;
    let (date, hour) = first_free(&app, "appel").await;
    let page = app
        .get(&format!(
            "/prendre-rendez-vous?type=appel&date={date}&hour={hour}"
        ))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        html::texts(&page, "label[for='field-answer-company']"),
        ["Société *"],
        "the question, with Cal.com's label, marked required"
    );
    // Without an answer: the field's error, and nothing reaches Cal.com.
    let token = crate::support::Shown::read(&page);
    let form = booking_form(&token, &date, &hour, "zoe@example.fr");
    let reply: Value = app
        .http
        .post(app.url("/api/fn/book"))
        .form(&form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        reply["Invalid"]["fields"][0][0], "answer-company",
        "{reply}"
    );
    assert_eq!(
        app.fake()
            .booking_calls
            .load(std::sync::atomic::Ordering::SeqCst),
        0
    );
    // Without JavaScript, the form comes back with the error under the question.
    let back = crate::support::location(&post_html(&app, "/api/fn/book", &form).await);
    let page = app.get(&back).await.text().await.unwrap();
    assert_eq!(
        html::texts(&page, "#error-answer-company"),
        ["Répondez à cette question."]
    );
    // With the answer, the booking carries it under its slug.
    let mut answered = form.clone();
    answered.push(("form[answers][company]", "ACME"));
    let to = crate::support::location(&post_html(&app, "/api/fn/book", &answered).await);
    assert!(to.contains("/confirmation/"), "{to}");
    let sent = app.fake().bookings.lock().unwrap()[0].clone();
    assert_eq!(sent["bookingFieldsResponses"]["company"], "ACME");
}

#[tokio::test]
async fn cal_com_requiring_the_phone_makes_it_required_here() {
    // Visio asks no phone in Leptos.toml; its event type in Cal.com requires one.
    let phone = json!({"type": "phone", "slug": "attendeePhoneNumber", "label": "Téléphone", "required": true, "hidden": false});
    let app = app_with(vec![(2283474, phone)]).await;
    let page = contact_page(&app, "visio").await;
    assert_eq!(
        html::attr(&page, "#field-phone", "required").as_deref(),
        Some(""),
        "the phone is required"
    );
}

#[tokio::test]
async fn a_required_question_the_form_cannot_ask_leads_to_the_own_availability_form() {
    let guests = json!({"type": "multiemail", "slug": "colleagues", "label": "Collègues", "required": true, "hidden": false});
    let app = app_with(vec![(APPEL, guests)]).await;
    let page = app
        .get("/prendre-rendez-vous?type=appel")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Proposez vos disponibilités"));
    assert!(!page.contains("Choisissez une date"));
    // Visio has no such question: it is still booked through the tunnel.
    let page = app
        .get("/prendre-rendez-vous?type=visio")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Choisissez une date"));
}

#[tokio::test]
async fn without_a_key_the_questions_come_from_the_public_page() {
    let company = json!({"type": "text", "slug": "company", "label": "Société", "required": true, "hidden": false});
    let app = spawn_app(AppOptions {
        token: None,
        public_pages: true,
        booking_fields: vec![(APPEL, company)],
        ..AppOptions::default()
    })
    .await;
    let page = contact_page(&app, "appel").await;
    assert_eq!(
        html::texts(&page, "label[for='field-answer-company']"),
        ["Société *"]
    );
    // Read without a key.
    let auth = app.fake().auth_headers.lock().unwrap().clone();
    assert!(auth.iter().all(Option::is_none), "{auth:?}");
}
