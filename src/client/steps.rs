//! The date ↔ hour switch of `RDVTunnel`: the server rendered the dates step and, hidden,
//! the hours of each date; this shows the chosen section without a reload.

use wasm_bindgen::JsCast;
use web_sys::{Element, MouseEvent};

use super::dom;
use crate::dom_ids::DATES_TITLE;

/// Attaches the switch to the page's `.tunnel` and marks it live (`data-live`).
pub fn start() {
    let Some(root) = dom::document().and_then(|d| d.query_selector(".tunnel").ok().flatten())
    else {
        return;
    };
    show_local_times(&root);
    let on_click = root.clone();
    dom::listen(&root, "click", move |e| choose(&on_click, e));
    // Back and forward between steps: the URL is the source of truth.
    if let Some(window) = dom::window() {
        let on_pop = root.clone();
        dom::listen(&window, "popstate", move |_| {
            show(&on_pop, dom::query_param("date").as_deref());
        });
    }
    let _ = root.set_attribute("data-live", "");
}

/// A click on a date or on "Changer de date": switch in place. Modified clicks (new tab…)
/// keep their browser meaning.
fn choose(root: &Element, event: web_sys::Event) {
    let Some(click) = event.dyn_ref::<MouseEvent>() else {
        return;
    };
    if click.button() != 0
        || click.ctrl_key()
        || click.meta_key()
        || click.shift_key()
        || click.alt_key()
    {
        return;
    }
    let Some(link) = event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("a[data-date], a[data-back]").ok().flatten())
    else {
        return;
    };
    event.prevent_default();
    if let Some(href) = link.get_attribute("href") {
        dom::push_url(&href);
    }
    show(root, link.get_attribute("data-date").as_deref());
}

/// Shows the hours of `date`, or the dates when `date` is `None` or not proposed; announces
/// the step and moves focus to its heading.
fn show(root: &Element, date: Option<&str>) {
    let sections = dom::all(root, "[data-step]");
    let hours = date.and_then(|d| {
        sections
            .iter()
            .find(|s| s.get_attribute("data-date").as_deref() == Some(d))
    });
    let dates = sections
        .iter()
        .find(|s| s.get_attribute("data-step").as_deref() == Some("dates"));
    let Some(shown) = hours.or(dates) else {
        return;
    };
    for section in &sections {
        dom::set_hidden(section, section != shown);
    }
    let announcement = match (hours, shown.get_attribute("data-label")) {
        (Some(_), Some(label)) => dom::fill(
            &root.get_attribute("data-say-hours").unwrap_or_default(),
            &[("date", &label)],
        ),
        _ => root.get_attribute("data-say-dates").unwrap_or_default(),
    };
    if let Some(live) = root.query_selector("[data-announce]").ok().flatten() {
        live.set_text_content(Some(&announcement));
    }
    let title = shown
        .get_attribute("aria-labelledby")
        .unwrap_or_else(|| DATES_TITLE.to_string());
    dom::focus(&title);
}

/// When the visitor's time zone is not the business's, says what the first hour of each
/// date is in their own zone.
fn show_local_times(root: &Element) {
    let Some(visitor) = dom::visitor_time_zone() else {
        return;
    };
    if root.get_attribute("data-zone").as_deref() == Some(visitor.as_str()) {
        return;
    }
    let zone_label = root.get_attribute("data-zone-label").unwrap_or_default();
    let visitor = dom::zone_name(&visitor);
    for line in dom::all(root, ".local-time") {
        let (Some(utc), Some(time)) = (
            line.get_attribute("data-utc"),
            line.get_attribute("data-time"),
        ) else {
            continue;
        };
        let Some(local) = dom::local_hh_mm(&utc) else {
            continue;
        };
        let said = dom::fill(
            &root.get_attribute("data-say-elsewhere").unwrap_or_default(),
            &[
                ("visitor", &visitor),
                ("time", &time),
                ("zone", &zone_label),
                ("local", &local),
            ],
        );
        line.set_text_content(Some(&said));
        dom::set_hidden(&line, false);
    }
}
