//! `/admin/proposals.csv` (every proposal) and `/admin/bookings.csv` (every appointment
//! booked through the page): one row each, UTF-8.

use super::inbox::availabilities;
use crate::domain::lang::Words;
use crate::server::{
    booking::confirmation::calendar_place,
    store::{BookingRow, ProposalRow},
};

/// Spreadsheets run as a formula a cell that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return — and a spreadsheet that splits on another separator than ours (French
/// Excel splits on `;`, others on `,`) may start a cell in the middle of ours. So a `'` goes
/// before each such character at the start of the cell or right after a `;` or a `,`: the
/// spreadsheet shows it as text, whatever it splits on.
fn defuse(cell: &str) -> String {
    const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
    let mut out = String::with_capacity(cell.len() + 2);
    let mut part_starts = true;
    for c in cell.chars() {
        if part_starts && FORMULA.contains(&c) {
            out.push('\'');
        }
        out.push(c);
        part_starts = c == ';' || c == ',';
    }
    out
}

/// The CSV text of `header` then `records`: `;`-separated as French spreadsheets expect,
/// every cell quoted and defused, with a byte-order mark so that spreadsheets read it as UTF-8.
fn write<const N: usize>(
    (header, w): ([&str; N], &Words),
    records: impl Iterator<Item = [String; N]>,
) -> Result<String, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(Vec::new());
    writer.write_record(header.map(|id| w.say(id)))?;
    for record in records {
        writer.write_record(record.iter().map(|c| defuse(c)))?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}

/// The appointments' CSV: when (UTC, and the business's date and hour), what, who, what
/// became of it (moved, cancelled, missed) and where.
pub fn bookings_csv(
    rows: &[BookingRow],
    type_label: impl Fn(&str) -> String,
    (zone, words): (chrono_tz::Tz, &Words),
) -> Result<String, csv::Error> {
    let header = [
        "csv-start",
        "csv-date",
        "csv-hour",
        "csv-length",
        "csv-type",
        "csv-name",
        "csv-email",
        "csv-phone",
        "csv-status",
        "csv-absent",
        "csv-place",
    ];
    let records = rows.iter().map(|b| {
        let local = b.start_utc.with_timezone(&zone);
        let status = words.say(if b.moved_to.is_some() {
            "admin-booking-moved"
        } else {
            b.status.word_id()
        });
        [
            utc(b.start_utc),
            local.format("%Y-%m-%d").to_string(),
            local.format("%H:%M").to_string(),
            b.duration_minutes.to_string(),
            type_label(&b.event_type),
            b.name.clone(),
            b.email.clone(),
            b.phone.clone().unwrap_or_default(),
            status,
            if b.absent {
                words.say("admin-yes")
            } else {
                String::new()
            },
            // As calendars get it: a video link that holds Cal.com's key stays out of files.
            calendar_place(b, words).map_or_else(String::new, |p| p.text().to_string()),
        ]
    });
    write((header, words), records)
}

/// An instant as the exports write it: RFC 3339, UTC, to the second.
fn utc(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The proposals' CSV.
pub fn csv(
    rows: &[ProposalRow],
    type_label: impl Fn(&str) -> String,
    w: &Words,
) -> Result<String, csv::Error> {
    let header = [
        "csv-id",
        "csv-received",
        "csv-type",
        "csv-name",
        "csv-email",
        "csv-phone",
        "csv-availabilities",
        "csv-message",
        "csv-origin",
        "csv-status",
        "csv-offered",
        "csv-booking",
    ];
    let records = rows.iter().map(|row| {
        let origin = row
            .proposal
            .utm
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(" ");
        let record = [
            row.id.to_string(),
            utc(row.created_at),
            type_label(&row.proposal.event_type),
            row.proposal.name.clone(),
            row.proposal.email.clone(),
            row.proposal.phone.clone().unwrap_or_default(),
            availabilities(&row.proposal.availabilities, w).join(" ; "),
            row.proposal.message.clone().unwrap_or_default(),
            origin,
            w.say(row.status.word_id()),
            row.offered_at.map(utc).unwrap_or_default(),
            row.booking_id
                .as_ref()
                .map(crate::server::booking::confirmation::confirmation_url)
                .unwrap_or_default(),
        ];
        record
    });
    write((header, w), records)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{domain::proposal::Proposal, server::store::kinds::ProposalStatus};

    fn french() -> Words {
        crate::server::words::words_in(&crate::domain::lang::Lang::french())
    }

    fn row(name: &str, message: &str) -> ProposalRow {
        ProposalRow {
            id: 7,
            created_at: "2026-11-25T10:00:00Z".parse().unwrap(),
            status: ProposalStatus::New,
            proposal: Proposal {
                event_type: "appel".into(),
                name: name.into(),
                email: "zoe@example.fr".into(),
                phone: None,
                availabilities: serde_json::from_str(
                    r#"[{"date":"2026-12-03","from":"09:00","to":"11:00"}]"#,
                )
                .unwrap(),
                message: Some(message.into()),
                utm: [("utm_source".to_string(), "lettre".to_string())].into(),
            },
            lang: crate::domain::lang::Lang::french(),
            offered_at: None,
            booking_id: None,
        }
    }

    #[test]
    fn one_quoted_row_per_proposal_and_no_formula() {
        let text = csv(
            &[
                row("Zoé, \"la\" cliente", "ligne 1\nligne 2"),
                row("=HYPERLINK(1)", ""),
            ],
            |t| t.to_uppercase(),
            &french(),
        )
        .unwrap();
        assert!(text.starts_with('\u{feff}'));
        let records = read(&text, b';');
        assert_eq!(records.len(), 2);
        assert_eq!(&records[0][3], "Zoé, \"la\" cliente");
        assert_eq!(&records[0][7], "ligne 1\nligne 2");
        assert_eq!(&records[0][2], "APPEL");
        assert_eq!(&records[0][6], "jeudi 3 décembre 2026, de 09:00 à 11:00");
        assert_eq!(&records[1][3], "'=HYPERLINK(1)");
    }

    fn read(text: &str, separator: u8) -> Vec<csv::StringRecord> {
        csv::ReaderBuilder::new()
            .delimiter(separator)
            .flexible(true)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
            .records()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn a_formula_hidden_behind_a_separator_stays_text_with_either_separator() {
        let text = csv(
            &[row("Zo;=2*21;é", "a,@SUM(1)")],
            |t| t.to_string(),
            &french(),
        )
        .unwrap();
        assert!(text
            .lines()
            .all(|l| l.trim_start_matches('\u{feff}').starts_with('"')));
        let by_semicolon = read(&text, b';');
        assert_eq!(&by_semicolon[0][3], "Zo;'=2*21;é");
        assert_eq!(&by_semicolon[0][7], "a,'@SUM(1)");
        // Split on commas instead, no field starts with a formula character.
        for record in read(&text, b',') {
            for field in record.iter() {
                for part in field.split([';', ',']) {
                    assert!(!part.starts_with(['=', '+', '-', '@']), "{part}");
                }
            }
        }
    }

    #[test]
    fn only_the_starts_of_parts_are_touched() {
        assert_eq!(defuse("+33 6 12 34 56 78"), "'+33 6 12 34 56 78");
        assert_eq!(defuse("Jean-Pierre; -1"), "Jean-Pierre; -1");
        assert_eq!(defuse("a;\tb"), "a;'\tb");
    }
}
