//! `Leptos.toml` as written, with every default in one place: the `Default` impls here.

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    #[serde(default)]
    pub business: RawBusiness,
    #[serde(default)]
    pub translations: std::collections::BTreeMap<String, RawTranslation>,
    #[serde(default)]
    pub event_types: toml::Table,
    #[serde(default)]
    pub tunnel: super::TunnelRules,
    #[serde(default)]
    pub calcom: RawCalcom,
    #[serde(default)]
    pub privacy: RawPrivacy,
    #[serde(default)]
    pub spam: RawSpam,
    #[serde(default)]
    pub security: RawSecurity,
    #[serde(default)]
    pub admin: RawAdmin,
    #[serde(default)]
    pub notifications: RawNotifications,
    #[serde(default)]
    pub matching: super::matching::RawMatching,
    #[serde(default)]
    pub reminders: super::reminders::RawReminders,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawBusiness {
    pub name: String,
    pub language: Option<String>,
    pub time_zone: String,
    pub zone_label: Option<String>,
    pub description: Option<String>,
    pub image_url: Option<String>,
    pub public_url: Option<String>,
    pub contact: Option<String>,
}

/// `[translations.<lang>]`: what the owner writes, in another language.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawTranslation {
    pub name: Option<String>,
    pub description: Option<String>,
    pub zone_label: Option<String>,
    pub event_types: std::collections::BTreeMap<String, String>,
}

impl Default for RawBusiness {
    fn default() -> Self {
        Self {
            name: "Prise de rendez-vous".to_string(),
            language: None,
            time_zone: "Europe/Paris".to_string(),
            zone_label: None,
            description: None,
            image_url: None,
            public_url: None,
            contact: None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEventType {
    pub calcom_id: u64,
    pub label: String,
    pub duration_minutes: u32,
    pub phone_required: Option<bool>,
    pub calcom_username: Option<String>,
    pub calcom_slug: Option<String>,
    pub changes_until_hours_before: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawCalcom {
    pub slots_api_version: String,
    pub bookings_api_version: String,
    pub booking_timeout_seconds: u64,
}

impl Default for RawCalcom {
    fn default() -> Self {
        Self {
            slots_api_version: "2024-09-04".to_string(),
            bookings_api_version: "2024-08-13".to_string(),
            booking_timeout_seconds: 20,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawPrivacy {
    pub retention_days: u32,
}

impl Default for RawPrivacy {
    fn default() -> Self {
        Self { retention_days: 90 }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawSpam {
    pub min_fill_seconds: u64,
    pub posts_per_minute: u32,
    pub reads_per_minute: u32,
    pub per_email_per_day: u32,
    pub per_client_per_day: u32,
    pub holds_per_client: u32,
    pub holds_per_client_per_hour: u32,
    pub holds_share_percent: u32,
    pub trusted_proxies: Vec<String>,
}

impl Default for RawSpam {
    fn default() -> Self {
        Self {
            min_fill_seconds: 3,
            posts_per_minute: 10,
            reads_per_minute: 600,
            per_email_per_day: 3,
            per_client_per_day: 10,
            holds_per_client: 2,
            holds_per_client_per_hour: 6,
            holds_share_percent: 30,
            trusted_proxies: Vec::new(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawSecurity {
    pub frame_ancestors: Vec<String>,
    pub header_timeout_seconds: u64,
    pub request_timeout_seconds: u64,
    pub max_requests_in_flight: usize,
    pub hsts_seconds: u64,
}

impl Default for RawSecurity {
    fn default() -> Self {
        Self {
            frame_ancestors: Vec::new(),
            header_timeout_seconds: 10,
            request_timeout_seconds: 60,
            max_requests_in_flight: 512,
            hsts_seconds: 0,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawAdmin {
    pub failures_per_minute: u32,
    pub session_hours: u64,
    pub secure_cookie: bool,
}

impl Default for RawAdmin {
    fn default() -> Self {
        Self {
            failures_per_minute: 5,
            session_hours: 12,
            secure_cookie: true,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawNotifications {
    pub first_retry_ms: u64,
    pub max_retry_seconds: u64,
    pub max_attempts: u32,
}

impl Default for RawNotifications {
    fn default() -> Self {
        Self {
            first_retry_ms: 5_000,
            max_retry_seconds: 3_600,
            max_attempts: 12,
        }
    }
}
