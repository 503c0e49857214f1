//! Moving to another database with `rdv-tunnel copy-database`: from a SQLite file to a new
//! database (PostgreSQL when the tests run on it), everything lasting arrives with its ids,
//! and forms shown before the move are still accepted after it.

use rdv_tunnel::server::store::Database;

use crate::support::{
    booking_form, first_free, location, new_database_url, post_html, spawn_app, AppOptions,
};

/// Runs the real binary's command: its success and what it printed.
fn copy_database(source: &str, target: &str) -> (bool, String) {
    let out = crate::support::process::binary()
        .arg("copy-database")
        .env("DATABASE_URL", source)
        .env("RDV_COPY_TO", target)
        .current_dir(std::env::temp_dir())
        .output()
        .expect("the command runs");
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[tokio::test]
async fn a_database_moves_with_its_proposals_bookings_notifications_and_form_key() {
    let source_dir = tempfile::tempdir().unwrap();
    let source_url = format!("sqlite://{}/before.db", source_dir.path().display());
    let before = spawn_app(AppOptions {
        calcom: true,
        db_url: Some(source_url.clone()),
        env: vec![("NOTIFY_WEBHOOK_URL", "http://127.0.0.1:9/hook".to_string())],
        ..AppOptions::default()
    })
    .await;
    for name in ["Zoé Dupont", "Éloïse Martin"] {
        let to = before.propose(name, "Plutôt le matin").await;
        assert!(to.starts_with("/prendre-rendez-vous/merci"), "{to}");
    }
    let (date, hour) = first_free(&before, "appel").await;
    let token = before.booking_token("appel", &date, &hour).await;
    let booked = location(
        &post_html(
            &before,
            "/api/fn/book",
            &booking_form(&token, &date, &hour, "zoe@example.fr"),
        )
        .await,
    );
    assert!(booked.contains("/confirmation/"), "{booked}");
    // A form shown before the move, sent after it.
    let shown_before = before.form_token().await;

    let target_dir = tempfile::tempdir().unwrap();
    let target_url = new_database_url(target_dir.path()).await;
    let (ok, said) = copy_database(&source_url, &target_url);
    assert!(ok, "{said}");
    assert!(
        said.contains("2 proposal(s), 1 booking(s), 3 notification(s), 1 secret(s)"),
        "{said}"
    );
    // Not twice: the target holds data now.
    let (again, said) = copy_database(&source_url, &target_url);
    assert!(!again && said.contains("already holds"), "{said}");

    let (from, to) = (
        Database::connect(&source_url).await.unwrap(),
        Database::connect(&target_url).await.unwrap(),
    );
    let summary = |rows: Vec<rdv_tunnel::server::store::ProposalRow>| {
        rows.into_iter()
            .map(|r| (r.id, r.created_at, r.status, r.proposal))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        summary(to.list_proposals(None, 10).await.unwrap()),
        summary(from.list_proposals(None, 10).await.unwrap())
    );
    let public_id = booked
        .rsplit('/')
        .next()
        .unwrap()
        .split('?')
        .next()
        .and_then(rdv_tunnel::domain::token::Token::parse)
        .expect("a confirmation id");
    let (a, b) = (
        from.find_booking(&public_id)
            .await
            .unwrap()
            .expect("in the source"),
        to.find_booking(&public_id).await.unwrap().expect("moved"),
    );
    assert_eq!(
        (a.start_utc, a.status, a.email, a.phone),
        (b.start_utc, b.status, b.email, b.phone)
    );

    // Served from the target: the old form is accepted, and a new proposal gets the next id.
    let after = spawn_app(AppOptions {
        db_url: Some(target_url.clone()),
        ..AppOptions::default()
    })
    .await;
    let day = crate::support::in_days(5);
    let form =
        crate::support::proposal_form(&shown_before, "Après Déménagement", "zoe@example.fr", &day);
    let to_after = location(&post_html(&after, "/api/fn/propose", &form).await);
    assert_eq!(to_after, "/prendre-rendez-vous/merci?type=appel");
    let newest = to.list_proposals(None, 1).await.unwrap();
    assert_eq!(newest[0].id, 3, "ids continue after the copied ones");
    assert_eq!(newest[0].proposal.name, "Après Déménagement");
}
