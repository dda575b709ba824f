//! HTML as a browser lays it out, in plain text.
//!
//! Minutes reach us as HTML in three ways: publication pages, the HTML
//! fields inside FirstAgenda JSON, and HTML inside eDoc and SBSYS XML. The
//! parser reads lines and blank lines, so what matters is where a browser
//! breaks lines: block elements start a new line (paragraphs and headings a
//! new paragraph), `<br>` breaks one, and inline elements (`<em>`, `<span>`)
//! never break a word. Whitespace collapses as CSS collapses it.
//!
//! The document is parsed by html5ever (through `scraper`), which reads any
//! tag soup the way browsers do, and walked without recursion, so nesting
//! depth cannot exhaust the stack.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Elements whose content a reader never sees.
const HIDDEN: &[&str] = &[
    "head", "script", "style", "noscript", "template", "iframe", "object", "svg", "button",
    "select", "option",
];
/// Elements that stand as a paragraph of their own (a blank line around).
const PARAGRAPHS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "table",
    "blockquote",
    "pre",
    "hr",
    "dl",
    "figure",
];
/// Elements that start a new line.
const LINES: &[&str] = &[
    "div", "li", "tr", "dt", "dd", "section", "article", "header", "footer", "nav", "main",
    "aside", "form", "fieldset", "address", "center", "caption", "body", "html",
];

/// The text of an HTML document or fragment as a browser lays it out: one
/// line per block, a blank line between paragraphs, list items marked.
pub fn to_text(html: &str) -> String {
    let document = Html::parse_document(html);
    let mut layout = Layout::default();
    // Lists nest: each open list keeps its next number (`None` for bullets).
    let mut lists: Vec<Option<u32>> = Vec::new();
    let mut hidden_depth = 0usize;
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(text) if hidden_depth == 0 => layout.text(text),
                Node::Element(element) => {
                    let name = element.name();
                    if hidden_depth > 0 || HIDDEN.contains(&name) || is_hidden(element) {
                        hidden_depth += 1;
                        continue;
                    }
                    match name {
                        "br" => layout.line_break(),
                        "ul" => lists.push(None),
                        "ol" => lists.push(Some(
                            element
                                .attr("start")
                                .and_then(|s| s.trim().parse().ok())
                                .unwrap_or(1),
                        )),
                        "td" | "th" => layout.space(),
                        _ => {}
                    }
                    layout.open(name);
                    if name == "li" {
                        let marker = match lists.last_mut() {
                            Some(Some(n)) => {
                                let marker = format!("{n}. ");
                                *n += 1;
                                marker
                            }
                            _ => "- ".to_string(),
                        };
                        layout.mark(marker);
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(element) = node.value() {
                    if hidden_depth > 0 {
                        hidden_depth -= 1;
                        continue;
                    }
                    let name = element.name();
                    if matches!(name, "ul" | "ol") {
                        lists.pop();
                    }
                    layout.close(name);
                }
            }
        }
    }
    layout.finish()
}

/// `style="display:none"` and the `hidden` attribute hide an element.
fn is_hidden(element: &scraper::node::Element) -> bool {
    element.attr("hidden").is_some()
        || element.attr("style").is_some_and(|style| {
            let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
            style.to_ascii_lowercase().contains("display:none")
        })
}

/// Text being laid out: words, spaces between them and breaks between
/// blocks, each emitted only once something follows it.
///
/// A list item's marker (`- `, `3. `) waits for the item's first word, as
/// a browser sets the marker beside the first line of the item's content:
/// a paragraph or other block at the start of the item (`<li><p>At …`)
/// starts no line of its own, a second paragraph in the item starts one,
/// and an item with no text shows no marker (its number is still counted,
/// as a browser counts it).
#[derive(Default)]
struct Layout {
    out: String,
    /// Newlines owed before the next word: 1 ends the line, 2 also leaves a
    /// blank line.
    breaks: usize,
    /// A space is owed before the next word on the same line.
    space: bool,
    /// The marker of a list item that has shown no word yet.
    marker: Option<String>,
}

impl Layout {
    fn open(&mut self, name: &str) {
        if self.marker.is_some() && name != "li" {
            // Blocks opening or closing before the item's first word are
            // on the marker's line.
            return;
        }
        if PARAGRAPHS.contains(&name) {
            self.want(2);
        } else if LINES.contains(&name) {
            self.want(1);
        }
    }

    /// A list item starts: its marker goes before its first word. A
    /// marker still waiting (an item without text, or a list that opens
    /// its parent item) is dropped.
    fn mark(&mut self, marker: String) {
        self.marker = Some(marker);
    }

    fn close(&mut self, name: &str) {
        if name == "li" {
            // An item that ended without a word shows no marker.
            self.marker = None;
        }
        self.open(name);
    }

    fn want(&mut self, breaks: usize) {
        if !self.out.is_empty() {
            self.breaks = self.breaks.max(breaks);
        }
    }

    /// `<br>`: one line break; a second in a row leaves an empty line. Not
    /// before a list item's first word, which stays beside its marker.
    fn line_break(&mut self) {
        if !self.out.is_empty() && self.marker.is_none() {
            self.breaks = (self.breaks + 1).min(2);
        }
    }

    fn space(&mut self) {
        self.space = true;
    }

    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            if c.is_control() {
                continue;
            }
            if self.breaks > 0 {
                self.out.truncate(self.out.trim_end_matches(' ').len());
                for _ in 0..self.breaks {
                    self.out.push('\n');
                }
                self.breaks = 0;
            } else if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
                self.out.push(' ');
            }
            if let Some(marker) = self.marker.take() {
                self.out.push_str(&marker);
            }
            self.space = false;
            self.out.push(c);
        }
    }

    fn finish(mut self) -> String {
        self.out.truncate(self.out.trim_end().len());
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::to_text;

    #[test]
    fn inline_elements_do_not_break_words() {
        assert_eq!(
            to_text("<div>fo<em>to</em>grafering <span>ikke </span>tilladt</div>"),
            "fotografering ikke tilladt"
        );
    }

    #[test]
    fn headings_and_paragraphs_are_paragraphs_and_divs_lines() {
        assert_eq!(
            to_text(
                "<h3>Beslutning</h3><div>Godkendt.</div><div>Anden linje</div><p>Nyt afsnit</p>"
            ),
            "Beslutning\n\nGodkendt.\nAnden linje\n\nNyt afsnit"
        );
    }

    #[test]
    fn whitespace_collapses_and_br_breaks() {
        assert_eq!(
            to_text("<div>  a \r\n\t b<br>c<br><br>d&nbsp;e</div>"),
            "a b\nc\n\nd e"
        );
    }

    #[test]
    fn lists_are_marked_and_numbered() {
        assert_eq!(
            to_text("<ul><li>en</li><li>to</li></ul><ol start='3'><li>tre</li><li>fire</li></ol>"),
            "- en\n- to\n\n3. tre\n4. fire"
        );
    }

    #[test]
    fn a_list_items_marker_stays_beside_its_first_words() {
        // Greve's Indstilling of 22-009229 (2022-09-26).
        assert_eq!(
            to_text(
                "<p>indstiller, at:</p><ul>\n    <li>\n    <p><em>At det samtidig tilføjes</em></p>\n    </li>\n</ul>"
            ),
            "indstiller, at:\n\n- At det samtidig tilføjes"
        );
        assert_eq!(
            to_text("<ol><li><div><h3>Et</h3></div></li><li><br>To</li></ol>"),
            "1. Et\n\n2. To"
        );
    }

    #[test]
    fn an_item_of_several_paragraphs_starts_a_line_for_each() {
        assert_eq!(
            to_text("<ul><li><p>At a</p><p>og b</p></li><li><p>At c</p></li></ul><p>Slut</p>"),
            "- At a\n\nog b\n\n- At c\n\nSlut"
        );
    }

    #[test]
    fn an_empty_item_shows_no_marker_but_is_counted() {
        assert_eq!(
            to_text("<ol><li>en</li><li> </li><li><p></p></li><li>fire</li></ol><p>efter</p>"),
            "1. en\n4. fire\n\nefter"
        );
        assert_eq!(to_text("<ul><li></li></ul><p>efter</p>"), "efter");
    }

    #[test]
    fn a_list_nested_in_an_item_has_its_own_markers() {
        assert_eq!(
            to_text("<ul><li>a<ul><li>b</li></ul></li><li><ol><li>c</li></ol></li></ul>"),
            "- a\n\n- b\n\n1. c"
        );
    }

    #[test]
    fn scripts_styles_and_hidden_elements_are_not_text() {
        assert_eq!(
            to_text(
                "<head><title>t</title></head><script>x()</script><style>p{}</style>\
                 <div style='display: none'>skjult</div><p>synlig</p>"
            ),
            "synlig"
        );
    }

    #[test]
    fn table_cells_are_separated() {
        assert_eq!(
            to_text("<table><tr><td>Dato:</td><td>4. maj</td></tr><tr><td>Sted</td></tr></table>"),
            "Dato: 4. maj\nSted"
        );
    }

    #[test]
    fn deep_nesting_does_not_exhaust_the_stack() {
        let html = format!("{}x{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
        assert_eq!(to_text(&html), "x");
    }
}
