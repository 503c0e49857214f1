//! Keys handed to visitors and browsers: confirmation ids, draft tokens, admin session ids.

use crate::domain::token::Token;

/// 128 random bits: confirmation ids, draft tokens, session ids.
pub fn new_token() -> Token {
    Token::from_bits(rand::random())
}
