//! Notifications to the business owner, through an outbox: each one is written in the same
//! transaction as the proposal or booking it announces, then delivered by a background worker
//! that retries with exponential backoff. A receiver that is down never blocks or loses a
//! visitor's submission; it gets the notification when it comes back.

mod email;
pub mod message;
pub mod outbox;
pub mod webhook;

use std::{sync::Arc, time::Duration};

use chrono::Utc;
use sqlx::SqlitePool;
use tokio::sync::Notify;

use self::message::Notification;
use super::owner_config::NotifySettings;

/// Longest sleep of the worker when nothing is due (a wake-up comes with each new row).
const IDLE: Duration = Duration::from_secs(30);

/// Wait before attempt `attempts + 1`: `first × 2^(attempts − 1)`, at most `max`.
pub fn backoff(first: Duration, max: Duration, attempts: u32) -> Duration {
    let factor = 2u32.saturating_pow(attempts.saturating_sub(1).min(20));
    first.saturating_mul(factor).min(max)
}

/// Handle shared through `AppState`: which channels exist, and a way to wake the worker.
#[derive(Clone)]
pub struct Notifier {
    settings: Arc<NotifySettings>,
    wake: Arc<Notify>,
}

impl Notifier {
    /// A notifier for `settings` (the worker starts with [`Notifier::spawn`]).
    pub fn new(settings: NotifySettings) -> Self {
        Self {
            settings: Arc::new(settings),
            wake: Arc::new(Notify::new()),
        }
    }

    /// The configured channels, as stored in `outbox.channel`.
    pub fn channels(&self) -> Vec<&'static str> {
        let mut channels = Vec::new();
        if self.settings.webhook.is_some() {
            channels.push("webhook");
        }
        if self.settings.email.is_some() {
            channels.push("email");
        }
        channels
    }

    /// Tells the worker that rows were committed.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Starts the delivery worker (once, at startup).
    pub fn spawn(&self, db: SqlitePool) -> tokio::task::JoinHandle<()> {
        let worker = Worker {
            settings: self.settings.clone(),
            wake: self.wake.clone(),
            db,
            http: reqwest::Client::builder()
                .connect_timeout(Duration::from_secs(3))
                .timeout(Duration::from_secs(10))
                .user_agent("rdv-tunnel")
                .build()
                .unwrap_or_default(),
            mailer: self.settings.email.as_ref().and_then(|s| {
                email::mailer(s)
                    .map_err(|error| tracing::error!(%error, "email notifications disabled"))
                    .ok()
            }),
        };
        tokio::spawn(worker.run())
    }
}

struct Worker {
    settings: Arc<NotifySettings>,
    wake: Arc<Notify>,
    db: SqlitePool,
    http: reqwest::Client,
    mailer: Option<email::Mailer>,
}

impl Worker {
    async fn run(self) {
        loop {
            match outbox::due(&self.db, Utc::now(), 20).await {
                Ok(rows) => {
                    for row in rows {
                        self.attempt(row).await;
                    }
                }
                Err(error) => tracing::error!(%error, "outbox unreadable"),
            }
            let wait = match outbox::next_due(&self.db).await {
                Ok(Some(at)) => (at - Utc::now())
                    .to_std()
                    .unwrap_or(Duration::ZERO)
                    .min(IDLE),
                Ok(None) => IDLE,
                Err(_) => IDLE,
            };
            if wait.is_zero() {
                continue;
            }
            tokio::select! {
                () = self.wake.notified() => {}
                () = tokio::time::sleep(wait) => {}
            }
        }
    }

    async fn attempt(&self, row: outbox::Pending) {
        let result = self.deliver(&row).await;
        let outcome = match result {
            Ok(()) => {
                tracing::info!(id = row.id, channel = %row.channel, event = %row.event, "notification delivered");
                outbox::delivered(&self.db, row.id).await
            }
            Err(error) => {
                let attempts = u32::try_from(row.attempts + 1).unwrap_or(u32::MAX);
                let retry_at = (attempts < self.settings.max_attempts).then(|| {
                    let wait =
                        backoff(self.settings.first_retry, self.settings.max_retry, attempts);
                    Utc::now() + chrono::Duration::from_std(wait).unwrap_or_default()
                });
                match retry_at {
                    Some(at) => {
                        tracing::warn!(id = row.id, channel = %row.channel, attempts, %error, retry_at = %at, "notification not delivered, will retry")
                    }
                    None => {
                        tracing::error!(id = row.id, channel = %row.channel, attempts, %error, "notification given up")
                    }
                }
                outbox::failed(&self.db, row.id, &error, retry_at).await
            }
        };
        if let Err(error) = outcome {
            tracing::error!(%error, id = row.id, "outbox not updated");
        }
    }

    async fn deliver(&self, row: &outbox::Pending) -> Result<(), String> {
        match row.channel.as_str() {
            "webhook" => {
                let settings = self
                    .settings
                    .webhook
                    .as_ref()
                    .ok_or("webhook no longer configured")?;
                webhook::deliver(&self.http, settings, row.id, &row.event, &row.payload).await
            }
            "email" => {
                let (Some(settings), Some(mailer)) =
                    (self.settings.email.as_ref(), self.mailer.as_ref())
                else {
                    return Err("email no longer configured".to_string());
                };
                let notification: Notification = serde_json::from_str(&row.payload)
                    .map_err(|e| format!("payload unreadable: {e}"))?;
                email::deliver(mailer, settings, &notification).await
            }
            other => Err(format!("unknown channel {other}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let first = Duration::from_secs(5);
        let max = Duration::from_secs(60);
        assert_eq!(backoff(first, max, 1), Duration::from_secs(5));
        assert_eq!(backoff(first, max, 2), Duration::from_secs(10));
        assert_eq!(backoff(first, max, 4), Duration::from_secs(40));
        assert_eq!(backoff(first, max, 5), Duration::from_secs(60));
        assert_eq!(backoff(first, max, 99), Duration::from_secs(60));
    }
}
