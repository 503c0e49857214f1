//! Components of the booking page; `#[island]`s are the only parts that run in the browser.

pub mod contact_form;
pub mod custom_disponibility_form;
pub mod form_field;
pub mod rdv_tunnel;
pub mod type_switch;
