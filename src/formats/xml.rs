//! XML as publishing systems really write it, read into a small tree.
//!
//! Agenda exports are broken in known ways: eDoc writes `&#xC;` (a form
//! feed, which XML 1.0 forbids, so strict parsers reject the whole file)
//! and CR line ends; SBSYS puts HTML with HTML entities (`&oslash;`) inside
//! CDATA; files arrive truncated. The tokenizer (quick-xml) is run without
//! the checks that would refuse such files: character references resolve
//! to whatever character they name (control characters become line
//! breaks or vanish), unknown entities stay as written, mismatched end tags
//! close what they match, and a tokenizer error ends the tree where it
//! happened, with the reason kept in [`Tree::broken`].
//!
//! The tree is an arena of nodes built with an explicit stack, so no
//! nesting depth can exhaust the stack, and it is bounded: past
//! [`MAX_NODES`] elements the rest of the document is not read.
//! Element names are kept without their namespace prefix (`edoc:Title` is
//! `Title`); the namespaces the root declares are kept for recognising the
//! dialect.

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

/// Elements read at most; a real agenda export has some tens of thousands.
pub const MAX_NODES: usize = 500_000;

/// One element: its local name, attributes and its own text (CDATA
/// included, child elements' text not).
#[derive(Debug, Default)]
pub struct Element {
    /// The name without a namespace prefix.
    pub name: String,
    /// Attributes by local name, values unescaped.
    pub attributes: Vec<(String, String)>,
    /// The element's own text, line ends normalised.
    pub text: String,
    /// Child elements, as indices into [`Tree::nodes`].
    pub children: Vec<usize>,
    /// The parent element; `None` for the root.
    pub parent: Option<usize>,
}

/// A parsed XML document; node 0 is the root element.
#[derive(Debug, Default)]
pub struct Tree {
    /// Every element in document order.
    pub nodes: Vec<Element>,
    /// The namespace URIs the root element declares.
    pub namespaces: Vec<String>,
    /// Why reading stopped early, where it did (a truncated or malformed
    /// file): the tree holds what came before.
    pub broken: Option<String>,
}

impl Tree {
    /// Reads a document leniently. `None` when it has no element at all.
    pub fn parse(text: &str) -> Option<Tree> {
        let mut reader = Reader::from_str(text.trim_start_matches('\u{feff}'));
        let config = reader.config_mut();
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.allow_dangling_amp = true;
        let mut tree = Tree::default();
        let mut open: Vec<usize> = Vec::new();
        loop {
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(error) => {
                    tree.broken = Some(format!(
                        "the XML is malformed at byte {}: {error}",
                        reader.error_position()
                    ));
                    break;
                }
            };
            if matches!(event, Event::Start(_) | Event::Empty(_)) && tree.nodes.len() >= MAX_NODES {
                tree.broken = Some(format!(
                    "the XML has more than {MAX_NODES} elements; the rest was not read"
                ));
                break;
            }
            match event {
                Event::Start(start) => {
                    if let Some(index) = tree.open(&start, open.last().copied()) {
                        open.push(index);
                    }
                }
                Event::Empty(start) => {
                    tree.open(&start, open.last().copied());
                }
                Event::End(end) => {
                    let name = local(end.name().as_ref());
                    // Close up to the matching element; an end tag that
                    // matches nothing open is ignored.
                    if let Some(depth) = open.iter().rposition(|&i| tree.nodes[i].name == name) {
                        open.truncate(depth);
                    }
                }
                Event::Text(text) => {
                    if let Some(&current) = open.last() {
                        tree.nodes[current].text.push_str(&text.xml10_content());
                    }
                }
                Event::CData(data) => {
                    if let Some(&current) = open.last() {
                        tree.nodes[current].text.push_str(&data.xml10_content());
                    }
                }
                Event::GeneralRef(reference) => {
                    if let Some(&current) = open.last() {
                        push_reference(&mut tree.nodes[current].text, &reference);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            // Only one root: whatever follows its end is not the document.
            if open.is_empty() && !tree.nodes.is_empty() {
                break;
            }
        }
        if tree.nodes.is_empty() {
            return None;
        }
        if !open.is_empty() && tree.broken.is_none() {
            tree.broken = Some("the XML ends before its elements are closed".to_string());
        }
        Some(tree)
    }

    /// Adds an element under `parent` (or as the root); `None` for a second
    /// root, which is not read.
    fn open(&mut self, start: &BytesStart, parent: Option<usize>) -> Option<usize> {
        if parent.is_none() && !self.nodes.is_empty() {
            return None;
        }
        let mut element = Element {
            name: local(start.name().as_ref()),
            parent,
            ..Element::default()
        };
        for attribute in start.attributes().with_checks(false).flatten() {
            let key: &str = attribute.key.as_ref();
            // An attribute with a broken reference keeps its raw value.
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| attribute.value.to_string());
            if key == "xmlns" || key.starts_with("xmlns:") {
                if parent.is_none() {
                    self.namespaces.push(value);
                }
                continue;
            }
            element.attributes.push((local(key), value));
        }
        let index = self.nodes.len();
        self.nodes.push(element);
        if let Some(parent) = parent {
            self.nodes[parent].children.push(index);
        }
        Some(index)
    }

    /// The root element.
    pub fn root(&self) -> &Element {
        &self.nodes[0]
    }

    /// The nodes a path leads to from `from`, in document order.
    ///
    /// A path is element names separated by `/`; `..` steps to the parent
    /// and an empty path is `from` itself. A step may ask for an attribute's
    /// value, as systems that name every element alike need
    /// (`table[name=meeting]`). A final `@name` is not an element: use
    /// [`Tree::value`] for attributes.
    pub fn select(&self, from: usize, path: &str) -> Vec<usize> {
        let mut current = vec![from];
        for step in path.split('/').filter(|s| !s.is_empty() && *s != ".") {
            current = if step == ".." {
                current
                    .iter()
                    .filter_map(|&i| self.nodes[i].parent)
                    .collect()
            } else {
                let (name, wanted) = step_parts(step);
                current
                    .iter()
                    .flat_map(|&i| self.nodes[i].children.iter().copied())
                    .filter(|&c| {
                        let node = &self.nodes[c];
                        node.name == name
                            && wanted.is_none_or(|(key, value)| {
                                node.attributes.iter().any(|(k, v)| k == key && v == value)
                            })
                    })
                    .collect()
            };
        }
        current
    }

    /// The first non-empty value a path gives from `from`, trimmed: an
    /// element's own text, or with a final `@name` an attribute.
    pub fn value(&self, from: usize, path: &str) -> Option<&str> {
        let (elements, attribute) = match path.rsplit_once('@') {
            Some((elements, attribute)) => (elements.trim_end_matches('/'), Some(attribute)),
            None => (path, None),
        };
        self.select(from, elements).into_iter().find_map(|i| {
            let node = &self.nodes[i];
            let value = match attribute {
                Some(name) => node
                    .attributes
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.as_str())?,
                None => node.text.as_str(),
            };
            Some(value.trim()).filter(|v| !v.is_empty())
        })
    }

    /// The first value any of `paths` gives.
    pub fn first_value(&self, from: usize, paths: &[&str]) -> Option<&str> {
        paths.iter().find_map(|path| self.value(from, path))
    }
}

/// A step's element name and the attribute it asks for: `table[name=x]` is
/// `("table", Some(("name", "x")))`.
fn step_parts(step: &str) -> (&str, Option<(&str, &str)>) {
    let wanted = step
        .strip_suffix(']')
        .and_then(|s| s.split_once('['))
        .and_then(|(name, predicate)| Some((name, predicate.split_once('=')?)));
    match wanted {
        Some((name, attribute)) => (name, Some(attribute)),
        None => (step, None),
    }
}

/// A name without its namespace prefix.
fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_string()
}

/// An entity or character reference in text. A character reference is
/// taken for the character it names, whatever XML allows: eDoc's `&#xC;`
/// (form feed) marks a page break and becomes a line break; other control
/// characters are dropped. The five XML entities resolve; any other entity
/// (`&oslash;` outside CDATA) stays as written for the HTML reader.
fn push_reference(text: &mut String, reference: &quick_xml::events::BytesRef) {
    let name: &str = reference;
    if reference.is_char_ref() {
        match reference.resolve_char_ref() {
            Ok(Some('\u{c}')) => text.push('\n'),
            Ok(Some(c)) if c.is_control() && !matches!(c, '\n' | '\t' | '\r') => {}
            Ok(Some(c)) => text.push(c),
            _ => {}
        }
        return;
    }
    match quick_xml::escape::resolve_xml_entity(name) {
        Some(value) => text.push_str(value),
        None => {
            text.push('&');
            text.push_str(name);
            text.push(';');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Tree;

    #[test]
    fn form_feed_references_and_cr_line_ends_are_read() {
        let tree = Tree::parse("<?xml version=\"1.0\"?>\r<M>\r<T>a&#xC;b\rc &amp; d</T></M>")
            .expect("reads");
        assert_eq!(tree.value(0, "T"), Some("a\nb\nc & d"));
        assert!(tree.broken.is_none());
    }

    #[test]
    fn cdata_keeps_html_entities_for_the_html_reader() {
        let tree = Tree::parse("<D><O><![CDATA[m&oslash;det <b>i</b>]]></O><P>&oslash;</P></D>")
            .expect("reads");
        assert_eq!(tree.value(0, "O"), Some("m&oslash;det <b>i</b>"));
        assert_eq!(tree.value(0, "P"), Some("&oslash;"));
    }

    #[test]
    fn prefixes_are_dropped_and_root_namespaces_kept() {
        let tree = Tree::parse(
            "<Root xmlns:edoc=\"urn:x\"><edoc:Committee><edoc:Name> U </edoc:Name></edoc:Committee></Root>",
        )
        .expect("reads");
        assert_eq!(tree.namespaces, ["urn:x"]);
        assert_eq!(tree.value(0, "Committee/Name"), Some("U"));
    }

    #[test]
    fn attributes_parents_and_selections() {
        let tree = Tree::parse(
            "<D t=\"Referat\"><M x=\"1\"/><L><I n=\"2\"/><I n=\"1\"/></L><K>lukket</K></D>",
        )
        .expect("reads");
        assert_eq!(tree.value(0, "@t"), Some("Referat"));
        assert_eq!(tree.value(0, "M/@x"), Some("1"));
        let items = tree.select(0, "L/I");
        assert_eq!(items.len(), 2);
        assert_eq!(tree.value(items[1], "@n"), Some("1"));
        assert_eq!(tree.value(items[0], "../../K"), Some("lukket"));
        assert_eq!(tree.value(0, "Nothing"), None);
    }

    #[test]
    fn a_step_may_ask_for_an_attribute_value() {
        let tree = Tree::parse(
            "<r><t name=\"a\"><f name=\"x\">1</f></t><t name=\"b\"><f name=\"x\">2</f><f name=\"y\">3</f></t></r>",
        )
        .expect("reads");
        assert_eq!(tree.value(0, "t[name=b]/f[name=x]"), Some("2"));
        assert_eq!(tree.value(0, "t/f[name=y]"), Some("3"));
        assert_eq!(tree.select(0, "t[name=c]").len(), 0);
        assert_eq!(
            tree.select(0, "t[name]").len(),
            0,
            "a malformed step matches nothing"
        );
    }

    #[test]
    fn truncated_and_garbage_input_is_read_as_far_as_it_goes() {
        let tree = Tree::parse("<D><A>x</A><B>y").expect("reads");
        assert_eq!(tree.value(0, "A"), Some("x"));
        assert!(tree.broken.is_some());
        let tree = Tree::parse("<D><A>x</A><<<&&>").expect("reads");
        assert_eq!(tree.value(0, "A"), Some("x"));
        assert!(tree.broken.is_some());
        assert!(Tree::parse("no markup").is_none());
        assert!(Tree::parse("").is_none());
    }

    #[test]
    fn mismatched_end_tags_close_what_they_match() {
        let tree = Tree::parse("<D><A><B>x</A><C>y</C></D>").expect("reads");
        assert_eq!(tree.value(0, "C"), Some("y"));
        assert_eq!(tree.value(0, "A/B"), Some("x"));
    }

    #[test]
    fn deep_nesting_does_not_exhaust_the_stack() {
        let xml = format!("{}x{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
        let tree = Tree::parse(&xml).expect("reads");
        assert_eq!(tree.nodes.len(), 100_000);
    }
}
