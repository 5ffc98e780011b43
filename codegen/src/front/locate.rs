//! Where each key and value of a catalogue stands in its source text.
//!
//! serde gives typed values but forgets positions; a second, event-level parse of
//! the same text maps every key path (`categories[0].codes[2].retry`) to its line
//! and column, so semantic errors can point at the exact spot.

use std::cell::OnceCell;
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
///
/// Mapping records each node once, by its parent and its name, without
/// spelling out its path: only a catalogue with problems to place needs
/// the paths, and spelling out all of them took more time than either YAML
/// parse. The index by path is built at the first lookup.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    /// Every node, in file order: a parent before its children.
    nodes: Vec<Node>,
    /// Each distinct key once: a catalogue repeats a dozen keys thousands
    /// of times, and keeping every copy until the end cost more to free
    /// than to intern.
    key_names: Vec<String>,
    /// Where each path's key and value stand, built from `nodes` when first asked.
    by_path: OnceCell<HashMap<String, Spot>>,
    tagged: Vec<Tagged>,
}

/// One key or value of the document.
#[derive(Debug, Clone)]
struct Node {
    /// Index of the collection that holds it; none for the root.
    parent: Option<usize>,
    /// How its parent names it.
    name: Name,
    spot: Spot,
}

/// How a node is named in its parent.
#[derive(Debug, Clone)]
enum Name {
    /// The root, or a complex (`? …`) key's own nodes, named by their parent's path.
    Parent,
    /// A mapping's key, by its index in `key_names`.
    Key(usize),
    /// A sequence's item.
    Item(usize),
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
        Ok(walker.map)
    }

    /// The keys of every mapping, with their positions, in file order by
    /// mapping: the mapping's path is spelled out once for all its keys.
    pub fn keys_by_mapping(&self) -> Vec<(String, Vec<(&str, Position)>)> {
        let mut mappings: Vec<(usize, Vec<(&str, Position)>)> = Vec::new();
        // Where each mapping's keys go in `mappings`, by node index.
        let mut slot: HashMap<usize, usize> = HashMap::new();
        for node in &self.nodes {
            if let (Some(parent), Name::Key(key), Some(position)) = (node.parent, &node.name, node.spot.key) {
                let at = *slot.entry(parent).or_insert_with(|| {
                    mappings.push((parent, Vec::new()));
                    mappings.len() - 1
                });
                mappings[at].1.push((self.key_names[*key].as_str(), position));
            }
        }
        mappings
            .into_iter()
            .map(|(mapping, keys)| (self.path_of(mapping), keys))
            .collect()
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

    fn find(&self, path: &str, at: impl Fn(&Spot) -> Option<Position>) -> Option<Position> {
        let by_path = self.by_path.get_or_init(|| self.index());
        let mut path = path;
        loop {
            if let Some(position) = by_path.get(path).and_then(&at) {
                return Some(position);
            }
            path = parent(path)?;
        }
    }

    /// Every node by its path. Nodes sharing a path (a duplicate key) share
    /// an entry: the later key's position, the first value's.
    fn index(&self) -> HashMap<String, Spot> {
        let mut paths: Vec<String> = Vec::with_capacity(self.nodes.len());
        let mut by_path: HashMap<String, Spot> = HashMap::with_capacity(self.nodes.len());
        for node in &self.nodes {
            let parent = node.parent.map_or("", |parent| paths[parent].as_str());
            let path = self.named(parent, &node.name);
            let spot = by_path.entry(path.clone()).or_default();
            spot.key = node.spot.key.or(spot.key);
            spot.value = spot.value.or(node.spot.value);
            paths.push(path);
        }
        by_path
    }

    /// The path of the node at `index`, spelled out.
    fn path_of(&self, index: usize) -> String {
        let chain: Vec<usize> = std::iter::successors(Some(index), |&node| self.nodes[node].parent).collect();
        chain
            .iter()
            .rev()
            .fold(String::new(), |path, &node| self.named(&path, &self.nodes[node].name))
    }

    /// The path of a node `name`d so in the collection at `parent`.
    fn named(&self, parent: &str, name: &Name) -> String {
        match name {
            Name::Parent => parent.to_owned(),
            Name::Key(key) => join(parent, &self.key_names[*key]),
            Name::Item(index) => format!("{parent}[{index}]"),
        }
    }

    fn note_tag(&mut self, tag: Option<Tag>, node: usize, on_key: bool) {
        if let Some(tag) = tag {
            self.tagged.push(Tagged {
                path: self.path_of(node),
                on_key,
                tag: as_written(&tag),
            });
        }
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

/// A collection being walked: its node, the length of its path, and the
/// node of the key whose value comes next (a mapping) or the next item's
/// index (a sequence).
enum Frame {
    Mapping {
        node: usize,
        path_len: usize,
        /// The pending key's node and the length of its path.
        key: Option<(usize, usize)>,
    },
    Sequence {
        node: usize,
        path_len: usize,
        next_index: usize,
    },
}

#[derive(Default)]
struct Walker {
    stack: Vec<Frame>,
    map: SourceMap,
    /// The index of each key in `map.key_names`.
    interned: HashMap<String, usize>,
    /// Bytes of the path of every key and value recorded so far, as the
    /// index by path would hold them.
    mapped_bytes: usize,
}

impl Walker {
    fn on_event(&mut self, event: Event, position: Position) {
        match event {
            Event::Scalar(text, _, _, tag) => {
                if let Some(&Frame::Mapping {
                    node: mapping,
                    path_len,
                    key: None,
                }) = self.stack.last()
                {
                    let key_len = match path_len {
                        0 => text.len(),
                        _ => path_len + ".".len() + text.len(),
                    };
                    self.mapped_bytes += key_len;
                    let name = Name::Key(self.intern(text));
                    let key = self.push(Node {
                        parent: Some(mapping),
                        name,
                        spot: Spot {
                            key: Some(position),
                            value: None,
                        },
                    });
                    self.map.note_tag(tag, key, true);
                    if let Some(Frame::Mapping { key: pending, .. }) = self.stack.last_mut() {
                        *pending = Some((key, key_len));
                    }
                } else {
                    let (node, _) = self.value_node(position);
                    self.map.note_tag(tag, node, false);
                    self.finish_node();
                }
            }
            Event::Alias(_) => {
                self.value_node(position);
                self.finish_node();
            }
            Event::MappingStart(_, tag) => {
                let (node, path_len) = self.value_node(position);
                self.map.note_tag(tag, node, false);
                self.stack.push(Frame::Mapping {
                    node,
                    path_len,
                    key: None,
                });
            }
            Event::SequenceStart(_, tag) => {
                let (node, path_len) = self.value_node(position);
                self.map.note_tag(tag, node, false);
                self.stack.push(Frame::Sequence {
                    node,
                    path_len,
                    next_index: 0,
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.finish_node();
            }
            _ => {}
        }
    }

    fn intern(&mut self, key: String) -> usize {
        if let Some(&index) = self.interned.get(&key) {
            return index;
        }
        let index = self.map.key_names.len();
        self.map.key_names.push(key.clone());
        self.interned.insert(key, index);
        index
    }

    fn push(&mut self, node: Node) -> usize {
        self.map.nodes.push(node);
        self.map.nodes.len() - 1
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
            Some(Frame::Mapping { node, key: None, .. }) => self.map.path_of(*node),
            Some(Frame::Mapping {
                key: Some((key, _)), ..
            }) => self.map.path_of(*key),
            Some(Frame::Sequence { node, next_index, .. }) => {
                self.map.named(&self.map.path_of(*node), &Name::Item(*next_index))
            }
        }
    }

    /// Records a value node that starts here: the value of the pending key
    /// (which shares the key's node and path), the next item of a sequence,
    /// or the root. Returns the node and the length of its path.
    fn value_node(&mut self, position: Position) -> (usize, usize) {
        let (parent, name, path_len) = match self.stack.last_mut() {
            None => (None, Name::Parent, 0),
            Some(Frame::Mapping { key, node, path_len }) => match key.take() {
                Some((key, path_len)) => {
                    let spot = &mut self.map.nodes[key].spot;
                    spot.value = spot.value.or(Some(position));
                    self.mapped_bytes += path_len;
                    return (key, path_len);
                }
                // A complex key's nodes, named by the mapping.
                None => (Some(*node), Name::Parent, *path_len),
            },
            Some(Frame::Sequence {
                node,
                path_len,
                next_index,
            }) => (
                Some(*node),
                Name::Item(*next_index),
                *path_len + "[]".len() + next_index.checked_ilog10().unwrap_or(0) as usize + 1,
            ),
        };
        self.mapped_bytes += path_len;
        let node = self.push(Node {
            parent,
            name,
            spot: Spot {
                key: None,
                value: Some(position),
            },
        });
        (node, path_len)
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

/// The path of `key` in the mapping at `path`.
pub(crate) fn join(path: &str, key: &str) -> String {
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
    fn a_repeated_key_is_placed_at_its_last_spelling_with_its_first_value() {
        let map = SourceMap::new("a: 1\nb: [x, y]\na: 2\n").unwrap();
        assert_eq!(map.key("a"), Some(Position { line: 3, column: 1 }));
        assert_eq!(map.value("a"), Some(Position { line: 1, column: 4 }));
        assert_eq!(map.value("b[1]"), Some(Position { line: 2, column: 8 }));
        assert_eq!(map.value("b[2]"), map.value("b"));
    }

    #[test]
    fn a_key_whose_value_does_not_parse_is_still_placed() {
        let map = SourceMap::new("a: 1\nb: [c\n").unwrap();
        assert_eq!(map.key("b"), Some(Position { line: 2, column: 1 }));
        assert_eq!(map.value("b.c"), map.value("b"));
    }

    #[test]
    fn keys_are_grouped_by_the_mapping_that_holds_them() {
        let map = SourceMap::new(SOURCE).unwrap();
        let found = map.keys_by_mapping();
        let names: Vec<(&str, Vec<&str>)> = found
            .iter()
            .map(|(mapping, keys)| (mapping.as_str(), keys.iter().map(|(key, _)| *key).collect()))
            .collect();
        assert_eq!(
            names,
            [
                ("", vec!["schema", "categories"]),
                ("categories[0]", vec!["id", "codes"]),
                ("categories[0].codes[0]", vec!["code", "status"]),
            ]
        );
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
