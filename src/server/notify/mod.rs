//! Notifications to the business owner, through an outbox: each one is written in the same
//! transaction as the proposal or booking it announces, then delivered by a background worker
//! that retries with exponential backoff. A receiver that is down never blocks or loses a
//! visitor's submission; it gets the notification when it comes back.

mod email;
pub mod message;
pub mod webhook;

use std::{sync::Arc, time::Duration};

use chrono::Utc;
use tokio::sync::Notify;

use self::message::Notification;
use crate::server::{
    config::NotifySettings,
    ops::shutdown::Shutdown,
    store::kinds::Channel,
    store::{Database, Pending},
};

/// Longest sleep of the worker when nothing is due (a wake-up comes with each new row).
const IDLE: Duration = Duration::from_secs(30);
/// How long a worker holds the notifications it claimed: longer than a delivery may take
/// (the webhook's and SMTP's timeouts are 10 s), short enough for another worker to take
/// over soon after a crash.
const LEASE: Duration = Duration::from_secs(60);

/// Wait before attempt `attempts + 1`: `first × 2^(attempts − 1)`, at most `max`.
pub fn backoff(first: Duration, max: Duration, attempts: u32) -> Duration {
    let factor = 2u32.saturating_pow(attempts.saturating_sub(1).min(20));
    first.saturating_mul(factor).min(max)
}

/// A notification channel that cannot be set up (the server does not start).
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    /// The webhook's HTTP client cannot be built.
    #[error("webhook HTTP client: {0}")]
    Http(#[from] reqwest::Error),
    /// `SMTP_URL` names no usable transport.
    #[error("SMTP_URL unusable: {0}")]
    Smtp(String),
}

/// Handle shared through `AppState`: which channels exist, and a way to wake the worker.
#[derive(Clone)]
pub struct Notifier {
    settings: Arc<NotifySettings>,
    wake: Arc<Notify>,
    http: reqwest::Client,
    mailer: Option<email::Mailer>,
    /// The owner's words: the business's language.
    words: crate::domain::lang::Words,
}

impl Notifier {
    /// A notifier for `settings`, writing to the owner in `lang`, with its clients built
    /// (the worker starts with [`Notifier::spawn`]).
    pub fn new(
        settings: NotifySettings,
        lang: &crate::domain::lang::Lang,
    ) -> Result<Self, NotifyError> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(3))
            .timeout(Duration::from_secs(10))
            .user_agent("rdv-tunnel")
            .build()?;
        let mailer = settings
            .email
            .as_ref()
            .map(email::mailer)
            .transpose()
            .map_err(NotifyError::Smtp)?;
        Ok(Self {
            settings: Arc::new(settings),
            wake: Arc::new(Notify::new()),
            http,
            mailer,
            words: crate::server::words::words_in(lang),
        })
    }

    /// The configured channels, in a fixed order.
    pub fn channels(&self) -> Vec<Channel> {
        Channel::ALL
            .iter()
            .copied()
            .filter(|channel| match channel {
                Channel::Webhook => self.settings.webhook.is_some(),
                Channel::Email => self.settings.email.is_some(),
                // Not the owner's: written for one visitor, by the matching of proposals.
                Channel::Visitor => false,
            })
            .collect()
    }

    /// True when emails can be sent (`SMTP_URL`): to the owner, and to visitors.
    pub fn can_email(&self) -> bool {
        self.mailer.is_some()
    }

    /// Tells the worker that rows were committed.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Starts the delivery worker (once, at startup); it ends when `shutdown` is asked,
    /// after the delivery it is making.
    pub fn spawn(&self, db: Database, shutdown: Shutdown) -> tokio::task::JoinHandle<()> {
        let worker = Worker {
            notifier: self.clone(),
            db,
            shutdown,
        };
        tokio::spawn(worker.run())
    }
}

struct Worker {
    notifier: Notifier,
    db: Database,
    shutdown: Shutdown,
}

impl Worker {
    async fn run(self) {
        while !self.shutdown.is_asked() {
            match self.db.claim_notifications(Utc::now(), LEASE, 20).await {
                Ok(rows) => self.attempt_all(rows).await,
                Err(error) => tracing::error!(%error, "outbox unreadable"),
            }
            let wait = match self.db.next_notification_due().await {
                Ok(Some(at)) => (at - Utc::now())
                    .to_std()
                    .unwrap_or(Duration::ZERO)
                    .min(IDLE),
                Ok(None) => IDLE,
                Err(error) => {
                    tracing::error!(%error, "outbox unreadable");
                    IDLE
                }
            };
            if wait.is_zero() {
                continue;
            }
            tokio::select! {
                () = self.notifier.wake.notified() => {}
                () = tokio::time::sleep(wait) => {}
                () = self.shutdown.asked() => {}
            }
        }
        tracing::info!("notification worker stopped");
    }

    /// Delivers the claimed `rows` in order; once the process is stopping, gives the rest
    /// back so that another instance sends them at once rather than when the lease ends.
    async fn attempt_all(&self, rows: Vec<Pending>) {
        let mut rows = rows.into_iter();
        while let Some(row) = rows.next() {
            if self.shutdown.is_asked() {
                let left: Vec<i64> = std::iter::once(row.id).chain(rows.map(|r| r.id)).collect();
                match self.db.release_notifications(&left).await {
                    Ok(()) => tracing::info!(count = left.len(), "notifications given back"),
                    Err(error) => {
                        tracing::error!(%error, "notifications not given back: their lease will run out")
                    }
                }
                return;
            }
            self.attempt(row).await;
        }
    }

    async fn attempt(&self, row: Pending) {
        let settings = &self.notifier.settings;
        let outcome = match self.deliver(&row).await {
            Ok(()) => {
                tracing::info!(id = row.id, channel = %row.channel, event = %row.event, "notification delivered");
                crate::server::ops::metrics::notification(true);
                self.db.notification_delivered(row.id).await
            }
            Err(error) => {
                let attempts = u32::try_from(row.attempts + 1).unwrap_or(u32::MAX);
                let retry_at = (attempts < settings.max_attempts).then(|| {
                    let wait = backoff(settings.first_retry, settings.max_retry, attempts);
                    Utc::now() + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::MAX)
                });
                match retry_at {
                    Some(at) => {
                        tracing::warn!(id = row.id, channel = %row.channel, attempts, %error, retry_at = %at, "notification not delivered, will retry")
                    }
                    None => {
                        tracing::error!(id = row.id, channel = %row.channel, attempts, %error, "notification given up");
                        crate::server::ops::metrics::notification(false);
                    }
                }
                self.db.notification_failed(row.id, &error, retry_at).await
            }
        };
        if let Err(error) = outcome {
            tracing::error!(%error, id = row.id, "outbox not updated");
        }
    }

    async fn deliver(&self, row: &Pending) -> Result<(), String> {
        let settings = &self.notifier.settings;
        match row.channel {
            Channel::Webhook => {
                let webhook = settings
                    .webhook
                    .as_ref()
                    .ok_or("webhook no longer configured")?;
                webhook::deliver(
                    &self.notifier.http,
                    webhook,
                    row.id,
                    row.event,
                    &row.payload,
                )
                .await
            }
            Channel::Email => {
                let (Some(email), Some(mailer)) =
                    (settings.email.as_ref(), self.notifier.mailer.as_ref())
                else {
                    return Err("email no longer configured".to_string());
                };
                let notification: Notification = serde_json::from_str(&row.payload)
                    .map_err(|e| format!("payload unreadable: {e}"))?;
                email::deliver((mailer, email), &notification, &self.notifier.words).await
            }
            Channel::Visitor => {
                let (Some(email), Some(mailer)) =
                    (settings.email.as_ref(), self.notifier.mailer.as_ref())
                else {
                    return Err("email no longer configured".to_string());
                };
                let mail: message::VisitorMail = serde_json::from_str(&row.payload)
                    .map_err(|e| format!("payload unreadable: {e}"))?;
                email::deliver_to_visitor(mailer, email, &mail).await
            }
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
