//! Components of the booking page. All render on the server; the `islands` are the only
//! parts that also run in the browser, and they only enhance the server's markup.

pub mod contact_form;
pub mod custom_disponibility_form;
pub mod form_field;
pub mod islands;
pub mod lang_switch;
pub mod questions;
pub mod rdv_tunnel;
pub mod type_switch;

/// The words of the page being rendered (provided per request by the server).
pub fn use_words() -> crate::domain::lang::Words {
    leptos::prelude::use_context().unwrap_or_default()
}
