//! Reading the pages the server renders, as a browser would parse them.

use scraper::{ElementRef, Html, Selector};

/// `read` applied to every element matching `selector`, in document order.
fn each<T>(html: &str, selector: &str, read: impl Fn(ElementRef<'_>) -> Option<T>) -> Vec<T> {
    let document = Html::parse_document(html);
    let selector = Selector::parse(selector).expect("a valid CSS selector");
    document.select(&selector).filter_map(read).collect()
}

/// The attribute `name` of the first element matching `selector`.
pub fn attr(html: &str, selector: &str, name: &str) -> Option<String> {
    attrs(html, selector, name).into_iter().next()
}

/// The attribute `name` of every element matching `selector`, in document order.
pub fn attrs(html: &str, selector: &str, name: &str) -> Vec<String> {
    each(html, selector, |e| e.value().attr(name).map(str::to_string))
}

/// The text of every element matching `selector`, whitespace trimmed.
pub fn texts(html: &str, selector: &str) -> Vec<String> {
    each(html, selector, |e| {
        Some(e.text().collect::<String>().trim().to_string())
    })
}
