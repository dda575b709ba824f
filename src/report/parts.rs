//! The pieces every page is made of: the document frame, outcome badges,
//! text as paragraphs, word diffs (unified and side by side) and the
//! filter form.
//!
//! Document text is untrusted: every piece passes through
//! [`crate::sanitize`] and is handed to maud as a plain string, which
//! escapes it. Document text is Danish and marked `lang="da"`; the
//! interface around it is English.

use super::paths::href;
use crate::diff::{DEFAULT_SECTIONS, Op, SectionDiff, SectionState, Tag};
use crate::model::{Outcome, Votes};
use crate::normalize::normalize;
use crate::sanitize::{for_terminal, one_line};
use crate::views::TreatmentView;
use jiff::civil::Date;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::collections::BTreeSet;

/// The stylesheet of every page. Changes are marked by strike-through and
/// underline plus `[-…-]`/`{+…+}` markers that are hidden on screen but
/// printed and copied, so they survive black-and-white printing, colour
/// blindness and a paste into an e-mail; the tint is only a help.
const STYLE: &str = include_str!("style.css");
/// The filter of the list pages. Without JavaScript its form stays hidden
/// and every row shows.
const FILTER_SCRIPT: &str = include_str!("filter.js");

/// What a page has besides its content.
#[derive(Debug, Clone, Copy, Default)]
pub struct Frame {
    /// It lives one folder below the root and links back to the index.
    pub nested: bool,
    /// It has word diffs: offer the side-by-side switch.
    pub diffs: bool,
    /// It has rows to filter: include the filter script.
    pub filter: bool,
}

/// A complete document around `main`.
pub fn document(title: &str, frame: Frame, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (one_line(title)) " — sagsspor" }
                // Constants: maud would turn their quotes into entities,
                // which <style> and <script> elements do not decode.
                style { (PreEscaped(STYLE)) }
            }
            body {
                // The switch must come before <main> for the stylesheet to
                // reach the diffs inside it; it works without JavaScript.
                @if frame.diffs {
                    input #sbs .switch type="checkbox";
                    label for="sbs" .switch { "Show changes side by side (before | after)" }
                }
                @if frame.nested {
                    nav.top { a href=(href(super::paths::INDEX, true)) { "← Sagsspor" } }
                }
                main { (main) }
                @if frame.filter {
                    script { (PreEscaped(FILTER_SCRIPT)) }
                }
            }
        }
    }
}

/// Untrusted Danish text on one line, marked as Danish.
pub fn da(text: &str) -> Markup {
    html! { span lang="da" { (one_line(text)) } }
}

/// Optional untrusted Danish text on one line; nothing when absent.
pub fn opt_da(text: Option<&str>) -> Markup {
    html! {
        @if let Some(text) = text { (da(text)) }
    }
}

/// The deciding phrase in «»; nothing when absent.
pub fn reason(r: Option<&str>) -> Markup {
    html! {
        @if let Some(r) = r {
            span lang="da" { "«" (one_line(r)) "»" }
        }
    }
}

/// A column of a list table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    name: &'static str,
    numeric: bool,
    /// Its width in rem; 0 for what the others leave.
    rem: u8,
}

/// A column of text, `rem` wide (0: what the others leave).
pub const fn col(name: &'static str, rem: u8) -> Column {
    Column {
        name,
        numeric: false,
        rem,
    }
}

/// A column of numbers, right-aligned, `rem` wide.
pub const fn num(name: &'static str, rem: u8) -> Column {
    Column {
        name,
        numeric: true,
        rem,
    }
}

/// A table's header row. List tables are laid out by these widths, not by
/// their contents, so a long word can never squeeze a column of names nor
/// push the page wider than the screen: it breaks inside its own column.
pub fn head(columns: &[Column]) -> Markup {
    html! {
        thead { tr {
            @for c in columns {
                th scope="col" class=[c.numeric.then_some("n")]
                    style=[(c.rem > 0).then(|| format!("width:{}rem", c.rem))] { (c.name) }
            }
        } }
    }
}

/// A sign for each outcome, so that it reads without colour.
fn sign(o: Outcome) -> &'static str {
    match o {
        Outcome::Approved => "✓",
        Outcome::Partial => "◐",
        Outcome::Rejected => "✗",
        Outcome::Deferred => "‖",
        Outcome::Recommended | Outcome::Forwarded => "→",
        Outcome::Noted | Outcome::Discussed => "ℹ",
        Outcome::Withdrawn => "⊘",
        Outcome::Other | Outcome::None => "•",
    }
}

/// The class that colours an outcome (`o-approved`; `o-none` where
/// nothing was decided).
pub fn outcome_class(o: Option<Outcome>) -> String {
    format!("o-{}", o.map_or("none", Outcome::as_str))
}

/// An outcome as sign, word and colour bar.
pub fn badge(o: Option<Outcome>) -> Markup {
    html! {
        span class={ "badge " (outcome_class(o)) } {
            @if let Some(o) = o {
                (sign(o)) " " (o.as_str())
            } @else {
                "— not decided"
            }
        }
    }
}

/// `18 for, 2 imod` and a dissent note, where there are any; the note
/// says what dissent means where no count says it.
pub fn votes(v: Option<&Votes>, dissent: bool) -> Markup {
    let counted = v.and_then(crate::render::votes_text);
    html! {
        @if let Some(counted) = &counted {
            span.votes lang="da" { (counted) }
            @if dissent { " · " span.dissent { "dissent" } }
        } @else if dissent {
            span.dissent { "dissent: a minority did not support it" }
        }
    }
}

/// One paragraph's lines, separated by `<br>`.
fn lines(s: &str) -> Markup {
    html! {
        @for (k, line) in s.split('\n').enumerate() {
            @if k > 0 { br; }
            (for_terminal(line))
        }
    }
}

/// A section's normalised text (paragraphs separated by a blank line) as
/// `<p>`s with `<br>` for single line breaks, or a muted "none".
pub fn paragraphs(s: Option<&str>) -> Markup {
    let normalised = s.map(normalize).unwrap_or_default();
    let paras: Vec<&str> = normalised
        .split("\n\n")
        .filter(|para| !para.trim().is_empty())
        .collect();
    html! {
        @if paras.is_empty() {
            p.muted { "none" }
        }
        @for para in &paras {
            p { (lines(para)) }
        }
    }
}

/// Which ops a view of a diff shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Both: deletions and insertions in one text.
    Unified,
    /// The older text: what stayed and what was deleted.
    Before,
    /// The newer text: what stayed and what was inserted.
    After,
}

/// Diff ops as paragraphs, in one text, for a reader without the site's
/// stylesheet (a feed reader): `<del>` and `<ins>` alone, which such a
/// reader shows struck through and underlined, and no markers it would
/// show twice over.
pub(crate) fn ops(diff: &[Op]) -> Markup {
    side(diff, Side::Unified, false)
}

/// Diff ops as the site shows them in one text, with the markers.
#[cfg(test)]
pub fn changed_text(diff: &[Op]) -> String {
    side(diff, Side::Unified, true).into_string()
}

/// The ops one side shows, as paragraphs; `marked` adds the `[-…-]`
/// markers the site's stylesheet hides on screen. An op may span a
/// paragraph break, so each op is cut at the breaks and its `<del>`/`<ins>`
/// closed and reopened around them: the markup stays well nested.
fn side(diff: &[Op], side: Side, marked: bool) -> Markup {
    let mut paras: Vec<Vec<(Tag, &str)>> = vec![Vec::new()];
    let shown = diff.iter().filter(|op| {
        !matches!(
            (side, op.tag),
            (Side::Before, Tag::Insert) | (Side::After, Tag::Delete)
        )
    });
    for op in shown {
        for (k, piece) in op.text.split("\n\n").enumerate() {
            if k > 0 {
                paras.push(Vec::new());
            }
            if piece.is_empty() {
                continue;
            }
            if let Some(last) = paras.last_mut() {
                last.push((op.tag, piece));
            }
        }
    }
    html! {
        @for pieces in &paras {
            @let content = op_pieces(pieces, marked);
            // A paragraph that would show only white space is left out.
            @if !content.0.trim().is_empty() {
                p { (content) }
            }
        }
    }
}

/// The pieces of ops that fall into one paragraph. The markers are real
/// text, so a copy or a print keeps them; the stylesheet hides them on
/// screen, where strike-through and underline say the same.
fn op_pieces(pieces: &[(Tag, &str)], marked: bool) -> Markup {
    let marker = |text: &'static str| html! { @if marked { span.mk { (text) } } };
    html! {
        @for &(tag, piece) in pieces {
            @match tag {
                Tag::Equal => (lines(piece)),
                // White space alone carries no change worth marking.
                _ if piece.trim().is_empty() => " ",
                Tag::Delete => del { (marker("[-")) (lines(piece)) (marker("-]")) },
                Tag::Insert => ins { (marker("{+")) (lines(piece)) (marker("+}")) },
            }
        }
    }
}

/// A changed section both ways: one text with the changes marked, and
/// (shown instead when the reader switches) before and after side by side.
fn changed(diff: &[Op], before: &str, after: &str) -> Markup {
    html! {
        div.text.unified lang="da" { (side(diff, Side::Unified, true)) }
        div.text.sbs {
            div { h5 { "before, " (before) } div lang="da" { (side(diff, Side::Before, true)) } }
            div { h5 { "after, " (after) } div lang="da" { (side(diff, Side::After, true)) } }
        }
    }
}

/// A section name as a heading: its first letter upper-cased.
pub fn section_title(name: &str) -> String {
    let mut chars = name.chars();
    let title: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    one_line(&title)
}

/// A section's text in a treatment, by lower-case name.
fn section_text<'t>(t: &'t TreatmentView, name: &str) -> Option<&'t str> {
    match name {
        "indstilling" => t.indstilling.as_deref(),
        "beslutning" => t.beslutning.as_deref(),
        other => t
            .sections
            .iter()
            .find(|s| s.name.to_lowercase() == other)
            .map(|s| s.text.as_str()),
    }
}

/// Each section's changes from `before` to `after`. Unchanged sections are
/// named in one line; a section whose older text is not known (a quoted
/// decision) shows the newer text in full, so that no recommendation goes
/// unseen.
pub fn section_diffs(diffs: &[SectionDiff], before: Date, after: &TreatmentView) -> Markup {
    let unchanged: Vec<String> = diffs
        .iter()
        .filter(|s| s.state() == SectionState::Unchanged)
        .map(|s| section_title(&s.name))
        .collect();
    let (before, after_date) = (before.to_string(), after.date.to_string());
    html! {
        @for s in diffs {
            @match s.state() {
                SectionState::Absent | SectionState::Unchanged => {},
                SectionState::FromUnknown => {
                    h4 lang="da" { (section_title(&s.name)) }
                    p.muted {
                        "not known for " (before) " (only quoted in later minutes); as of "
                        (after_date) ":"
                    }
                    div.text lang="da" { (paragraphs(section_text(after, &s.name))) }
                },
                SectionState::ToUnknown => {
                    h4 lang="da" { (section_title(&s.name)) }
                    p.muted {
                        "not known for " (after_date)
                        " (that decision is only quoted in later minutes)"
                    }
                },
                // Indstilling and Beslutning open; the longer sections
                // (Sagsfremstilling …) a click away.
                SectionState::Changed(changes) if DEFAULT_SECTIONS.contains(&s.name.as_str()) => {
                    h4 lang="da" { (section_title(&s.name)) }
                    (changed(changes, &before, &after_date))
                },
                SectionState::Changed(changes) => details {
                    summary { span lang="da" { (section_title(&s.name)) } " changed" }
                    (changed(changes, &before, &after_date))
                },
            }
        }
        @if !unchanged.is_empty() {
            p.muted { "No change in " span lang="da" { (unchanged.join(", ")) } "." }
        }
    }
}

/// The filter above the lists of a page: text, body and outcome. Hidden
/// until the script shows it, so a reader without JavaScript sees every
/// row and no control that does nothing.
pub fn filter_form<'a>(
    bodies: impl IntoIterator<Item = &'a str>,
    outcomes: impl IntoIterator<Item = Option<Outcome>>,
) -> Markup {
    let bodies: BTreeSet<String> = bodies.into_iter().map(one_line).collect();
    let outcomes: BTreeSet<&str> = outcomes
        .into_iter()
        .map(|o| o.map_or("none", Outcome::as_str))
        .collect();
    html! {
        form #filter .filter hidden role="search" {
            label { "Text" input type="search" name="q" placeholder="sag, titel, ord …"; }
            label { "Body"
                select name="body" {
                    option value="" { "all" }
                    @for b in &bodies { option value=(b) lang="da" { (b) } }
                }
            }
            label { "Outcome"
                select name="outcome" {
                    option value="" { "all" }
                    @for o in &outcomes { option value=(o) { (o) } }
                }
            }
            output aria-live="polite" {}
        }
    }
}

/// The `data-` values a row is filtered by: bodies and outcomes, each
/// list `|`-separated.
pub fn filter_values<'a>(
    bodies: impl IntoIterator<Item = &'a str>,
    outcomes: impl IntoIterator<Item = Option<Outcome>>,
) -> (String, String) {
    let bodies: Vec<String> = bodies.into_iter().map(one_line).collect();
    let outcomes: Vec<&str> = outcomes
        .into_iter()
        .map(|o| o.map_or("none", Outcome::as_str))
        .collect();
    (bodies.join("|"), outcomes.join("|"))
}
