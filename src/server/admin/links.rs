//! Links the admin pages write from what visitors typed.

/// A `mailto:` link to `email`, percent-encoded: whatever the address holds, the link
/// writes to it alone (no `?cc=` or `&body=` riding along).
pub fn mailto(email: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    const KEPT: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'@')
        .remove(b'.')
        .remove(b'-')
        .remove(b'_')
        .remove(b'+');
    format!("mailto:{}", utf8_percent_encode(email, KEPT))
}

#[cfg(test)]
mod tests {
    #[test]
    fn mailto_links_write_to_the_address_alone() {
        assert_eq!(super::mailto("zoe@example.fr"), "mailto:zoe@example.fr");
        assert_eq!(
            super::mailto("a?cc=x@evil.fr&body=hi@b.fr"),
            "mailto:a%3Fcc%3Dx@evil.fr%26body%3Dhi@b.fr"
        );
    }
}
