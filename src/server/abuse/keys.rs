//! Keys handed to visitors and browsers: confirmation ids, draft tokens, admin session ids.

/// 128 random bits as 32 hex digits: confirmation ids, draft tokens, session ids.
pub fn new_token() -> String {
    let bits: u128 = rand::random();
    format!("{bits:032x}")
}
