//! Phone numbers as Cal.com checks them: libphonenumber's rules (the `phonenumber` crate),
//! on the server only — its metadata would weigh more than the whole browser bundle.
//!
//! A number written the national way is read as French first, then as a number of the
//! French overseas departments and territories, whose numbers are also written with a
//! leading 0 but have their own country codes (`0690 12 34 56` is `+590 690 12 34 56`).

use phonenumber::{country::Id, Mode};

use crate::domain::{
    contact::{Contact, ContactInput},
    fields::FieldErrors,
};

/// The regions a national number is tried in, in order.
const REGIONS: [Id; 8] = [
    Id::FR, // metropolitan France (and Monaco is +377, written internationally)
    Id::GP, // Guadeloupe, also Saint-Barthélemy and Saint-Martin (+590)
    Id::MQ, // Martinique (+596)
    Id::GF, // French Guiana (+594)
    Id::RE, // La Réunion (+262)
    Id::YT, // Mayotte (+262)
    Id::PM, // Saint-Pierre-et-Miquelon (+508)
    Id::BL, // Saint-Barthélemy (+590, its own metadata)
];

/// What a number that libphonenumber refuses is told (a catalogue id).
pub const INVALID: &str = "phone-not-real";

/// The E.164 form (`+590690123456`) of a number as a visitor typed it, if it is a real one.
pub fn e164(raw: &str) -> Option<String> {
    let international = raw.trim_start().starts_with('+') || raw.trim_start().starts_with("00");
    let regions: &[Id] = if international {
        &REGIONS[..1]
    } else {
        &REGIONS
    };
    regions.iter().find_map(|region| {
        let number = phonenumber::parse(Some(*region), raw).ok()?;
        phonenumber::is_valid(&number).then(|| number.format().mode(Mode::E164).to_string())
    })
}

/// The contact (checked by `domain::contact`, as the browser does) with its phone read again
/// from what was `typed`, the libphonenumber way, in E.164; or the phone field's error.
pub fn checked(contact: Contact, typed: &ContactInput) -> Result<Contact, FieldErrors> {
    if contact.phone.is_none() {
        return Ok(contact);
    }
    match e164(&typed.phone) {
        Some(phone) => Ok(Contact {
            phone: Some(phone),
            ..contact
        }),
        None => {
            let mut errors = FieldErrors::default();
            errors.add("phone", INVALID);
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_overseas_and_international_numbers() {
        for (typed, expected) in [
            ("06 12 34 56 78", "+33612345678"),
            ("+33 6 12 34 56 78", "+33612345678"),
            ("0690 12 34 56", "+590690123456"),
            ("0696 12 34 56", "+596696123456"),
            ("0692 12 34 56", "+262692123456"),
            ("0694 20 12 34", "+594694201234"),
            ("+1 (514) 555-0199", "+15145550199"),
            ("0044 20 7946 0958", "+442079460958"),
        ] {
            assert_eq!(e164(typed).as_deref(), Some(expected), "{typed}");
        }
        for bad in ["06 12 34", "+33 6 12", "0000000000", "+1 555 0100"] {
            assert_eq!(e164(bad), None, "{bad}");
        }
    }
}
