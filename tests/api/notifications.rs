//! Notifications to the business owner through the outbox: a real local webhook receiver
//! (signature checked, failures retried) and a real local SMTP server (Python's aiosmtpd).

use std::{
    net::SocketAddr,
    path::Path,
    process::{Child, Command, Stdio},
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

use crate::support::{spawn_app, wait_for, AppOptions};
use axum::{extract::State, http::HeaderMap, http::StatusCode, routing::post, Router};
use hmac::{Hmac, Mac};
use sha2::Sha256;

const SECRET: &str = "whsec-test-secret";

/// A webhook receiver that answers 500 to the first `failures` deliveries.
#[derive(Default)]
pub struct Receiver {
    failures: AtomicUsize,
    /// How long each answer takes.
    delay: Duration,
    /// Each request: headers, body, the status answered.
    pub seen: Mutex<Vec<(HeaderMap, String, u16)>>,
}

async fn receive(State(r): State<Arc<Receiver>>, headers: HeaderMap, body: String) -> StatusCode {
    tokio::time::sleep(r.delay).await;
    let fail = r
        .failures
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok();
    let status = if fail {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    };
    r.seen
        .lock()
        .unwrap()
        .push((headers, body, status.as_u16()));
    status
}

async fn start_receiver(failures: usize) -> (Arc<Receiver>, SocketAddr) {
    start_receiver_with(failures, Duration::ZERO).await
}

pub async fn start_receiver_with(failures: usize, delay: Duration) -> (Arc<Receiver>, SocketAddr) {
    let receiver = Arc::new(Receiver {
        failures: AtomicUsize::new(failures),
        delay,
        ..Receiver::default()
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Router::new()
        .route("/hook", post(receive))
        .with_state(receiver.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (receiver, addr)
}

/// Attempts and delivery time of the one outbox row, once the worker has recorded its
/// delivery (it does so just after the receiver answers).
async fn settled_outbox_row(pool: &sqlx::AnyPool) -> (i64, Option<String>) {
    let mut row = (0, None);
    for _ in 0..200 {
        row = sqlx::query_as("SELECT attempts, CAST(delivered_at AS TEXT) FROM outbox")
            .fetch_one(pool)
            .await
            .unwrap();
        if row.1.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    row
}

fn valid_signature(header: &str, body: &str) -> bool {
    let Some(hex_sig) = header.strip_prefix("sha256=") else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    mac.verify_slice(&hex::decode(hex_sig).unwrap()).is_ok()
}

#[tokio::test]
async fn a_new_proposal_reaches_the_webhook_signed() {
    let (receiver, addr) = start_receiver(0).await;
    let app = spawn_app(AppOptions {
        env: vec![
            ("NOTIFY_WEBHOOK_URL", format!("http://{addr}/hook")),
            ("NOTIFY_WEBHOOK_SECRET", SECRET.to_string()),
        ],
        ..AppOptions::default()
    })
    .await;
    let to = app.propose("Zoé Dupont", "Plutôt le matin").await;
    assert!(to.starts_with("/prendre-rendez-vous/merci"), "{to}");
    wait_for("the webhook", || !receiver.seen.lock().unwrap().is_empty()).await;
    let seen = receiver.seen.lock().unwrap().clone();
    let (headers, body, _) = &seen[0];
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(headers["x-rdv-event"], "proposal.created");
    let signature = headers["x-rdv-signature"].to_str().unwrap();
    assert!(valid_signature(signature, body), "{signature}");
    assert!(!valid_signature(signature, &body.replace("Zoé", "Eve")));
    let json: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(json["event"], "proposal.created");
    assert_eq!(json["proposal"]["name"], "Zoé Dupont");
    assert_eq!(json["proposal"]["email"], "zoe@example.fr");
    assert_eq!(json["proposal"]["availabilities"][0]["from"], "09:00");
    assert_eq!(json["proposal"]["utm"]["utm_source"], "lettre");
}

#[tokio::test]
async fn a_failing_receiver_gets_the_notification_on_the_third_try() {
    let (receiver, addr) = start_receiver(2).await;
    let app = spawn_app(AppOptions {
        env: vec![("NOTIFY_WEBHOOK_URL", format!("http://{addr}/hook"))],
        first_retry: Duration::from_millis(100),
        ..AppOptions::default()
    })
    .await;
    // The visitor is thanked even though the receiver is failing.
    let to = app.propose("Zoé Dupont", "").await;
    assert!(to.starts_with("/prendre-rendez-vous/merci"), "{to}");
    wait_for("three deliveries", || {
        receiver.seen.lock().unwrap().len() >= 3
    })
    .await;
    let seen = receiver.seen.lock().unwrap().clone();
    let statuses: Vec<u16> = seen.iter().map(|(_, _, s)| *s).collect();
    assert_eq!(statuses, [500, 500, 200]);
    // The same delivery each time (receivers can drop duplicates by this id), same body.
    let ids: Vec<&str> = seen
        .iter()
        .map(|(h, _, _)| h["x-rdv-delivery"].to_str().unwrap())
        .collect();
    assert!(ids.iter().all(|id| *id == ids[0]));
    assert!(seen.iter().all(|(_, b, _)| *b == seen[0].1));
    assert!(
        seen[0].0.get("x-rdv-signature").is_none(),
        "no secret, no signature"
    );
    // Recorded as delivered on the third attempt, and never sent again.
    let pool = crate::support::raw_db(&app.db_url).await;
    let (attempts, delivered) = settled_outbox_row(&pool).await;
    assert_eq!(attempts, 3);
    assert!(delivered.is_some());
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(receiver.seen.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn a_receiver_that_never_recovers_is_given_up_after_the_last_attempt() {
    let (receiver, addr) = start_receiver(usize::MAX).await;
    let app = spawn_app(AppOptions {
        env: vec![("NOTIFY_WEBHOOK_URL", format!("http://{addr}/hook"))],
        first_retry: Duration::from_millis(50),
        max_attempts: 3,
        ..AppOptions::default()
    })
    .await;
    app.propose("Zoé Dupont", "").await;
    let pool = crate::support::raw_db(&app.db_url).await;
    let mut row: (i64, Option<String>, Option<String>, Option<String>) = (0, None, None, None);
    for _ in 0..200 {
        row = sqlx::query_as(
            "SELECT attempts, CAST(delivered_at AS TEXT), CAST(failed_at AS TEXT), last_error \
             FROM outbox",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        if row.2.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (attempts, delivered, failed, last_error) = row;
    assert_eq!(attempts, 3);
    assert!(delivered.is_none());
    assert!(failed.is_some(), "given up");
    assert!(last_error.unwrap().contains("500"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        receiver.seen.lock().unwrap().len(),
        3,
        "no attempt after giving up"
    );
}

#[tokio::test]
async fn a_booking_made_through_the_tunnel_is_announced_too() {
    let (receiver, addr) = start_receiver(0).await;
    let app = spawn_app(AppOptions {
        env: vec![("NOTIFY_WEBHOOK_URL", format!("http://{addr}/hook"))],
        ..AppOptions::default()
    })
    .await;
    let (date, hour) = crate::support::first_free(&app, "appel").await;
    let token = app.booking_token("appel", &date, &hour).await;
    let r = crate::support::post_html(
        &app,
        "/api/fn/book",
        &crate::support::booking_form(&token, &date, &hour, "zoe@example.fr"),
    )
    .await;
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert!(location.contains("/confirmation/"), "{location}");
    wait_for("the booking notification", || {
        !receiver.seen.lock().unwrap().is_empty()
    })
    .await;
    let body = receiver.seen.lock().unwrap()[0].1.clone();
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["event"], "booking.created");
    assert_eq!(json["booking"]["name"], "Zoé <b>Dupont</b>");
    assert!(json["booking"]["start_label"]
        .as_str()
        .unwrap()
        .contains("(heure de Paris)"));
    // A reference, not a key: neither the confirmation id nor Cal.com's uid leaves.
    let reference = json["booking"]["reference"].as_str().unwrap();
    assert_eq!(reference.len(), 20, "{body}");
    let id = location.rsplit('/').next().unwrap();
    assert!(!body.contains(id), "the confirmation id: {body}");
    assert!(!body.contains("fake-booking-"), "Cal.com's uid: {body}");
    assert!(json["booking"].get("id").is_none() && json["booking"].get("calcom_uid").is_none());
}

/// Python's aiosmtpd on 127.0.0.1, writing what it receives to a Maildir.
pub struct Smtpd {
    child: Child,
    pub maildir: tempfile::TempDir,
}

impl Drop for Smtpd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The first Python that has aiosmtpd (scripts/setup installs it).
fn python_with_aiosmtpd() -> String {
    for python in ["python3", "/usr/bin/python3"] {
        let ok = Command::new(python)
            .args(["-c", "import aiosmtpd"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return python.to_string();
        }
    }
    panic!("aiosmtpd is missing: run scripts/setup (python3 -m pip install aiosmtpd)");
}

/// An SMTP server on a free port, and the port.
pub async fn smtpd_on_free_port() -> (Smtpd, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    (start_smtpd(port).await, port)
}

pub async fn start_smtpd(port: u16) -> Smtpd {
    let maildir = tempfile::tempdir().unwrap();
    let child = Command::new(python_with_aiosmtpd())
        .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(maildir.path().join("mail"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // From here on, dropping it stops the server.
    let smtpd = Smtpd { child, maildir };
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return smtpd;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    drop(smtpd);
    panic!("aiosmtpd did not start");
}

/// Subject, recipient and text of the messages in a Maildir, decoded by Python's email package.
pub fn read_maildir(dir: &Path) -> Vec<serde_json::Value> {
    let script = r#"
import json, mailbox, sys
from email import policy
out = []
for key, msg in mailbox.Maildir(sys.argv[1], factory=None).items():
    m = mailbox.MaildirMessage(msg)
    from email import message_from_bytes
    e = message_from_bytes(m.as_bytes(), policy=policy.default)
    out.append({"subject": str(e["subject"]), "to": str(e["to"]), "from": str(e["from"]), "body": e.get_body(("plain",)).get_content()})
print(json.dumps(out))
"#;
    let output = Command::new(python_with_aiosmtpd())
        .args(["-c", script])
        .arg(dir)
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap_or_default()
}

#[tokio::test]
async fn a_new_proposal_reaches_the_owners_mailbox_even_when_smtp_was_down() {
    // A port where nothing listens yet: the first attempts fail.
    let smtpd_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app = spawn_app(AppOptions {
        env: vec![
            ("SMTP_URL", format!("smtp://127.0.0.1:{smtpd_port}")),
            ("NOTIFY_EMAIL_TO", "patronne@exemple.fr".to_string()),
            ("NOTIFY_EMAIL_FROM", "rdv@exemple.fr".to_string()),
        ],
        first_retry: Duration::from_millis(200),
        ..AppOptions::default()
    })
    .await;
    let to = app.propose("Zoé Dupont", "Plutôt le matin").await;
    assert!(to.starts_with("/prendre-rendez-vous/merci"), "{to}");
    let pool = crate::support::raw_db(&app.db_url).await;
    // Wait for a failed attempt, then start the server on that port.
    for _ in 0..100 {
        let attempts: i64 = sqlx::query_scalar("SELECT attempts FROM outbox")
            .fetch_one(&pool)
            .await
            .unwrap();
        if attempts > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let smtpd = start_smtpd(smtpd_port).await;
    let mail = smtpd.maildir.path().join("mail");
    let mut messages = Vec::new();
    for _ in 0..200 {
        messages = read_maildir(&mail);
        if !messages.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(messages.len(), 1, "one email");
    let m = &messages[0];
    assert_eq!(m["to"], "patronne@exemple.fr");
    assert_eq!(m["from"], "rdv@exemple.fr");
    assert_eq!(m["subject"], "Nouvelle demande de rendez-vous : Zoé Dupont");
    let body = m["body"].as_str().unwrap();
    assert!(body.contains("E-mail : zoe@example.fr"), "{body}");
    assert!(body.contains("de 09:00 à 11:00"), "{body}");
    assert!(body.contains("Message : Plutôt le matin"), "{body}");
    let (attempts, delivered) = settled_outbox_row(&pool).await;
    assert!(attempts >= 2, "failed first, then delivered ({attempts})");
    assert!(delivered.is_some());
}

#[tokio::test]
async fn two_instances_on_one_database_send_each_notification_once() {
    // A slow receiver: both workers find the same rows due while deliveries are under way.
    let (receiver, addr) = start_receiver_with(0, Duration::from_millis(300)).await;
    let hook = vec![("NOTIFY_WEBHOOK_URL", format!("http://{addr}/hook"))];
    let first = spawn_app(AppOptions {
        env: hook.clone(),
        ..AppOptions::default()
    })
    .await;
    let second = spawn_app(AppOptions {
        env: hook,
        db_url: Some(first.db_url.clone()),
        ..AppOptions::default()
    })
    .await;
    const N: usize = 6;
    for i in 0..N {
        let app = if i % 2 == 0 { &first } else { &second };
        let to = app.propose(&format!("Personne {i}"), "").await;
        assert!(to.starts_with("/prendre-rendez-vous/merci"), "{to}");
    }
    wait_for("every delivery", || {
        receiver.seen.lock().unwrap().len() >= N
    })
    .await;
    // Long enough for a duplicate to arrive, if any was sent.
    tokio::time::sleep(Duration::from_millis(1_000)).await;
    let seen = receiver.seen.lock().unwrap();
    let mut deliveries: Vec<&str> = seen
        .iter()
        .map(|(h, _, _)| h["x-rdv-delivery"].to_str().unwrap())
        .collect();
    deliveries.sort_unstable();
    deliveries.dedup();
    assert_eq!(seen.len(), N, "each notification once: {deliveries:?}");
    assert_eq!(deliveries.len(), N);
}
