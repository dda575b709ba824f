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

/// Why a view could not be written as a table.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// The view is not a list of records.
    #[error("this answer is not a list of records, so it has no table form")]
    NotRows,
    /// Encoding failed.
    #[error("cannot write the table: {0}")]
    Write(String),
}

/// The rows as CSV text: a header, then one line per row.
pub fn csv<T: Serialize + ?Sized>(rows: &T, dialect: Dialect) -> Result<String, TableError> {
    let value = serde_json::to_value(rows).map_err(|e| TableError::Write(e.to_string()))?;
    let Value::Array(rows) = value else {
        return Err(TableError::NotRows);
    };
    let flat: Vec<Map<String, Value>> = rows.iter().map(flatten).collect();
    let mut columns: Vec<&String> = Vec::new();
    for row in &flat {
        for key in row.keys() {
            if !columns.contains(&key) {
                columns.push(key);
            }
        }
    }
    // A field that is an object in some rows and null in others is its
    // columns `field.…`, not a column of its own.
    let nested = |c: &String| {
        let prefix = format!("{c}.");
        columns.iter().any(|o| o.starts_with(&prefix))
            && flat.iter().all(|row| row.get(c).is_none_or(Value::is_null))
    };
    let columns: Vec<&String> = columns.iter().copied().filter(|c| !nested(c)).collect();
    let mut out = csv::WriterBuilder::new()
        .delimiter(match dialect {
            Dialect::Csv => b',',
            Dialect::Excel => b';',
        })
        .from_writer(Vec::new());
    let write = |e: csv::Error| TableError::Write(e.to_string());
    out.write_record(columns.iter().map(|c| c.as_str()))
        .map_err(write)?;
    for row in &flat {
        out.write_record(columns.iter().map(|c| {
            let text = row.get(*c).map(cell).unwrap_or_default();
            match dialect {
                Dialect::Excel => inert(text),
                Dialect::Csv => text,
            }
        }))
        .map_err(write)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| TableError::Write(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| TableError::Write(e.to_string()))?;
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
    use serde_json::json;

    #[test]
    fn nested_fields_become_columns_in_json_order() {
        let rows = json!([
            {"journal": "24/1", "latest": {"date": "2024-01-01", "outcome": "deferred"}, "to": ["Byrådet", "ØU"], "votes": null},
            {"journal": "24/2", "latest": null, "to": [], "votes": {"for": 3}}
        ]);
        let text = csv(&rows, Dialect::Csv).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "journal,latest.date,latest.outcome,to,votes.for");
        assert_eq!(lines[1], "24/1,2024-01-01,deferred,Byrådet; ØU,");
        assert_eq!(lines[2], "24/2,,,,3");
    }

    #[test]
    fn excel_gets_a_bom_semicolons_and_quotes_where_needed() {
        let rows = json!([{"title": "Budget; 2025", "text": "a \"quote\"\nnext"}]);
        let text = csv(&rows, Dialect::Excel).unwrap();
        assert!(text.starts_with('\u{feff}'));
        assert!(
            text.contains("\"Budget; 2025\";\"a \"\"quote\"\"\nnext\""),
            "{text}"
        );
        assert!(matches!(
            csv(&json!({"a": 1}), Dialect::Csv),
            Err(TableError::NotRows)
        ));
        let hostile = json!([{"title": "=HYPERLINK(\"http://x\")"}]);
        assert!(
            csv(&hostile, Dialect::Excel)
                .unwrap()
                .contains("'=HYPERLINK")
        );
        assert!(!csv(&hostile, Dialect::Csv).unwrap().contains("'="));
    }
}
