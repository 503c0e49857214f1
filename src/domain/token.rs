//! The keys the server hands out — hold ids, draft tokens, confirmation ids, admin session
//! ids — as one type that cannot hold an unchecked string: the only ways to get one are
//! [`Token::parse`] (on every way a key comes in: URL, form, cookie, JSON) and
//! [`Token::from_bits`] (the server's generator).
//!
//! A token has no `Display`: writing one into a log line or a message takes an explicit
//! [`Token::as_str`], and its `Debug` shows nothing of it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// 128 bits as 32 lower-case hex digits, the one spelling the server writes.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Token(String);

/// Digits in a token.
const LEN: usize = 32;

impl Token {
    /// `s` when it is a token as the server writes them; `None` for anything else (another
    /// length, upper case, any other character), so that one key has one spelling.
    pub fn parse(s: &str) -> Option<Self> {
        let lower_hex = s
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        (s.len() == LEN && lower_hex).then(|| Self(s.to_string()))
    }

    /// The token written for `bits` (the server's random numbers; a hold id's random half
    /// and signature).
    pub fn from_bits(bits: u128) -> Self {
        Self(format!("{bits:032x}"))
    }

    /// The token as written in URLs, cookies and the database.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first and second halves (16 digits each).
    pub fn halves(&self) -> (&str, &str) {
        self.0.split_at(LEN / 2)
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(…)")
    }
}

impl std::str::FromStr for Token {
    type Err = &'static str;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s).ok_or("not a token")
    }
}

/// Reads an optional token field leniently: an empty, missing or malformed value is no
/// token (`#[serde(default, deserialize_with = "lenient")]`), as a URL's would be.
pub fn lenient<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Token>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.and_then(|s| Token::parse(&s)))
}

impl TryFrom<String> for Token {
    type Error = &'static str;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s).ok_or("not a token")
    }
}

impl From<Token> for String {
    fn from(token: Token) -> Self {
        token.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_servers_spelling_is_a_token() {
        assert!(Token::parse(&"a1".repeat(16)).is_some());
        assert!(Token::parse(&"A1".repeat(16)).is_none(), "upper case");
        assert!(Token::parse("abc").is_none(), "short");
        assert!(Token::parse(&"a1".repeat(17)).is_none(), "long");
        assert!(Token::parse(&"g1".repeat(16)).is_none(), "not hex");
        assert!(Token::parse(&format!("{}é", "a".repeat(30))).is_none());
    }

    #[test]
    fn bits_are_written_in_full_and_read_back() {
        let token = Token::from_bits(0x0f);
        assert_eq!(token.as_str(), format!("{}f", "0".repeat(31)));
        assert_eq!(Token::parse(token.as_str()), Some(token));
    }

    #[test]
    fn json_refuses_what_parse_refuses_and_debug_hides_the_key() {
        let good = "0123456789abcdef0123456789abcdef";
        let token: Token = serde_json::from_value(serde_json::json!(good)).unwrap();
        assert_eq!(serde_json::to_value(&token).unwrap(), good);
        assert!(serde_json::from_value::<Token>(serde_json::json!("x")).is_err());
        assert!(!format!("{token:?}").contains("0123"));
    }
}
