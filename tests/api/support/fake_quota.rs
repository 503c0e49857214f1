//! The fake Cal.com's rate limit, as Cal.com's source has it (`apps/api/v2/src/lib/throttler`,
//! CALCOM_API_NOTES.md §9): one quota per API key (per address without a key) across every
//! endpoint, 120 calls per 60 s window by default; past it, the key is blocked for 60 s.
//! Every answer carries `X-RateLimit-Limit-Default`, `X-RateLimit-Remaining-Default` and
//! `X-RateLimit-Reset-Default` (seconds until the window resets, not a time); a 429 has no
//! `Retry-After`.

use std::{
    collections::HashMap,
    time::{Duration, Instant},
};

use axum::http::{HeaderMap, HeaderValue};

/// The limits, and what each caller spent.
#[derive(Debug)]
pub struct Quota {
    /// Calls per window and caller.
    pub limit: u64,
    /// The window.
    pub window: Duration,
    /// How long a caller past its limit is refused.
    pub block: Duration,
    callers: HashMap<String, Spent>,
    /// Calls answered 429 so far.
    refused: u64,
}

#[derive(Debug)]
struct Spent {
    window_start: Instant,
    calls: u64,
    blocked_until: Option<Instant>,
}

impl Default for Quota {
    fn default() -> Self {
        Self {
            limit: 120,
            window: Duration::from_secs(60),
            block: Duration::from_secs(60),
            callers: HashMap::new(),
            refused: 0,
        }
    }
}

/// What one call got from the quota: the headers to send, and whether it is refused.
pub struct Counted {
    pub headers: [(&'static str, HeaderValue); 3],
    pub refused: bool,
}

impl Quota {
    /// Counts a call of the caller `headers` name (its key, or the one address of the tests).
    pub fn count(&mut self, headers: &HeaderMap) -> Counted {
        let caller = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("127.0.0.1")
            .to_string();
        let now = Instant::now();
        let (limit, window, block) = (self.limit, self.window, self.block);
        let spent = self.callers.entry(caller).or_insert(Spent {
            window_start: now,
            calls: 0,
            blocked_until: None,
        });
        if now.duration_since(spent.window_start) >= window {
            spent.window_start = now;
            spent.calls = 0;
        }
        let blocked = spent.blocked_until.filter(|until| *until > now);
        let refused = if blocked.is_some() {
            true
        } else {
            spent.calls += 1;
            if spent.calls > limit {
                spent.blocked_until = Some(now + block);
                true
            } else {
                false
            }
        };
        let reset = match spent.blocked_until.filter(|until| *until > now) {
            Some(until) => until - now,
            None => window.saturating_sub(now.duration_since(spent.window_start)),
        };
        // Rounded up: "0 s" only when the window is over.
        let reset_seconds = reset.as_millis().div_ceil(1000) as u64;
        let remaining = if refused {
            0
        } else {
            limit.saturating_sub(spent.calls)
        };
        if refused {
            self.refused += 1;
        }
        Counted {
            headers: [
                ("x-ratelimit-limit-default", HeaderValue::from(limit)),
                (
                    "x-ratelimit-remaining-default",
                    HeaderValue::from(remaining),
                ),
                (
                    "x-ratelimit-reset-default",
                    HeaderValue::from(reset_seconds),
                ),
            ],
            refused,
        }
    }

    /// Calls answered 429 so far.
    pub fn refused(&self) -> u64 {
        self.refused
    }

    /// Forgets what every caller spent (the fake's reset).
    pub fn clear(&mut self) {
        self.callers.clear();
    }
}
