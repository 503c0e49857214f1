//! The Cal.com slots → days transform on 3 months of 15-minute slots (every day, 08:00–20:00).
//! `cargo bench --features ssr --bench transform`

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::Paris;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rdv_tunnel::domain::calendar::group_by_day;

fn three_months_of_quarter_hours() -> Vec<DateTime<Utc>> {
    let start = DateTime::parse_from_rfc3339("2026-03-01T07:00:00Z")
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default();
    (0..92)
        .flat_map(|day| {
            (0..48).map(move |q| start + Duration::days(day) + Duration::minutes(15 * q))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let slots = three_months_of_quarter_hours();
    let now = DateTime::parse_from_rfc3339("2026-02-01T00:00:00Z")
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default();
    c.bench_function("group_by_day: 92 days × 48 slots", |b| {
        b.iter(|| group_by_day(black_box(slots.iter().copied()), &Paris, now))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
