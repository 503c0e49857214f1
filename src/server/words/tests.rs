//! The catalogues and the language of a request.

use super::*;

/// A third language is a third file: this test catalogue has two messages, the rest
/// falls back to French.
const GERMAN: &str = include_str!("../../../tests/locales/de.ftl");

fn with_german() -> Arc<Catalogues> {
    let mut sources = EMBEDDED.to_vec();
    sources.push(("de", GERMAN));
    Arc::new(Catalogues::from_sources(&sources).unwrap())
}

#[test]
fn the_catalogues_build_and_english_says_everything_french_does() {
    let catalogues = Catalogues::embedded().unwrap();
    let french = catalogues.ids(&Lang::french());
    assert!(french.len() > 100, "{} messages", french.len());
    for lang in catalogues.langs() {
        let ids = catalogues.ids(lang);
        let missing: Vec<_> = french.iter().filter(|id| !ids.contains(id)).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        let extra: Vec<_> = ids.iter().filter(|id| !french.contains(id)).collect();
        assert!(extra.is_empty(), "{lang} has unknown ids {extra:?}");
    }
}

/// Every message the code names exists in French (the fallback of all): ids passed to
/// `say`/`say_with`, the islands' words, and the refusals and notices the code returns.
#[test]
fn every_message_the_code_names_is_in_the_catalogue() {
    let catalogues = Catalogues::embedded().unwrap();
    let french = catalogues.ids(&Lang::french());
    let is_id = |s: &str| {
        s.contains('-')
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    let mut named: Vec<String> = BROWSER_WORDS.iter().map(|s| s.to_string()).collect();
    let markers = [
        "say(\"",
        "say_with(\"",
        "Err(\"",
        "ok_or(\"",
        "failed(\"",
        "=> \"",
    ];
    let mut files = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // Multi-line calls: `say_with(\n    "id"` reads as `say_with("id"`.
        let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = text.replace("( \"", "(\"");
        for marker in markers {
            for (at, _) in text.match_indices(marker) {
                let rest = &text[at + marker.len()..];
                if let Some(id) = rest.split('"').next().filter(|id| is_id(id)) {
                    named.push(id.to_string());
                }
            }
        }
    }
    named.sort();
    named.dedup();
    assert!(named.len() > 100, "{} ids found", named.len());
    let missing: Vec<_> = named.iter().filter(|id| !french.contains(id)).collect();
    assert!(missing.is_empty(), "not in locales/fr.ftl: {missing:?}");
}

#[test]
fn dates_in_each_language() {
    let catalogues = Arc::new(Catalogues::embedded().unwrap());
    let words = |code| Words::new(Lang::parse(code).unwrap(), false, catalogues.clone());
    let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    assert_eq!(words("fr").date(d("2026-11-26")), "jeudi 26 novembre");
    assert_eq!(words("fr").date(d("2026-12-01")), "mardi 1er décembre");
    assert_eq!(words("en").date(d("2026-11-26")), "Thursday 26 November");
    assert_eq!(words("en").date(d("2026-12-01")), "Tuesday 1 December");
    assert_eq!(
        words("fr").date_with_year(d("2027-08-15")),
        "dimanche 15 août 2027"
    );
    let at = d("2026-12-01").and_hms_opt(9, 5, 0).unwrap();
    assert_eq!(words("fr").date_time(at), "mardi 1er décembre 2026 à 09:05");
    assert_eq!(
        words("en").date_time(at),
        "Tuesday 1 December 2026 at 09:05"
    );
}

#[test]
fn a_third_language_is_one_more_file() {
    let catalogues = with_german();
    let fr = Lang::french();
    let (lang, chosen) = catalogues.resolve(None, Some("de-CH, en;q=0.8"), &fr);
    assert_eq!((lang.as_str(), chosen), ("de", false));
    let words = Words::new(lang, false, catalogues.clone());
    assert_eq!(words.say("page-title"), "Termin vereinbaren");
    // What the test catalogue does not say comes in French.
    assert_eq!(words.say("choose-date"), "Choisissez une date");
}

#[test]
fn the_language_comes_from_the_query_then_the_browser_then_the_business() {
    let catalogues = Catalogues::embedded().unwrap();
    let fr = Lang::french();
    let pick = |q, a| {
        let (lang, chosen) = catalogues.resolve(q, a, &fr);
        (lang.as_str().to_string(), chosen)
    };
    assert_eq!(pick(Some("en"), Some("fr")), ("en".into(), true));
    assert_eq!(pick(Some("fr"), Some("en")), ("fr".into(), true));
    assert_eq!(pick(Some("xx"), Some("en-GB")), ("en".into(), false));
    assert_eq!(pick(None, Some("es, en;q=0.5")), ("en".into(), false));
    assert_eq!(pick(None, Some("es")), ("fr".into(), false));
    assert_eq!(pick(None, None), ("fr".into(), false));
}
