//! The configuration's checks, key by key.

use super::*;
use crate::domain::lang::Lang;
use secrecy::ExposeSecret;

const GOOD: &str = r#"
[business]
time_zone = "Europe/Paris"

[event_types.appel]
calcom_id = 2283473
label = "Appel"
duration_minutes = 30

[event_types.visio]
calcom_id = 2283474
label = "Visio"
duration_minutes = 45
"#;

fn no_env(_: &str) -> Option<String> {
    None
}

#[test]
fn the_shipped_file_is_valid() {
    let text = std::fs::read_to_string("Leptos.toml").unwrap();
    let c = Config::from_toml(&text, "Leptos.toml", no_env).unwrap();
    assert_eq!(c.event_types[0].slug, "appel");
    assert_eq!(c.event_types[0].calcom_id, 2283473);
}

#[test]
fn defaults_and_order() {
    let c = Config::from_toml(GOOD, "t", no_env).unwrap();
    assert_eq!(
        c.event_types
            .iter()
            .map(|e| e.slug.as_str())
            .collect::<Vec<_>>(),
        ["appel", "visio"]
    );
    assert_eq!(c.event_type(None).unwrap().slug, "appel");
    assert!(c.event_types[0].phone_required);
    assert!(!c.event_types[1].phone_required);
    assert_eq!(c.tunnel.range_days, 14);
    let words = |code| crate::server::words::words_in(&Lang::parse(code).unwrap());
    assert_eq!(c.business.zone_label_in(&words("fr")), "heure de Paris");
    assert_eq!(c.business.zone_label_in(&words("en")), "Paris time");
    assert_eq!(c.business.language, Lang::french());
    assert_eq!(c.business.name, "Prise de rendez-vous");
    assert!(matches!(c.calendar, CalendarSource::Demo));
}

#[test]
fn errors_name_the_key() {
    let bad_tz = GOOD.replace("Europe/Paris", "Mars/Olympus");
    let e = Config::from_toml(&bad_tz, "t", no_env)
        .unwrap_err()
        .to_string();
    assert!(e.contains("business.time_zone"), "{e}");

    let bad_rule = format!("{GOOD}\n[tunnel]\nmax_dates_shown = 2\n");
    let e = Config::from_toml(&bad_rule, "t", no_env)
        .unwrap_err()
        .to_string();
    assert!(e.contains("tunnel.max_dates_shown"), "{e}");

    let typo = format!("{GOOD}\n[tunnel]\nrange_dayz = 2\n");
    let e = Config::from_toml(&typo, "t", no_env)
        .unwrap_err()
        .to_string();
    assert!(e.contains("range_dayz"), "{e}");

    let missing = GOOD.replace("duration_minutes = 45", "");
    let e = Config::from_toml(&missing, "t", no_env)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("event_types.visio") && e.contains("duration_minutes"),
        "{e}"
    );

    let env = |k: &str| (k == "CAL_COM_API_URL").then(|| "ftp://x".to_string());
    let e = Config::from_toml(GOOD, "t", env).unwrap_err().to_string();
    assert!(e.contains("CAL_COM_API_URL"), "{e}");

    let env = |k: &str| (k == "CAL_COM_TOKEN").then(|| "cal_live_x".to_string());
    for (setting, value) in [
        ("bookings_api_version", "2024-04-15"),
        ("slots_api_version", "2024-08-13"),
    ] {
        let bad = format!("{GOOD}\n[calcom]\n{setting} = \"{value}\"\n");
        let e = Config::from_toml(&bad, "t", env).unwrap_err().to_string();
        assert!(e.contains(&format!("calcom.{setting}")), "{e}");
    }
    let current = format!("{GOOD}\n[calcom]\nbookings_api_version = \"2026-02-25\"\n");
    assert!(Config::from_toml(&current, "t", env).is_ok());

    for url in ["mysql://x", "data/rdv.db", "postgres:/rdv", "file:rdv.db"] {
        let env = |k: &str| (k == "DATABASE_URL").then(|| url.to_string());
        let e = Config::from_toml(GOOD, "t", env).unwrap_err().to_string();
        assert!(e.contains("DATABASE_URL"), "{url}: {e}");
    }
    for (value, ok) in [
        ("1", true),
        ("300", true),
        ("0", false),
        ("301", false),
        ("20s", false),
    ] {
        let env = |k: &str| (k == "RDV_SHUTDOWN_SECONDS").then(|| value.to_string());
        match Config::from_toml(GOOD, "t", env) {
            Ok(config) => {
                assert!(ok, "{value}");
                assert_eq!(config.shutdown_grace.as_secs().to_string(), value);
            }
            Err(e) => assert!(!ok && e.to_string().contains("RDV_SHUTDOWN_SECONDS"), "{e}"),
        }
    }
    for url in [
        "postgres://rdv:secret@db:5432/rdv",
        "postgresql://db/rdv",
        "sqlite::memory:",
    ] {
        let env = |k: &str| (k == "DATABASE_URL").then(|| url.to_string());
        let config = Config::from_toml(GOOD, "t", env).unwrap();
        assert_eq!(config.database_url.expose_secret(), url);
        assert!(!format!("{config:?}").contains("secret"), "never shown");
    }

    let bad_frame = format!("{GOOD}\n[security]\nframe_ancestors = [\"*\"]\n");
    let e = Config::from_toml(&bad_frame, "t", no_env)
        .unwrap_err()
        .to_string();
    assert!(e.contains("security.frame_ancestors[0]"), "{e}");

    let env = |k: &str| match k {
        "CAL_COM_TOKEN" => Some("cal_live_x".to_string()),
        "CAL_COM_WEBHOOK_SECRET" => Some("short".to_string()),
        _ => None,
    };
    let e = Config::from_toml(GOOD, "t", env).unwrap_err().to_string();
    assert!(e.contains("CAL_COM_WEBHOOK_SECRET"), "{e}");
    let bad_image = GOOD.replace("[business]", "[business]\nimage_url = \"partage.png\"");
    let e = Config::from_toml(&bad_image, "t", no_env)
        .unwrap_err()
        .to_string();
    assert!(e.contains("business.image_url"), "{e}");

    for key in [
        "per_email_per_day",
        "per_client_per_day",
        "posts_per_minute",
        "holds_per_client",
    ] {
        let zero = format!("{GOOD}\n[spam]\n{key} = 0\n");
        let e = Config::from_toml(&zero, "t", no_env)
            .unwrap_err()
            .to_string();
        assert!(e.contains(&format!("spam.{key}")), "{e}");
    }
}

#[test]
fn calcom_mode_and_secret_never_prints() {
    let env = |k: &str| (k == "CAL_COM_TOKEN").then(|| "cal_live_sentinel".to_string());
    let c = Config::from_toml(GOOD, "t", env).unwrap();
    let CalendarSource::CalCom(s) = &c.calendar else {
        panic!("expected Cal.com mode")
    };
    assert_eq!(s.api_url, DEFAULT_CALCOM_API_URL);
    assert_eq!(
        s.token.as_ref().unwrap().expose_secret(),
        "cal_live_sentinel"
    );
    assert!(!format!("{c:?}").contains("sentinel"));
}

#[test]
fn the_admin_token_holds_128_random_bits() {
    for (token, ok) in [
        ("0123456789abcdef", false),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false),
        ("abababababababababababababababab", false),
        ("3f9c2a71e04b5d68c1a9e2f7b3d05c84", true),
    ] {
        let env = |k: &str| (k == "ADMIN_TOKEN").then(|| token.to_string());
        match Config::from_toml(GOOD, "t", env) {
            Ok(config) => assert!(ok && config.admin.is_some(), "{token}"),
            Err(e) => assert!(!ok && e.to_string().contains("ADMIN_TOKEN"), "{token}: {e}"),
        }
    }
}

#[test]
fn the_owner_words_in_other_languages() {
    let text = format!(
        "{GOOD}\n[translations.en]\nname = \"Dupont practice\"\nzone_label = \"London time\"\nevent_types = {{ appel = \"Call\" }}\n"
    );
    let c = Config::from_toml(&text, "t", no_env).unwrap();
    let en = crate::server::words::words_in(&Lang::parse("en").unwrap());
    let fr = crate::server::words::words_in(&Lang::french());
    assert_eq!(c.business.name_in(&en), "Dupont practice");
    assert_eq!(c.business.name_in(&fr), "Prise de rendez-vous");
    assert_eq!(c.business.zone_label_in(&en), "London time");
    assert_eq!(c.business.type_label_in(&c.event_types[0], &en), "Call");
    assert_eq!(c.business.type_label_in(&c.event_types[1], &en), "Visio");
    assert!(c
        .business
        .description_in(&en)
        .starts_with("Book an appointment online with Dupont practice"));

    for (bad, key) in [
        ("[translations.xx]\nname = \"X\"\n", "translations.xx"),
        (
            "[translations.en]\nevent_types = { nope = \"X\" }\n",
            "translations.en.event_types.nope",
        ),
        ("[business]\nlanguage = \"xx\"\n", "business.language"),
    ] {
        let text = if bad.starts_with("[business]") {
            GOOD.replace("[business]", bad.trim_end())
        } else {
            format!("{GOOD}\n{bad}")
        };
        let e = Config::from_toml(&text, "t", no_env)
            .unwrap_err()
            .to_string();
        assert!(e.contains(key), "{e}");
    }
}
