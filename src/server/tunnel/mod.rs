//! The visit's pages: the steps of the tunnel (dates, hours, contact), the proposal
//! request (`proposals`), its matching with the hours that come free (`matching`) and the
//! links of the email that offers them (`offers`), and how a form's outcome answers the browser, with or without JavaScript
//! (`form_reply`). Uses `booking` for what a visit books.

pub mod form_reply;
pub mod matching;
pub mod offers;
pub mod proposals;
pub mod steps;
