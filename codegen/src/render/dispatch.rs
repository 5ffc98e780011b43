//! String → code lookup decided at generation time: a decision tree that
//! switches on the length, then on the bytes that best tell the remaining codes
//! apart, down to one candidate that a single comparison confirms. Each switch
//! is a `match` on an integer, which rustc turns into a jump table, so a lookup
//! costs a few byte loads and one `memcmp` whatever the catalogue's size —
//! unlike a `match` on strings, which compares against every code of the same
//! length in turn.

use proc_macro2::TokenStream;
use quote::quote;

/// The tree for one set of distinct strings; leaves hold indexes into it.
#[derive(Debug)]
pub struct DecisionTree {
    root: Node,
}

#[derive(Debug)]
enum Node {
    /// Only this string can match; the caller compares it once.
    Leaf(usize),
    /// Switch on the input's length.
    Length(Vec<(usize, Node)>),
    /// Switch on the byte at `position` (always below the length switched on).
    Byte { position: usize, arms: Vec<(u8, Node)> },
}

impl DecisionTree {
    /// Builds the tree that tells `strings` apart; they must be distinct.
    pub fn build(strings: &[&str]) -> DecisionTree {
        let mut by_length: Vec<(usize, Vec<usize>)> = Vec::new();
        for (index, string) in strings.iter().enumerate() {
            match by_length.iter_mut().find(|(length, _)| *length == string.len()) {
                Some((_, group)) => group.push(index),
                None => by_length.push((string.len(), vec![index])),
            }
        }
        by_length.sort();
        let arms = by_length
            .into_iter()
            .map(|(length, group)| (length, split(strings, group)))
            .collect();
        DecisionTree {
            root: Node::Length(arms),
        }
    }

    /// The most switches a lookup goes through, the length switch included:
    /// the bound that makes a lookup O(1) in the catalogue's size.
    pub fn depth(&self) -> usize {
        fn depth(node: &Node) -> usize {
            match node {
                Node::Leaf(_) => 0,
                Node::Length(arms) => 1 + arms.iter().map(|(_, n)| depth(n)).max().unwrap_or(0),
                Node::Byte { arms, .. } => 1 + arms.iter().map(|(_, n)| depth(n)).max().unwrap_or(0),
            }
        }
        depth(&self.root)
    }

    /// The only candidate `input` can be, by walking the tree as the generated
    /// code does (the caller still compares it).
    pub fn candidate(&self, input: &[u8]) -> Option<usize> {
        let mut node = &self.root;
        loop {
            node = match node {
                Node::Leaf(index) => return Some(*index),
                Node::Length(arms) => &arms.iter().find(|(length, _)| *length == input.len())?.1,
                Node::Byte { position, arms } => &arms.iter().find(|(byte, _)| *byte == input[*position])?.1,
            };
        }
    }

    /// An expression over `bytes: &[u8]` that evaluates to the candidate
    /// (`leaf(index)`) or returns `None` from the enclosing function.
    pub fn to_tokens(&self, leaf: &dyn Fn(usize) -> TokenStream) -> TokenStream {
        node_tokens(&self.root, leaf)
    }
}

fn node_tokens(node: &Node, leaf: &dyn Fn(usize) -> TokenStream) -> TokenStream {
    match node {
        Node::Leaf(index) => leaf(*index),
        Node::Length(arms) => {
            let arms = arms.iter().map(|(length, node)| {
                let length = proc_macro2::Literal::usize_unsuffixed(*length);
                let node = node_tokens(node, leaf);
                quote! { #length => #node, }
            });
            quote! { match bytes.len() { #(#arms)* _ => return ::core::option::Option::None, } }
        }
        Node::Byte { position, arms } => {
            let position = proc_macro2::Literal::usize_unsuffixed(*position);
            let arms = arms.iter().map(|(byte, node)| {
                let byte = if byte.is_ascii_graphic() {
                    proc_macro2::Literal::byte_character(*byte)
                } else {
                    proc_macro2::Literal::u8_suffixed(*byte)
                };
                let node = node_tokens(node, leaf);
                quote! { #byte => #node, }
            });
            quote! { match bytes[#position] { #(#arms)* _ => return ::core::option::Option::None, } }
        }
    }
}

/// The subtree for `group`, strings of one length: switch on the position
/// whose byte splits them best, until one string is left.
fn split(strings: &[&str], group: Vec<usize>) -> Node {
    if let [only] = group[..] {
        return Node::Leaf(only);
    }
    let length = strings[group[0]].len();
    let arms_at = |position: usize| -> Vec<(u8, Vec<usize>)> {
        let mut arms: Vec<(u8, Vec<usize>)> = Vec::new();
        for &index in &group {
            let byte = strings[index].as_bytes()[position];
            match arms.iter_mut().find(|(b, _)| *b == byte) {
                Some((_, members)) => members.push(index),
                None => arms.push((byte, vec![index])),
            }
        }
        arms
    };
    let best = (0..length)
        .map(|position| (position, arms_at(position)))
        // Fewest candidates left on average (sum of squared arm sizes), the
        // earliest position on a tie.
        .min_by_key(|(position, arms)| {
            let spread: usize = arms.iter().map(|(_, members)| members.len() * members.len()).sum();
            (spread, *position)
        });
    // Distinct strings of one length differ somewhere, so the best position
    // has at least two arms and every arm is smaller than `group`.
    let Some((position, mut arms)) = best else {
        return Node::Leaf(group[0]);
    };
    arms.sort();
    Node::Byte {
        position,
        arms: arms
            .into_iter()
            .map(|(byte, members)| (byte, split(strings, members)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn synthetic_codes(count: usize) -> Vec<String> {
        let text = crate::commands::synth::synthetic_catalogue(count);
        let model = crate::parse_spec(&text, "synth.yaml").unwrap().model;
        model.codes.into_iter().map(|code| code.code).collect()
    }

    #[test]
    fn every_string_leads_to_itself_and_others_to_some_candidate_or_none() {
        let codes = synthetic_codes(2_000);
        let strings: Vec<&str> = codes.iter().map(String::as_str).collect();
        let tree = DecisionTree::build(&strings);
        for (index, code) in strings.iter().enumerate() {
            assert_eq!(tree.candidate(code.as_bytes()), Some(index), "{code}");
        }
        for miss in ["", "AREA0", "area0_found_2", "AREA0_FOUND_2X", "ZZZZZZZZZZZZZZZZZZZZ"] {
            if let Some(index) = tree.candidate(miss.as_bytes()) {
                assert_ne!(strings[index], miss);
            }
        }
    }

    #[test]
    fn codes_in_any_style_and_integers_lead_to_themselves() {
        let codes = [
            "slow_down",
            "auth.unauthorized",
            "card-declined",
            "Card-Declined",
            "NoSuchKey",
            "-32700",
            "-32601",
            "404",
        ];
        let tree = DecisionTree::build(&codes);
        for (index, code) in codes.iter().enumerate() {
            assert_eq!(tree.candidate(code.as_bytes()), Some(index), "{code}");
        }
        if let Some(index) = tree.candidate(b"-32602") {
            assert_ne!(codes[index], "-32602");
        }
    }

    #[test]
    fn lookups_stay_shallow_however_large_the_catalogue() {
        for (count, bound) in [(22, 3), (2_000, 5), (10_000, 6)] {
            let codes = synthetic_codes(count);
            let strings: Vec<&str> = codes.iter().map(String::as_str).collect();
            let depth = DecisionTree::build(&strings).depth();
            assert!(depth <= bound, "{count} codes: depth {depth} > {bound}");
        }
    }

    #[test]
    fn the_generated_match_parses_as_an_expression() {
        let tree = DecisionTree::build(&["AB", "AC", "XYZ"]);
        let tokens = tree.to_tokens(&|index| {
            let index = proc_macro2::Literal::usize_unsuffixed(index);
            quote! { #index }
        });
        let expression: syn::Expr = syn::parse2(tokens).unwrap();
        let text = quote! { #expression }.to_string();
        assert!(text.starts_with("match bytes . len ()"), "{text}");
    }
}
