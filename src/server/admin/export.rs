//! `/admin/proposals.csv`: every proposal, one row each, UTF-8.

use super::inbox::availabilities;
use crate::server::store::ProposalRow;

/// Spreadsheets run cells that start with these as formulas: such cells get a leading `'`.
fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The CSV text, with a byte-order mark so that spreadsheets read it as UTF-8.
pub fn csv(
    rows: &[ProposalRow],
    type_label: impl Fn(&str) -> String,
) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "id",
        "reçue le (UTC)",
        "type",
        "nom",
        "e-mail",
        "téléphone",
        "disponibilités",
        "message",
        "origine (utm)",
        "statut",
    ])?;
    for row in rows {
        let origin = row
            .proposal
            .utm
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(" ");
        let record = [
            row.id.to_string(),
            row.created_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            type_label(&row.proposal.event_type),
            row.proposal.name.clone(),
            row.proposal.email.clone(),
            row.proposal.phone.clone().unwrap_or_default(),
            availabilities(&row.proposal.availabilities).join(" ; "),
            row.proposal.message.clone().unwrap_or_default(),
            origin,
            row.status.label().to_string(),
        ];
        writer.write_record(record.iter().map(|c| defuse(c)))?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{domain::proposal::Proposal, server::kinds::ProposalStatus};

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
        )
        .unwrap();
        assert!(text.starts_with('\u{feff}'));
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), 2);
        assert_eq!(&records[0][3], "Zoé, \"la\" cliente");
        assert_eq!(&records[0][7], "ligne 1\nligne 2");
        assert_eq!(&records[0][2], "APPEL");
        assert_eq!(&records[0][6], "jeudi 3 décembre 2026, de 09:00 à 11:00");
        assert_eq!(&records[1][3], "'=HYPERLINK(1)");
    }
}
