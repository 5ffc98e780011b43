//! Where each key and value of a catalogue stands in its source text.
//!
//! serde gives typed values but forgets positions; a second, event-level parse of
//! the same text maps every key path (`categories[0].codes[2].retry`) to its line
//! and column, so semantic errors can point at the exact spot.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::Marker;

use crate::front::read::MAX_SPEC_BYTES;

/// A 1-based line and column in the spec text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl From<Marker> for Position {
    fn from(mark: Marker) -> Self {
        Position {
            line: mark.line(),
            column: mark.col() + 1,
        }
    }
}

/// Deepest nesting of mappings and sequences a catalogue may use; real ones need 5.
pub const MAX_NESTING: usize = 32;

/// Most YAML nodes a catalogue may hold once its aliases are expanded: a
/// 10,000-code catalogue has about 70,000; a "billion laughs" file has 10^9.
pub const MAX_EXPANDED_NODES: usize = 1_000_000;

/// Most bytes of text a catalogue may hold once its aliases are expanded:
/// 8 MiB (8,388,608), as much as [`MAX_SPEC_BYTES`] lets a file hold written
/// out. An alias may share a value; it may not make the catalogue larger than
/// writing the value out would be allowed to.
pub const MAX_EXPANDED_BYTES: usize = MAX_SPEC_BYTES;

/// Longest single value, in bytes: 64 KiB (65,536). The messages and
/// resolutions of real catalogues are under 200 characters; an example body
/// written out stays far below it.
pub const MAX_SCALAR_BYTES: usize = 64 * 1024;

/// Longest key, in bytes: 1 KiB (1,024), the most YAML allows a plain
/// `key:` anyway, held for `? key` ones too. A key is quoted in messages and
/// repeats in the path of every value below it.
pub const MAX_KEY_BYTES: usize = 1024;

/// Most bytes the key paths of one catalogue may add up to: 64 MiB
/// (67,108,864). The map keeps the path of every key and value, and a path
/// repeats every key above it, so one long key over many values multiplies;
/// the 10,000-code synthetic catalogue's paths add up to 3.4 MB.
pub const MAX_MAPPED_BYTES: usize = 64 * 1024 * 1024;

/// Text the mapper refuses before any slower parser spends time or memory on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Nesting deeper than [`MAX_NESTING`]; where it first is.
    TooDeep(Position),
    /// Aliases that expand past [`MAX_EXPANDED_NODES`]; the alias that does it.
    TooManyAliases(Position),
    /// Aliases that expand past [`MAX_EXPANDED_BYTES`]; the alias that does it.
    AliasesTooLarge(Position),
    /// Key paths that add up past [`MAX_MAPPED_BYTES`]; the node that does it.
    PathsTooLong(Position),
    /// A value longer than [`MAX_SCALAR_BYTES`], or a key longer than [`MAX_KEY_BYTES`].
    TooLong {
        /// Where it starts.
        position: Position,
        /// The key path of the value, or of the mapping that holds the key.
        path: String,
        /// Whether it is a key rather than a value.
        on_key: bool,
        /// Its length in bytes.
        bytes: usize,
    },
}

/// A node written with a YAML tag (`!!str 500`, `!!binary …`, `!custom x`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    /// Key path of the node, or of the key when the tag is on a key.
    pub path: String,
    /// Whether the tag is on a key rather than on a value.
    pub on_key: bool,
    /// The tag as written: `!!str`, `!custom`, `!<tag:example.com,2026:x>`.
    pub tag: String,
}

/// Positions of the keys and values of one YAML document, by key path.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    /// One entry per node, its path held once for its key and its value.
    spots: HashMap<String, Spot>,
    tagged: Vec<Tagged>,
}

/// Where one node stands.
#[derive(Debug, Default, Clone, Copy)]
struct Spot {
    /// The key that names it: none for the root and the items of a sequence.
    key: Option<Position>,
    /// Where its value starts: none for a key whose value did not parse.
    value: Option<Position>,
}

impl SourceMap {
    /// Maps `source`. Text that does not parse maps only up to the error (the
    /// typed parse reports syntax errors with their own position). Refused
    /// here, before a slower parser spends seconds or gigabytes on it: nesting
    /// deeper than [`MAX_NESTING`], aliases that would expand past
    /// [`MAX_EXPANDED_NODES`] or [`MAX_EXPANDED_BYTES`], a value longer than
    /// [`MAX_SCALAR_BYTES`] or a key longer than [`MAX_KEY_BYTES`], and key
    /// paths past [`MAX_MAPPED_BYTES`].
    pub fn new(source: &str) -> Result<SourceMap, Refused> {
        let mut walker = Walker::default();
        let mut expansion = Expansion::default();
        let mut parser = Parser::new_from_str(source);
        loop {
            match parser.next_token() {
                Ok((Event::StreamEnd, _)) => break,
                Ok((event, mark)) => {
                    let position = Position::from(mark);
                    let expanded = expansion.on_event(&event);
                    if expanded.nodes > MAX_EXPANDED_NODES {
                        return Err(Refused::TooManyAliases(position));
                    }
                    if expanded.bytes > MAX_EXPANDED_BYTES {
                        return Err(Refused::AliasesTooLarge(position));
                    }
                    let limit = if walker.expects_key() {
                        MAX_KEY_BYTES
                    } else {
                        MAX_SCALAR_BYTES
                    };
                    if let Event::Scalar(text, ..) = &event
                        && text.len() > limit
                    {
                        return Err(Refused::TooLong {
                            position,
                            path: walker.next_path(),
                            on_key: walker.expects_key(),
                            bytes: text.len(),
                        });
                    }
                    walker.on_event(event, position);
                    if walker.stack.len() > MAX_NESTING {
                        return Err(Refused::TooDeep(position));
                    }
                    if walker.mapped_bytes > MAX_MAPPED_BYTES {
                        return Err(Refused::PathsTooLong(position));
                    }
                }
                // The event parser has a nesting limit of its own, a little above ours.
                Err(err) if err.info().contains("recursion limit") => {
                    return Err(Refused::TooDeep(Position::from(*err.marker())));
                }
                Err(_) => break,
            }
        }
        Ok(walker.finish())
    }

    /// Every key with its position, in no particular order.
    pub fn key_paths(&self) -> impl Iterator<Item = (&str, Position)> {
        self.spots
            .iter()
            .filter_map(|(path, spot)| Some((path.as_str(), spot.key?)))
    }

    /// Every node written with a YAML tag, in file order.
    pub fn tagged(&self) -> &[Tagged] {
        &self.tagged
    }

    /// Where the value at `path` starts, falling back to the nearest enclosing
    /// node that exists (a missing key points at the mapping that lacks it).
    pub fn value(&self, path: &str) -> Option<Position> {
        self.find(path, |spot| spot.value)
    }

    /// Where the key that ends `path` stands, falling back like [`SourceMap::value`].
    pub fn key(&self, path: &str) -> Option<Position> {
        self.find(path, |spot| spot.key.or(spot.value))
    }

    fn note_tag(&mut self, tag: Option<Tag>, path: &str, on_key: bool) {
        if let Some(tag) = tag {
            self.tagged.push(Tagged {
                path: path.to_owned(),
                on_key,
                tag: as_written(&tag),
            });
        }
    }

    fn find(&self, path: &str, at: impl Fn(&Spot) -> Option<Position>) -> Option<Position> {
        let mut path = path;
        loop {
            if let Some(position) = self.spots.get(path).and_then(&at) {
                return Some(position);
            }
            path = parent(path)?;
        }
    }

    /// Notes a node at `path`: a later duplicate key moves its key, the
    /// first value stays.
    fn record(&mut self, path: String, key: Option<Position>, value: Option<Position>) {
        let spot = self.spots.entry(path).or_default();
        spot.key = key.or(spot.key);
        spot.value = spot.value.or(value);
    }
}

/// The lines of a text, found by number without rescanning the text: a
/// catalogue with 50,000 problems took 52 s to place them when each looked
/// its line up from the start.
pub(crate) struct Lines<'a> {
    text: &'a str,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Lines<'a> {
        let breaks = text.match_indices('\n').map(|(index, _)| index + 1);
        Lines {
            text,
            starts: std::iter::once(0).chain(breaks).collect(),
        }
    }

    /// The 1-based line `number`, as [`str::lines`] gives it: without its line
    /// break, and none after a final line break.
    pub(crate) fn get(&self, number: usize) -> Option<&'a str> {
        let start = *self.starts.get(number.checked_sub(1)?)?;
        let end = self.starts.get(number).map_or(self.text.len(), |next| next - 1);
        if start == self.text.len() {
            return None;
        }
        let line = &self.text[start..end];
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// `a.b[2]` → `a.b`, `a.b` → `a`, `a` → `` (the root), `` → none.
fn parent(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    Some(path.rfind(['.', '[']).map_or("", |cut| &path[..cut]))
}

enum Frame {
    /// A mapping, with the path and position of the key whose value comes next.
    Mapping {
        path: String,
        key: Option<(String, Position)>,
    },
    Sequence {
        path: String,
        next_index: usize,
    },
}

#[derive(Default)]
struct Walker {
    stack: Vec<Frame>,
    map: SourceMap,
    /// Bytes of every path recorded so far.
    mapped_bytes: usize,
}

impl Walker {
    fn on_event(&mut self, event: Event, position: Position) {
        match event {
            Event::Scalar(text, _, _, tag) => {
                if let Some(Frame::Mapping { path, key: key @ None }) = self.stack.last_mut() {
                    let key_path = join(path, &text);
                    self.mapped_bytes += key_path.len();
                    self.map.note_tag(tag, &key_path, true);
                    *key = Some((key_path, position));
                } else {
                    let (path, key) = self.next_node();
                    self.map.note_tag(tag, &path, false);
                    self.map.record(path, key, Some(position));
                    self.finish_node();
                }
            }
            Event::Alias(_) => {
                let (path, key) = self.next_node();
                self.map.record(path, key, Some(position));
                self.finish_node();
            }
            Event::MappingStart(_, tag) => {
                let (path, key) = self.next_node();
                self.map.note_tag(tag, &path, false);
                self.map.record(path.clone(), key, Some(position));
                self.stack.push(Frame::Mapping { path, key: None });
            }
            Event::SequenceStart(_, tag) => {
                let (path, key) = self.next_node();
                self.map.note_tag(tag, &path, false);
                self.map.record(path.clone(), key, Some(position));
                self.stack.push(Frame::Sequence { path, next_index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.finish_node();
            }
            _ => {}
        }
    }

    /// The map, with the keys whose values never came (the text stopped
    /// parsing after them).
    fn finish(mut self) -> SourceMap {
        for frame in self.stack {
            if let Frame::Mapping { key: Some((path, key)), .. } = frame {
                self.map.record(path, Some(key), None);
            }
        }
        self.map
    }

    /// Whether the next scalar is a mapping's key.
    fn expects_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Mapping { key: None, .. }))
    }

    /// The path of the next node: a value's own path, or for a key, the path
    /// of the mapping that holds it.
    fn next_path(&self) -> String {
        match self.stack.last() {
            None => String::new(),
            Some(Frame::Mapping { path, key: None }) => path.clone(),
            Some(Frame::Mapping { key: Some((path, _)), .. }) => path.clone(),
            Some(Frame::Sequence { path, next_index }) => format!("{path}[{next_index}]"),
        }
    }

    /// The path of a value node that starts now, and where its key stands.
    fn next_node(&mut self) -> (String, Option<Position>) {
        let pending = match self.stack.last_mut() {
            Some(Frame::Mapping { key, .. }) => key.take(),
            _ => None,
        };
        let (path, key) = match pending {
            Some((path, position)) => (path, Some(position)),
            None => (self.next_path(), None),
        };
        self.mapped_bytes += path.len();
        (path, key)
    }

    /// A node has ended: its parent moves on to the next key or item.
    fn finish_node(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Mapping { key, .. }) => *key = None,
            Some(Frame::Sequence { next_index, .. }) => *next_index += 1,
            None => {}
        }
    }
}

/// A tag in the short form it was most likely written in: the parser hands
/// it over with its handle already resolved (`!!` → `tag:yaml.org,2002:`).
fn as_written(tag: &Tag) -> String {
    match (tag.handle.as_str(), tag.suffix.as_str()) {
        ("tag:yaml.org,2002:", suffix) => format!("!!{suffix}"),
        ("!", suffix) => format!("!{suffix}"),
        ("", "!") => "!".to_owned(),
        (handle, suffix) => format!("!<{handle}{suffix}>"),
    }
}

/// Nodes and bytes of text, counted as a parser that expands aliases would
/// build them.
#[derive(Debug, Default, Clone, Copy)]
struct Size {
    nodes: usize,
    bytes: usize,
}

impl Size {
    fn plus(self, other: Size) -> Size {
        Size {
            nodes: self.nodes.saturating_add(other.nodes),
            bytes: self.bytes.saturating_add(other.bytes),
        }
    }

    fn minus(self, earlier: Size) -> Size {
        Size {
            nodes: self.nodes - earlier.nodes,
            bytes: self.bytes - earlier.bytes,
        }
    }
}

/// Counts what a parser that expands aliases would build: an alias costs as
/// much as the node its anchor names, itself counted with its aliases.
#[derive(Default)]
struct Expansion {
    total: Size,
    /// Anchor id and size so far at the start of every open collection.
    open: Vec<(usize, Size)>,
    /// Expanded size of every anchored node seen so far.
    anchored: HashMap<usize, Size>,
}

impl Expansion {
    /// Takes in one event; returns the expanded size so far.
    fn on_event(&mut self, event: &Event) -> Size {
        match event {
            Event::Scalar(text, _, anchor, _) => {
                let scalar = Size {
                    nodes: 1,
                    bytes: text.len(),
                };
                self.total = self.total.plus(scalar);
                if *anchor > 0 {
                    self.anchored.insert(*anchor, scalar);
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                self.open.push((*anchor, self.total));
                self.total = self.total.plus(Size { nodes: 1, bytes: 0 });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((anchor, start)) = self.open.pop().filter(|(anchor, _)| *anchor > 0) {
                    self.anchored.insert(anchor, self.total.minus(start));
                }
            }
            Event::Alias(anchor) => {
                let size = self
                    .anchored
                    .get(anchor)
                    .copied()
                    .unwrap_or(Size { nodes: 1, bytes: 0 });
                self.total = self.total.plus(size);
            }
            _ => {}
        }
        self.total
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "\
schema: 1
categories:
  - id: auth
    codes:
      - code: A
        status: 401
";

    #[test]
    fn finds_keys_and_values_by_path() {
        let map = SourceMap::new(SOURCE).unwrap();
        let at = |line, column| Some(Position { line, column });
        assert_eq!(map.key("schema"), at(1, 1));
        assert_eq!(map.value("schema"), at(1, 9));
        assert_eq!(map.value("categories[0]"), at(3, 7));
        assert_eq!(map.key("categories[0].codes[0].status"), at(6, 9));
        assert_eq!(map.value("categories[0].codes[0].status"), at(6, 17));
    }

    #[test]
    fn lines_are_found_by_number_as_str_lines_gives_them() {
        for text in ["", "a", "a\n", "a\r\nb\n\nc", "\n\n"] {
            let lines = Lines::new(text);
            let expected: Vec<&str> = text.lines().collect();
            let found: Vec<&str> = (1..).map_while(|number| lines.get(number)).collect();
            assert_eq!(found, expected, "{text:?}");
            assert_eq!(lines.get(0), None);
        }
    }

    #[test]
    fn a_missing_key_points_at_its_enclosing_mapping() {
        let map = SourceMap::new(SOURCE).unwrap();
        assert_eq!(
            map.key("categories[0].codes[0].message"),
            map.value("categories[0].codes[0]")
        );
    }

    #[test]
    fn text_that_is_not_yaml_maps_up_to_the_error() {
        let map = SourceMap::new("a: 1\nb: [c\n  - : :").unwrap();
        assert_eq!(map.value("a"), Some(Position { line: 1, column: 4 }));
    }

    #[test]
    fn deep_nesting_is_refused_where_it_passes_the_limit() {
        let deep = format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        let Err(Refused::TooDeep(position)) = SourceMap::new(&deep) else {
            panic!("not refused")
        };
        // Within the first few hundred brackets, not after reading all of them.
        assert_eq!(position.line, 1);
        assert!(position.column < 1_000, "{position:?}");
        let fine = format!("a: {}{}", "[".repeat(MAX_NESTING - 1), "]".repeat(MAX_NESTING - 1));
        assert!(SourceMap::new(&fine).is_ok());
    }

    #[test]
    fn long_keys_over_many_values_are_refused_before_their_paths_fill_memory() {
        // 31 nested keys of 1 KiB: every value below them has a 31 KiB path.
        let mut text = String::new();
        for depth in 0..31 {
            text += &format!(
                "{}? {}\n{}:\n",
                "  ".repeat(depth),
                "k".repeat(MAX_KEY_BYTES),
                "  ".repeat(depth)
            );
        }
        for index in 0..2_200 {
            text += &format!("{}v{index}: 1\n", "  ".repeat(31));
        }
        let Err(Refused::PathsTooLong(position)) = SourceMap::new(&text) else {
            panic!("140 MB of paths accepted")
        };
        assert!(position.line < 62 + 1_100, "{position:?}");
        let long_key = format!("? {}\n: 1\n", "k".repeat(MAX_KEY_BYTES + 1));
        let Err(Refused::TooLong { on_key: true, .. }) = SourceMap::new(&long_key) else {
            panic!("a key past the limit accepted")
        };
    }

    #[test]
    fn aliases_that_expand_too_far_are_refused_at_the_alias_that_crosses_the_limit() {
        let mut laughs = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (name, previous) in ["b", "c", "d", "e", "f", "g"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f"])
        {
            laughs += &format!("{name}: &{name} [{}]\n", vec![format!("*{previous}"); 10].join(", "));
        }
        let Err(Refused::TooManyAliases(position)) = SourceMap::new(&laughs) else {
            panic!("10^6 nodes accepted")
        };
        assert_eq!(position.line, 6);
        let shared = format!("a: &a {}\nb: [{}]\n", "x".repeat(60_000), vec!["*a"; 200].join(", "));
        let Err(Refused::AliasesTooLarge(position)) = SourceMap::new(&shared) else {
            panic!("12 MB of text accepted")
        };
        assert_eq!(position.line, 2);
        // Sharing a few values by alias stays fine.
        assert!(SourceMap::new("a: &note Retry later\nb: *note\nc: [*note, *note]\n").is_ok());
    }
}
