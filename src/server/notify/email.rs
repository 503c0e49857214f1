//! Email delivery through the owner's SMTP server (lettre).

use lettre::{
    message::header::ContentType, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use secrecy::ExposeSecret;

use super::message::{Notification, VisitorMail};
use crate::server::config::EmailSettings;

/// A transport built once from `SMTP_URL`.
pub type Mailer = AsyncSmtpTransport<Tokio1Executor>;

/// Builds the transport; the URL was checked at startup, so an error here names a bad host
/// or option and stops the worker's email channel only.
pub fn mailer(settings: &EmailSettings) -> Result<Mailer, String> {
    AsyncSmtpTransport::<Tokio1Executor>::from_url(settings.smtp_url.expose_secret())
        .map(|b| b.timeout(Some(std::time::Duration::from_secs(10))).build())
        .map_err(|e| e.to_string())
}

/// A message from the business's sender to `to`, about `subject`.
fn addressed(
    settings: &EmailSettings,
    to: &str,
    subject: String,
) -> Result<lettre::message::MessageBuilder, String> {
    Ok(Message::builder()
        .from(settings.from.parse().map_err(|e| format!("sender: {e}"))?)
        .to(to.parse().map_err(|e| format!("recipient: {e}"))?)
        .subject(subject))
}

/// Sends `message`.
async fn send(
    mailer: &Mailer,
    message: Result<Message, lettre::error::Error>,
) -> Result<(), String> {
    let message = message.map_err(|e| format!("message: {e}"))?;
    mailer
        .send(message)
        .await
        .map(|_| ())
        .map_err(|e| format!("SMTP: {e}"))
}

/// Sends the owner a short message about `notification`, in `words` (the business's
/// language).
pub async fn deliver(
    (mailer, settings): (&Mailer, &EmailSettings),
    notification: &Notification,
    words: &crate::domain::lang::Words,
) -> Result<(), String> {
    let (subject, body) = notification.email(words);
    let message = addressed(settings, &settings.to, subject)?
        .header(ContentType::TEXT_PLAIN)
        .body(body);
    send(mailer, message).await
}

/// Sends a visitor the email `mail` (a plain text part and a simple HTML one, no tracking),
/// from the business's sender address.
pub async fn deliver_to_visitor(
    mailer: &Mailer,
    settings: &EmailSettings,
    mail: &VisitorMail,
) -> Result<(), String> {
    use lettre::message::MultiPart;
    let message = addressed(settings, &mail.to, mail.subject.clone())?.multipart(
        MultiPart::alternative_plain_html(mail.text.clone(), mail.html.clone()),
    );
    send(mailer, message).await
}
