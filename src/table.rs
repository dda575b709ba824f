//! Views as a table for the spreadsheet: `--csv`, and `--excel` for a
//! Danish Excel (UTF-8 with a byte-order mark, `;` between fields, as
//! Excel expects where the decimal comma is the custom).
//!
//! A table has the fields of `--json`, in the same order: a nested object
//! becomes columns named `parent.field`, a list of plain values one field
//! joined with `; `, a list of objects one field of JSON.

use serde::Serialize;
use serde_json::{Map, Value};

/// The dialect of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Plain CSV: `,` between fields, no byte-order mark.
    Csv,
    /// CSV as a Danish Excel opens it: `;` between fields, a byte-order mark.
    Excel,
}

/// A record that is a row of a table. Its columns come from its type, so
/// an empty list still has its header row.
pub trait Row: Serialize {
    /// The column names: the fields of its `--json`, in order, a nested
    /// object's fields as `parent.field`. A field skipped from the JSON when
    /// empty and never filled in a listing (a treatment's `sections`) is
    /// not a column.
    const COLUMNS: &'static [&'static str];
}

/// Why a list could not be written as a table.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the table: {0}")]
pub struct TableError(String);

/// The rows as CSV text: the header of `R`'s columns, then one line per row.
pub fn csv<R: Row>(rows: &[R], dialect: Dialect) -> Result<String, TableError> {
    let write = |e: &dyn std::fmt::Display| TableError(e.to_string());
    let mut flat = Vec::with_capacity(rows.len());
    for row in rows {
        let row = flatten(&serde_json::to_value(row).map_err(|e| write(&e))?);
        debug_assert!(
            row.keys().all(|key| R::COLUMNS.contains(&key.as_str())
                || (row[key].is_null()
                    && R::COLUMNS.iter().any(|c| c.starts_with(&format!("{key}."))))),
            "a field of the JSON is no column of the table: {:?} against {:?}",
            row.keys().collect::<Vec<_>>(),
            R::COLUMNS
        );
        flat.push(row);
    }
    let mut out = csv::WriterBuilder::new()
        .delimiter(match dialect {
            Dialect::Csv => b',',
            Dialect::Excel => b';',
        })
        .from_writer(Vec::new());
    out.write_record(R::COLUMNS).map_err(|e| write(&e))?;
    for row in &flat {
        out.write_record(R::COLUMNS.iter().map(|c| {
            let text = row.get(*c).map(cell).unwrap_or_default();
            match dialect {
                Dialect::Excel => inert(text),
                Dialect::Csv => text,
            }
        }))
        .map_err(|e| write(&e))?;
    }
    let bytes = out.into_inner().map_err(|e| write(&e))?;
    let text = String::from_utf8(bytes).map_err(|e| write(&e))?;
    Ok(match dialect {
        Dialect::Csv => text,
        Dialect::Excel => format!("\u{feff}{text}"),
    })
}

/// One record's fields, nested objects as `parent.field`.
fn flatten(row: &Value) -> Map<String, Value> {
    let mut out = Map::new();
    let mut stack: Vec<(String, &Value)> = vec![(String::new(), row)];
    while let Some((prefix, value)) = stack.pop() {
        match value {
            Value::Object(fields) => {
                // Reversed onto the stack, so fields come out in order.
                for (name, field) in fields.iter().rev() {
                    let key = if prefix.is_empty() {
                        name.clone()
                    } else {
                        format!("{prefix}.{name}")
                    };
                    stack.push((key, field));
                }
            }
            other => {
                out.insert(prefix, other.clone());
            }
        }
    }
    out
}

/// A cell Excel would take for a formula (`=HYPERLINK(…)` in a hostile
/// document's title) is kept as text by a leading apostrophe, which Excel
/// does not show.
fn inert(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

/// One field as text: null as empty, a list of plain values joined.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            items.iter().map(cell).collect::<Vec<_>>().join("; ")
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Latest {
        date: &'static str,
        outcome: &'static str,
    }

    #[derive(Serialize)]
    struct Votes {
        r#for: u32,
    }

    #[derive(Serialize)]
    struct Case {
        journal: &'static str,
        latest: Option<Latest>,
        to: Vec<&'static str>,
        votes: Option<Votes>,
    }

    impl Row for Case {
        const COLUMNS: &'static [&'static str] = &[
            "journal",
            "latest.date",
            "latest.outcome",
            "to",
            "votes.for",
        ];
    }

    #[derive(Serialize)]
    struct Item {
        title: &'static str,
        text: &'static str,
    }

    impl Row for Item {
        const COLUMNS: &'static [&'static str] = &["title", "text"];
    }

    #[test]
    fn nested_fields_become_columns_in_json_order() {
        let rows = [
            Case {
                journal: "24/1",
                latest: Some(Latest {
                    date: "2024-01-01",
                    outcome: "deferred",
                }),
                to: vec!["Byrådet", "ØU"],
                votes: None,
            },
            Case {
                journal: "24/2",
                latest: None,
                to: vec![],
                votes: Some(Votes { r#for: 3 }),
            },
        ];
        let text = csv(&rows, Dialect::Csv).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "journal,latest.date,latest.outcome,to,votes.for");
        assert_eq!(lines[1], "24/1,2024-01-01,deferred,Byrådet; ØU,");
        assert_eq!(lines[2], "24/2,,,,3");
    }

    #[test]
    fn no_rows_is_the_header_alone() {
        assert_eq!(
            csv::<Case>(&[], Dialect::Csv).unwrap(),
            "journal,latest.date,latest.outcome,to,votes.for\n"
        );
        assert_eq!(
            csv::<Item>(&[], Dialect::Excel).unwrap(),
            "\u{feff}title;text\n"
        );
    }

    #[test]
    fn excel_gets_a_bom_semicolons_and_quotes_where_needed() {
        let rows = [Item {
            title: "Budget; 2025",
            text: "a \"quote\"\nnext",
        }];
        let text = csv(&rows, Dialect::Excel).unwrap();
        assert!(text.starts_with('\u{feff}'));
        assert!(
            text.contains("\"Budget; 2025\";\"a \"\"quote\"\"\nnext\""),
            "{text}"
        );
        let hostile = [Item {
            title: "=HYPERLINK(\"http://x\")",
            text: "",
        }];
        assert!(
            csv(&hostile, Dialect::Excel)
                .unwrap()
                .contains("'=HYPERLINK")
        );
        assert!(!csv(&hostile, Dialect::Csv).unwrap().contains("'="));
    }
}
