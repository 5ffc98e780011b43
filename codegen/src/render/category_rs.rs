//! `src/category.rs`: the `Category` enum, one variant per catalogue category.

use std::fmt::Write as _;

use quote::quote;

use super::rust::{format_file, has_deprecated};
use super::rust_text::{self, Expr, doc_lines, path, str_literal, struct_literal};
use super::text::{code_span, escape_markdown};
use crate::model::Model;

/// Renders `Category` with its id, title, prefix and codes. The enum and
/// its table, which grow with the catalogue, are written as text.
pub fn render_category_rs(model: &Model) -> String {
    let mut text = String::with_capacity(BYTES_PER_CODE * model.codes.len() + FIXED_BYTES);
    text.push_str(&format_file(quote! {
        use crate::ErrorCode;
    }));
    write_enum(&mut text, model);
    text.push_str(&format_file(quote! {
        /// One category of the catalogue.
        struct Entry {
            id: &'static str,
            title: &'static str,
            prefix: &'static str,
            codes: &'static [ErrorCode],
        }
    }));
    write_entries(&mut text, model);
    write_all(&mut text, model);
    text.push_str(&format_file(quote! {
        impl Category {
            /// Every category, in catalogue order.
            pub const ALL: &'static [Category] = ALL_CATEGORIES;

            const fn entry(self) -> &'static Entry {
                &ENTRIES[self as usize]
            }

            /// The category's id in the catalogue, e.g. `rate_limit`.
            pub const fn id(self) -> &'static str {
                self.entry().id
            }

            /// Title of the category's section in the docs.
            pub const fn title(self) -> &'static str {
                self.entry().title
            }

            /// The prefix every code of the category starts with; empty when
            /// the category groups its codes freely.
            pub const fn prefix(self) -> &'static str {
                self.entry().prefix
            }

            /// The category's codes, in catalogue order.
            pub const fn codes(self) -> &'static [ErrorCode] {
                self.entry().codes
            }
        }

        /// Writes the title, honouring width and alignment like `str` does.
        impl ::core::fmt::Display for Category {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad(self.title())
            }
        }
    }));
    text
}

/// About what one code takes (its line in its category's list), and the
/// rest, so that the text is allocated once.
const BYTES_PER_CODE: usize = 64;
const FIXED_BYTES: usize = 4 * 1024;

/// The `Category` enum with every category's doc comment.
fn write_enum(text: &mut String, model: &Model) {
    let api = escape_markdown(&model.api_name);
    doc_lines(
        text,
        0,
        &[format!(
            "The categories of {api} error codes. `#[non_exhaustive]`: a catalogue may gain categories."
        )],
    );
    text.push_str(
        "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]\n#[non_exhaustive]\npub enum Category {\n",
    );
    for category in &model.categories {
        let mut paragraphs = vec![escape_markdown(&category.title)];
        if !category.prefix.is_empty() {
            paragraphs.push(format!("Codes starting with {}.", code_span(&category.prefix)));
        }
        doc_lines(text, 1, &paragraphs);
        let _ = writeln!(text, "    {},", category.variant);
    }
    text.push_str("}\n");
}

/// `ENTRIES`, the categories, indexed by `Category as usize`.
fn write_entries(text: &mut String, model: &Model) {
    text.push_str("/// The categories, indexed by `Category as usize`.\n");
    rust_text::allow_deprecated(text, 0, has_deprecated(model));
    let _ = writeln!(text, "const ENTRIES: &[Entry; {}] = &[", model.categories.len());
    for category in &model.categories {
        let codes = model
            .codes_of(category)
            .iter()
            .map(|code| Expr::Flat(path("ErrorCode", &code.variant)))
            .collect();
        let fields = [
            ("id", Expr::Flat(str_literal(&category.id))),
            ("title", Expr::Flat(str_literal(&category.title))),
            ("prefix", Expr::Flat(str_literal(&category.prefix))),
            ("codes", Expr::array("&", codes)),
        ];
        struct_literal(text, 1, "Entry", &fields);
    }
    text.push_str("];\n");
}

/// `ALL_CATEGORIES`, every category in catalogue order, which `Category::ALL` is.
fn write_all(text: &mut String, model: &Model) {
    text.push_str("/// Every category, in catalogue order.\n");
    let categories = model
        .categories
        .iter()
        .map(|category| Expr::Flat(path("Category", &category.variant)))
        .collect();
    let head = format!("const ALL_CATEGORIES: &[Category; {}] = &", model.categories.len());
    Expr::array("", categories).write(text, 0, &head, ";", 1);
}
