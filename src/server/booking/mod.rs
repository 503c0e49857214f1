//! A booking and the appointment it becomes: the contact form's post turned into a Cal.com booking
//! (`book`, read once in `request`, its outcomes in `booking_outcome`, phone numbers in `phone`), the hour held while
//! the visitor types (`holds`), a booking through a proposal's offer (`offered`), refused forms kept to be shown again (`drafts`), and the
//! appointment's own page, its cancel and move (`confirmation`, `appointment`), calendar file (`ics`) and
//! reminders (`reminders`). Uses the calendar, the store and the abuse checks; never the visit's pages.

pub mod appointment;
pub mod book;
pub mod booking_outcome;
pub mod confirmation;
pub mod drafts;
pub mod holds;
pub mod ics;
pub mod meeting;
pub mod moving;
pub mod offered;
pub mod phone;
pub mod reminders;
pub mod request;
