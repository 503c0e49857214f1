//! `/metrics` in Prometheus' text format (prometheus-client): requests by route and status,
//! bookings and requests by outcome, Cal.com calls (durations by endpoint, outcomes, the quota
//! left), the availability cache's hits and misses, the notifications delivered and given up,
//! and the outbox (pending, failed) read from the database at each scrape.
//!
//! Counters are this process's (Prometheus scrapes each instance and sums); the outbox is the
//! database's, shared by all. The page needs `Authorization: Bearer <METRICS_TOKEN>`;
//! without that setting it does not exist (404).

use std::{sync::LazyLock, time::Duration};

use crate::{domain::forms::FormReply, error::AppError};
use axum::{
    extract::{MatchedPath, Request},
    middleware::Next,
    response::Response,
};
use prometheus_client::{
    collector::Collector,
    encoding::{text::encode, DescriptorEncoder, EncodeMetric},
    metrics::{
        counter::Counter,
        family::Family,
        gauge::Gauge,
        histogram::{exponential_buckets, Histogram},
    },
    registry::Registry,
};

type Labels = Vec<(&'static str, String)>;

struct Metrics {
    registry: Registry,
    requests: Family<Labels, Counter>,
    bookings: Family<Labels, Counter>,
    proposals: Family<Labels, Counter>,
    calcom_seconds: Family<Labels, Histogram, fn() -> Histogram>,
    calcom_calls: Family<Labels, Counter>,
    calcom_quota: Quota,
    cache: Family<Labels, Counter>,
    notifications: Family<Labels, Counter>,
    outbox: Family<Labels, Gauge>,
    no_shows: Counter,
}

/// The quota Cal.com last reported: absent from the page until it has reported one (a
/// gauge at 0 would say the quota is spent, and fire an alert on a healthy server).
#[derive(Clone, Debug, Default)]
struct Quota(std::sync::Arc<std::sync::OnceLock<Gauge>>);

impl Collector for Quota {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let Some(gauge) = self.0.get() else {
            return Ok(());
        };
        let metric = encoder.encode_descriptor(
            "calcom_rate_limit_remaining",
            "Requests left in Cal.com's rate-limit window, as last reported",
            None,
            gauge.metric_type(),
        )?;
        gauge.encode(metric)
    }
}

fn calcom_histogram() -> Histogram {
    // 25 ms to about 25 s.
    Histogram::new(exponential_buckets(0.025, 2.0, 11))
}

static METRICS: LazyLock<Metrics> = LazyLock::new(|| {
    let mut registry = Registry::with_prefix("rdv");
    let metrics = Metrics {
        registry: Registry::default(),
        requests: Family::default(),
        bookings: Family::default(),
        proposals: Family::default(),
        calcom_seconds: Family::new_with_constructor(calcom_histogram),
        calcom_calls: Family::default(),
        calcom_quota: Quota::default(),
        cache: Family::default(),
        notifications: Family::default(),
        outbox: Family::default(),
        no_shows: Counter::default(),
    };
    registry.register(
        "http_requests",
        "Requests answered, by route and status",
        metrics.requests.clone(),
    );
    registry.register(
        "bookings",
        "Booking attempts, by outcome",
        metrics.bookings.clone(),
    );
    registry.register(
        "proposals",
        "Proposals, by outcome",
        metrics.proposals.clone(),
    );
    registry.register(
        "calcom_request_duration_seconds",
        "Cal.com API calls, by endpoint",
        metrics.calcom_seconds.clone(),
    );
    registry.register(
        "calcom_requests",
        "Cal.com API calls, by endpoint and outcome",
        metrics.calcom_calls.clone(),
    );
    registry.register_collector(Box::new(metrics.calcom_quota.clone()));
    registry.register(
        "availability_cache",
        "Availability reads, by result (hit, miss)",
        metrics.cache.clone(),
    );
    registry.register(
        "notifications",
        "Owner notifications, by result (delivered, given_up)",
        metrics.notifications.clone(),
    );
    registry.register(
        "outbox",
        "Notifications in the database, by state (pending: due and not delivered; failed)",
        metrics.outbox.clone(),
    );
    registry.register(
        "no_shows",
        "Appointments the owner marked as missed by their visitor",
        metrics.no_shows.clone(),
    );
    Metrics {
        registry,
        ..metrics
    }
});

fn one(name: &'static str, value: impl Into<String>) -> Labels {
    vec![(name, value.into())]
}

/// The outcome label of a form's reply.
pub fn outcome_of(reply: &Result<FormReply, AppError>) -> &'static str {
    match reply {
        Ok(FormReply::Booked { .. }) => "booked",
        Ok(FormReply::Saved { .. }) => "saved",
        Ok(FormReply::SlotTaken { .. }) => "taken",
        Ok(FormReply::Failed { .. }) => "failed",
        Ok(FormReply::Invalid(_)) => "invalid",
        Ok(FormReply::Retry { .. }) => "retry",
        Err(_) => "error",
    }
}

/// A booking attempt ended with `outcome` (`booked`, `pending`, `taken`, `invalid`…).
pub fn booking(outcome: &'static str) {
    METRICS
        .bookings
        .get_or_create(&one("outcome", outcome))
        .inc();
}

/// An appointment was marked as missed.
pub fn no_show() {
    METRICS.no_shows.inc();
}

/// A proposal ended with `outcome`.
pub fn proposal(outcome: &'static str) {
    METRICS
        .proposals
        .get_or_create(&one("outcome", outcome))
        .inc();
}

/// A Cal.com call to `endpoint` took `took` and ended with `outcome`; `remaining` is the
/// rate-limit quota Cal.com reported, if it did.
pub fn calcom_call(endpoint: &str, took: Duration, outcome: &'static str, remaining: Option<i64>) {
    let endpoint = endpoint.to_string();
    METRICS
        .calcom_seconds
        .get_or_create(&one("endpoint", endpoint.clone()))
        .observe(took.as_secs_f64());
    METRICS
        .calcom_calls
        .get_or_create(&vec![
            ("endpoint", endpoint),
            ("outcome", outcome.to_string()),
        ])
        .inc();
    if let Some(remaining) = remaining {
        METRICS
            .calcom_quota
            .0
            .get_or_init(Gauge::default)
            .set(remaining);
    }
}

/// An availability read found the cache fresh (`hit`) or had to ask the source.
pub fn cache(hit: bool) {
    let result = if hit { "hit" } else { "miss" };
    METRICS.cache.get_or_create(&one("result", result)).inc();
}

/// A notification was delivered (`true`) or given up after its last attempt.
pub fn notification(delivered: bool) {
    let result = if delivered { "delivered" } else { "given_up" };
    METRICS
        .notifications
        .get_or_create(&one("result", result))
        .inc();
}

/// Counts every answered request under its route (the path template, never the path itself,
/// which may hold a confirmation id).
pub async fn count_requests(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "other".to_string(), |p| p.as_str().to_string());
    let response = next.run(request).await;
    METRICS
        .requests
        .get_or_create(&vec![
            ("route", route),
            ("status", response.status().as_u16().to_string()),
        ])
        .inc();
    response
}

/// The outbox's counts, read from the database at a scrape.
pub fn set_outbox(pending: i64, failed: i64) {
    METRICS
        .outbox
        .get_or_create(&one("state", "pending"))
        .set(pending);
    METRICS
        .outbox
        .get_or_create(&one("state", "failed"))
        .set(failed);
}

/// Every metric in Prometheus' text format.
pub fn render() -> Option<String> {
    let mut text = String::new();
    encode(&mut text, &METRICS.registry).ok()?;
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quota_is_absent_until_calcom_reports_it_then_plain() {
        let quota = |text: &str| {
            text.lines()
                .find(|l| l.starts_with("rdv_calcom_rate_limit_remaining"))
                .map(str::to_string)
        };
        assert_eq!(quota(&render().unwrap()), None);
        calcom_call("slots", Duration::from_millis(5), "ok", None);
        assert_eq!(quota(&render().unwrap()), None);
        calcom_call("slots", Duration::from_millis(5), "ok", Some(117));
        assert_eq!(
            quota(&render().unwrap()).as_deref(),
            Some("rdv_calcom_rate_limit_remaining 117")
        );
    }
}
