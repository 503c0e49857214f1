//! The event types' rules as Cal.com says them (length, phone, questions), read at startup
//! and then every 10 minutes. A copy of Cal.com's settings: losing it loses nothing, the
//! next read brings it back.

use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
    time::Duration,
};

use crate::server::{
    calendar::calcom::{CalComClient, EventTypeRules},
    config::EventType,
};

/// How often the rules are read again.
const REFRESH_EVERY: Duration = Duration::from_secs(600);

/// The rules of each configured event type, by Cal.com id.
#[derive(Clone, Debug, Default)]
pub struct EventRules {
    rules: Arc<RwLock<HashMap<u64, EventTypeRules>>>,
}

impl EventRules {
    /// The rules of `event` (none known: Leptos.toml's settings alone).
    pub fn of(&self, event: &EventType) -> EventTypeRules {
        self.rules
            .read()
            .ok()
            .and_then(|rules| rules.get(&event.calcom_id).cloned())
            .unwrap_or_default()
    }

    /// The length of `event` a visitor reads everywhere: Cal.com's, which is what Cal.com
    /// books; Leptos.toml's `duration_minutes` while Cal.com has not been read.
    pub fn length_of(&self, event: &EventType) -> u32 {
        self.rules
            .read()
            .ok()
            .and_then(|rules| rules.get(&event.calcom_id).and_then(|r| r.length_minutes))
            .unwrap_or(event.duration_minutes)
    }

    /// Reads the rules of every event type from Cal.com (with the key); logs what each
    /// requires, what the tunnel cannot ask, and (once, not at every read) a length that
    /// Leptos.toml states otherwise.
    pub async fn refresh(&self, client: &CalComClient, events: &[EventType]) {
        for event in events {
            let Some(read) = client.event_type(event).await else {
                tracing::info!(
                    event = %event.slug,
                    "no CAL_COM_TOKEN and no calcom_username/calcom_slug: its questions, length and phone rule come from Leptos.toml alone"
                );
                continue;
            };
            match read {
                Ok(rules) => {
                    let questions: Vec<String> = rules
                        .questions
                        .iter()
                        .map(|q| {
                            format!("{}{}", q.slug, if q.required { " (required)" } else { "" })
                        })
                        .collect();
                    tracing::info!(
                        event = %event.slug,
                        length_minutes = ?rules.length_minutes,
                        phone_required = rules.phone_required(event),
                        questions = ?questions,
                        "event type rules read from Cal.com"
                    );
                    if !rules.unsupported.is_empty() {
                        tracing::warn!(
                            event = %event.slug,
                            fields = ?rules.unsupported,
                            "required booking fields the form cannot ask: this event type's visitors get the proposal form"
                        );
                    }
                    if let Ok(mut all) = self.rules.write() {
                        let known = all.get(&event.calcom_id).and_then(|r| r.length_minutes);
                        match rules.length_minutes {
                            Some(length)
                                if length != event.duration_minutes && known != Some(length) =>
                            {
                                tracing::warn!(
                                    event = %event.slug,
                                    calcom_minutes = length,
                                    configured_minutes = event.duration_minutes,
                                    "Leptos.toml's duration_minutes disagrees with Cal.com's length: the pages say Cal.com's, which is what it books"
                                );
                            }
                            _ => {}
                        }
                        all.insert(event.calcom_id, rules);
                    }
                }
                Err(error) => {
                    tracing::warn!(%error, event = %event.slug, "event type rules unreadable: the last ones known (or Leptos.toml's) stay");
                }
            }
        }
    }

    /// Reads the rules now and then every 10 minutes, for the life of the process.
    pub fn spawn(&self, client: CalComClient, events: Vec<EventType>) {
        let this = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(REFRESH_EVERY);
            // The first tick is now: startup has just read them.
            tick.tick().await;
            loop {
                tick.tick().await;
                this.refresh(&client, &events).await;
            }
        });
    }
}
