//! Webhook delivery: a JSON POST, signed with HMAC-SHA256 when a secret is set.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::server::{config::Secret, owner_config::WebhookSettings};

/// `sha256=<hex>` of `body` under `secret`: what `X-Rdv-Signature` carries.
pub fn signature(secret: &Secret, body: &[u8]) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.expose().as_bytes()) else {
        // HMAC accepts keys of any length: this branch cannot happen.
        return String::new();
    };
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// POSTs `body` to the receiver; any 2xx is a delivery.
pub async fn deliver(
    client: &reqwest::Client,
    settings: &WebhookSettings,
    delivery_id: i64,
    event: &str,
    body: &str,
) -> Result<(), String> {
    let mut request = client
        .post(&settings.url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("X-Rdv-Event", event)
        .header("X-Rdv-Delivery", delivery_id.to_string())
        .body(body.to_string());
    if let Some(secret) = &settings.secret {
        request = request.header("X-Rdv-Signature", signature(secret, body.as_bytes()));
    }
    let response = request.send().await.map_err(|e| {
        // Without the URL: it may carry a token in its query.
        format!("webhook unreachable: {}", e.without_url())
    })?;
    let status = response.status();
    if status.is_success() {
        Ok(())
    } else {
        Err(format!("webhook answered {status}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_is_the_hex_hmac_sha256_of_the_body() {
        // RFC 4231 test case 2.
        let s = signature(&Secret::new("Jefe"), b"what do ya want for nothing?");
        assert_eq!(
            s,
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
