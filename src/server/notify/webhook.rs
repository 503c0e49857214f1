//! Webhook delivery: a JSON POST, signed with HMAC-SHA256 when a secret is set.

use hmac::{digest::InvalidLength, Hmac, Mac};
use sha2::Sha256;

use secrecy::{ExposeSecret, SecretString};

use crate::server::{config::WebhookSettings, store::kinds::NotificationEvent};

/// `sha256=<hex>` of `body` under `secret`: what `X-Rdv-Signature` carries.
pub fn signature(secret: &SecretString, body: &[u8]) -> Result<String, InvalidLength> {
    // HMAC accepts keys of any length: the error exists only in the trait's signature.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.expose_secret().as_bytes())?;
    mac.update(body);
    Ok(format!(
        "sha256={}",
        hex::encode(mac.finalize().into_bytes())
    ))
}

/// POSTs `body` to the receiver; any 2xx is a delivery.
pub async fn deliver(
    client: &reqwest::Client,
    settings: &WebhookSettings,
    delivery_id: i64,
    event: NotificationEvent,
    body: &str,
) -> Result<(), String> {
    let mut request = client
        .post(&settings.url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("X-Rdv-Event", event.as_str())
        .header("X-Rdv-Delivery", delivery_id.to_string())
        .body(body.to_string());
    if let Some(secret) = &settings.secret {
        let signed = signature(secret, body.as_bytes()).map_err(|e| format!("signature: {e}"))?;
        request = request.header("X-Rdv-Signature", signed);
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
        let s = signature(&SecretString::from("Jefe"), b"what do ya want for nothing?").unwrap();
        assert_eq!(
            s,
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
