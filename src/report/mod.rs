//! A static, self-contained HTML site of the whole history: a front page
//! (what waits, the latest meetings, the cases treated last), a page of
//! every waiting case, a page per year, a page per case (its journey as a
//! timeline, every treatment with every section, what changed between
//! consecutive treatments), a page per meeting (who met, every item and
//! what changed) and the stored minutes of each meeting.
//!
//! The site needs no server and no external assets: one stylesheet is
//! inlined in every page, links are relative, so it works from `file://`
//! and from any web host. The list pages have a small inline filter
//! script; without JavaScript every page still shows everything.
//!
//! Document text is untrusted. Every piece of it passes through
//! [`crate::sanitize`] (control and bidi characters made visible) and is then
//! handed to [`maud`] as a plain string, which escapes it for text or for an
//! attribute. Only [`maud::Markup`] built by `html!` is embedded unescaped
//! (and the constant stylesheet and script), so no call site can forget to
//! escape. File names are built only from identifiers escaped by
//! [`crate::segment::escape`].

mod case;
mod lists;
mod meeting;
mod parts;
mod paths;
mod write;

pub(crate) use parts::ops;
use write::Staging;

use crate::model::{Outcome, Punkt};
use crate::views::{MeetingRow, Site};
use meeting::ItemOf;
use paths::{Links, meeting_path};
use std::collections::{BTreeSet, HashMap};

/// One file of the site: a path relative to the output folder
/// (`/`-separated, made only from escaped identifiers) and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Where the page goes, relative to the output folder.
    pub path: String,
    /// The complete HTML document.
    pub html: String,
}

/// What each meeting decided, gathered from the cases: the outcomes its
/// row in a list shows and is filtered by.
pub(crate) struct Meetings {
    outcomes: HashMap<String, BTreeSet<Option<Outcome>>>,
    /// The site has meetings of more than one named organisation: lists of
    /// meetings then name each one's.
    several_organisations: bool,
}

impl Meetings {
    /// The outcomes of a meeting's items, each once.
    fn outcomes(&self, m: &MeetingRow) -> Vec<Option<Outcome>> {
        meeting_path(m)
            .and_then(|p| self.outcomes.get(&p))
            .map(|set| set.iter().copied().collect())
            .unwrap_or_default()
    }
}

/// Makes every page of the site from what [`crate::query::site`] read,
/// handing each to `emit` as soon as it is made, so that a site of any
/// size is never held in memory whole. Stops at the first error of `emit`.
pub fn build(
    site: &Site,
    emit: &mut dyn FnMut(Page) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let links = Links::new(site);
    // Each meeting's items, found through the cases' treatments taken
    // there, with what each brought (rendered once for the case page and
    // shown again on the meeting page). Keyed by the meeting's page.
    let mut items: HashMap<String, HashMap<Punkt, Vec<ItemOf>>> = HashMap::new();
    let mut outcomes: HashMap<String, BTreeSet<Option<Outcome>>> = HashMap::new();
    for c in &site.cases {
        let Some((page, fragments)) = case::page(c, &links) else {
            continue;
        };
        emit(page)?;
        for (index, (t, fragment)) in c.treatments.iter().zip(fragments).enumerate() {
            let Some(at) = links.taken_at(t).and_then(meeting_path) else {
                continue;
            };
            outcomes.entry(at.clone()).or_default().insert(t.outcome);
            if let (false, Some(punkt)) = (t.quoted, t.punkt) {
                items
                    .entry(at)
                    .or_default()
                    .entry(punkt)
                    .or_default()
                    .push(ItemOf {
                        case: c,
                        index,
                        fragment,
                    });
            }
        }
    }
    for m in &site.meetings {
        let of = meeting_path(&m.row)
            .and_then(|p| items.remove(&p))
            .unwrap_or_default();
        for page in meeting::pages(m, &of) {
            emit(page)?;
        }
    }
    // Meetings whose minutes name no organisation are most likely the known
    // one's: they do not make a second.
    let organisations: BTreeSet<&str> = site
        .meetings
        .iter()
        .filter_map(|m| m.row.organisation.as_deref())
        .collect();
    let meetings = Meetings {
        outcomes,
        several_organisations: organisations.len() > 1,
    };
    for page in lists::pages(site, &links, &meetings) {
        emit(page)?;
    }
    Ok(())
}

/// Where the page of a case is, relative to the site's root, at one of its
/// treatments (`index` in its timeline): the address a feed entry links to.
pub(crate) fn case_href(organisation: Option<&str>, journal: &str, index: usize) -> Option<String> {
    let path = paths::case_path(organisation, journal)?;
    Some(format!(
        "{}#{}",
        paths::href(&path, false),
        paths::treatment_anchor(index)
    ))
}

/// Where the page of a meeting is, relative to the site's root.
pub(crate) fn meeting_href(m: &MeetingRow) -> Option<String> {
    meeting_path(m).map(|path| paths::href(&path, false))
}

/// Writes the whole site into `out` (see [`Staging`]); returns how many
/// pages it wrote.
pub fn write_site(out: &std::path::Path, site: &Site) -> std::io::Result<usize> {
    let mut staging = Staging::new(out)?;
    build(site, &mut |page| staging.add(&page))?;
    staging.commit()
}

#[cfg(test)]
mod tests;
