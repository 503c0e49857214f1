//! `[spam]`: the limits that keep bots and hoarders out.

use std::{net::IpAddr, num::NonZeroU32, time::Duration};

use ipnet::IpNet;

use super::{
    error::{ConfigError, Keys},
    raw::RawSpam,
};

/// `[spam]`: the shortest fill time, the limits per client (posts, reads, daily caps, holds),
/// the share of hours all holds may take, the trusted proxies.
pub(super) fn spam(
    file: Keys<'_>,
    raw: RawSpam,
) -> Result<(Duration, [NonZeroU32; 7], Vec<ipnet::IpNet>), ConfigError> {
    file.check(
        raw.min_fill_seconds <= 60,
        "spam.min_fill_seconds",
        "must be between 0 and 60",
    )?;
    let posts_per_minute = NonZeroU32::new(raw.posts_per_minute)
        .filter(|n| n.get() <= 10_000)
        .ok_or_else(|| file.invalid("spam.posts_per_minute", "must be between 1 and 10000"))?;
    let reads_per_minute = NonZeroU32::new(raw.reads_per_minute)
        .ok_or_else(|| file.invalid("spam.reads_per_minute", "must be at least 1"))?;
    let per_email_per_day = NonZeroU32::new(raw.per_email_per_day)
        .filter(|n| n.get() <= 1000)
        .ok_or_else(|| file.invalid("spam.per_email_per_day", "must be between 1 and 1000"))?;
    let per_client_per_day = NonZeroU32::new(raw.per_client_per_day)
        .filter(|n| n.get() <= 10_000)
        .ok_or_else(|| file.invalid("spam.per_client_per_day", "must be between 1 and 10000"))?;
    let holds_per_client = NonZeroU32::new(raw.holds_per_client)
        .filter(|n| n.get() <= 10_000)
        .ok_or_else(|| file.invalid("spam.holds_per_client", "must be between 1 and 10000"))?;
    let holds_per_client_per_hour = NonZeroU32::new(raw.holds_per_client_per_hour)
        .filter(|n| n.get() <= 10_000)
        .ok_or_else(|| {
            file.invalid(
                "spam.holds_per_client_per_hour",
                "must be between 1 and 10000",
            )
        })?;
    let holds_share_percent = NonZeroU32::new(raw.holds_share_percent)
        .filter(|n| n.get() <= 100)
        .ok_or_else(|| file.invalid("spam.holds_share_percent", "must be between 1 and 100"))?;
    let trusted_proxies = raw
        .trusted_proxies
        .iter()
        .enumerate()
        .map(|(i, ip)| {
            trusted_range(ip).ok_or_else(|| {
                let problem = "is not an IP address or a CIDR range (e.g. \"10.0.0.0/8\")";
                file.invalid(
                    &format!("spam.trusted_proxies[{i}]"),
                    format!("{problem}: {ip:?}"),
                )
            })
        })
        .collect::<Result<_, _>>()?;
    Ok((
        Duration::from_secs(raw.min_fill_seconds),
        [
            posts_per_minute,
            reads_per_minute,
            per_email_per_day,
            per_client_per_day,
            holds_per_client,
            holds_per_client_per_hour,
            holds_share_percent,
        ],
        trusted_proxies,
    ))
}

/// A trusted proxy as configured: an address (`10.0.0.1`) or a range (`10.0.0.0/8`, `fd00::/8`).
fn trusted_range(text: &str) -> Option<IpNet> {
    let text = text.trim();
    text.parse::<IpNet>()
        .map(|net| net.trunc())
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .ok()
}
