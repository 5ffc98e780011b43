//! The generated crate as ONE Rust source file, to `include!` inside a module
//! of someone else's crate (the build.rs and macro front doors).
//!
//! A crate's root cannot simply be pasted into a module: its `mod x;` lines
//! name files, its `crate::` paths name the crate's root, its inner attributes
//! (`#![deny(missing_docs)]`) are not allowed in an included file, its
//! `#[cfg(feature = …)]` gates would test the *user's* features and its
//! `#[cfg(test)]` items would run among the user's tests. So the files are
//! parsed with syn and rewritten: every `mod x;` becomes `mod x { … }`, every
//! `crate::` becomes as many `super::` as the module is deep (or `self::` at
//! the top), the root's inner attributes go, and every `cfg` that tests
//! `feature` or `test` is decided now: kept items lose the gate, the others go.

use proc_macro2::{Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{Attribute, Expr, ImplItem, Item, Meta, Stmt, Token, TraitItem};

use errcat_runtime::sources::FEATURES;

use crate::write::OutputFile;

/// The crate in `files` (its `src/lib.rs` and every file it declares) as one
/// file's items, printed with prettyplease, for the Cargo features `features`.
///
/// # Panics
///
/// On a generator bug only: a rendered file that does not parse, or a `mod x;`
/// whose file the generator did not render.
pub fn module_file(files: &[OutputFile], features: &[&str]) -> String {
    let rules = CfgRules { features };
    let mut root = parse(files, "src/lib.rs");
    // Not allowed in an included file; `missing_docs` and `unsafe_code` are the
    // including crate's business.
    root.attrs.clear();
    inline_modules(&mut root.items, "src/", files, &rules);
    let mut rewriter = Rewriter { rules, depth: 0 };
    rewriter.visit_file_mut(&mut root);
    // The including crate uses part of the API: the rest is not its dead code.
    for item in &mut root.items {
        if let Some(attrs) = item_attrs(item) {
            attrs.insert(0, syn::parse_quote!(#[allow(dead_code, unused_imports)]));
        }
    }
    prettyplease::unparse(&root)
}

/// `chosen` and every feature they imply (`axum` turns on `serde` and
/// `http`, as in the generated crate's `Cargo.toml`), or the first name that
/// is not a feature of the generated crate.
pub(crate) fn with_implied<'a>(chosen: &'a [&'a str]) -> Result<Vec<&'static str>, &'a str> {
    let mut enabled: Vec<&'static str> = Vec::new();
    let mut pending: Vec<&'a str> = chosen.to_vec();
    while let Some(name) = pending.pop() {
        let feature = FEATURES.iter().find(|feature| feature.name == name).ok_or(name)?;
        if !enabled.contains(&feature.name) {
            enabled.push(feature.name);
            pending.extend(feature.implies);
        }
    }
    Ok(enabled)
}

fn parse(files: &[OutputFile], path: &str) -> syn::File {
    let file = files
        .iter()
        .find(|file| file.path == path)
        .unwrap_or_else(|| panic!("generator bug: the generated crate declares {path}, which was not rendered"));
    syn::parse_file(&file.contents).unwrap_or_else(|err| panic!("generator bug: {path} does not parse: {err}"))
}

/// Replaces every `mod x;` in `items` (declared in a module whose child files
/// live in the folder `dir`) by `mod x { … }` holding `dir/x.rs`'s items,
/// recursively; modules gated off are dropped before their file is read.
fn inline_modules(items: &mut Vec<Item>, dir: &str, files: &[OutputFile], rules: &CfgRules) {
    items.retain(|item| !matches!(item, Item::Mod(module) if rules.is_off(&module.attrs)));
    for item in items {
        let Item::Mod(module) = item else { continue };
        let child_dir = format!("{dir}{}/", module.ident);
        if module.content.is_none() {
            let file = parse(files, &format!("{dir}{}.rs", module.ident));
            // The file's `//!` docs and `#![…]` attributes stay the module's own.
            module.attrs.extend(file.attrs);
            module.content = Some((Default::default(), file.items));
            module.semi = None;
        }
        if let Some((_, items)) = &mut module.content {
            inline_modules(items, &child_dir, files, rules);
        }
    }
}

/// Decides `cfg` predicates at generation time: `feature = "x"` is on when `x`
/// is among the chosen features, `test` is off (the runtime's tests are not
/// the user's), anything else (`unix`, `debug_assertions`) is left to the
/// user's compiler.
struct CfgRules<'a> {
    features: &'a [&'a str],
}

impl CfgRules<'_> {
    /// `Some(on)` when `predicate` is decided now, `None` when it is left as is.
    fn decide(&self, predicate: &Meta) -> Option<bool> {
        match predicate {
            Meta::Path(path) if path.is_ident("test") => Some(false),
            Meta::NameValue(pair) if pair.path.is_ident("feature") => match &pair.value {
                Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(name),
                    ..
                }) => Some(self.features.contains(&name.value().as_str())),
                _ => None,
            },
            Meta::List(list) if list.path.is_ident("not") => {
                self.decide(&list.parse_args::<Meta>().ok()?).map(|on| !on)
            }
            Meta::List(list) if list.path.is_ident("all") || list.path.is_ident("any") => {
                let all = list.path.is_ident("all");
                let parts = list
                    .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
                    .ok()?;
                let decided: Vec<Option<bool>> = parts.iter().map(|part| self.decide(part)).collect();
                // `all` is off as soon as one part is off, `any` on as soon as one is on.
                if decided.contains(&Some(!all)) {
                    Some(!all)
                } else if decided.iter().all(Option::is_some) {
                    Some(all)
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// Whether `attr` is a `cfg` decided off.
    fn is_off_attr(&self, attr: &Attribute) -> bool {
        cfg_predicate(attr).is_some_and(|predicate| self.decide(&predicate) == Some(false))
    }

    /// Whether an item with the attributes `attrs` is gated off.
    fn is_off(&self, attrs: &[Attribute]) -> bool {
        attrs.iter().any(|attr| self.is_off_attr(attr))
    }

    /// [`is_off`](Self::is_off) for a node that may have no attributes.
    fn is_off_opt(&self, attrs: Option<&mut Vec<Attribute>>) -> bool {
        attrs.is_some_and(|attrs| self.is_off(attrs))
    }

    /// `attrs` with every decided `cfg_attr` applied (its attributes kept when
    /// on, dropped when off) and every `cfg` decided on removed. A `cfg`
    /// decided off in a place [`Rewriter`] does not remove whole becomes
    /// `cfg(any())`, which is always off, so the user's features never count.
    fn resolve(&self, attrs: &mut Vec<Attribute>) {
        let mut resolved = Vec::with_capacity(attrs.len());
        let mut pending: Vec<Attribute> = std::mem::take(attrs);
        pending.reverse();
        while let Some(attr) = pending.pop() {
            if attr.path().is_ident("cfg_attr") {
                let Ok(parts) = attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) else {
                    resolved.push(attr);
                    continue;
                };
                let mut parts = parts.into_iter();
                let decided = parts.next().and_then(|predicate| self.decide(&predicate));
                match decided {
                    // The attributes it adds may be gates too: resolve them in turn.
                    Some(true) => pending.extend(parts.rev().map(|meta| Attribute { meta, ..attr.clone() })),
                    Some(false) => {}
                    None => resolved.push(attr),
                }
            } else if let Some(predicate) = cfg_predicate(&attr) {
                match self.decide(&predicate) {
                    Some(true) => {}
                    Some(false) => resolved.push(syn::parse_quote!(#[cfg(any())])),
                    None => resolved.push(attr),
                }
            } else {
                resolved.push(attr);
            }
        }
        *attrs = resolved;
    }
}

/// The predicate of a `#[cfg(…)]` attribute.
fn cfg_predicate(attr: &Attribute) -> Option<Meta> {
    match &attr.meta {
        Meta::List(list) if list.path.is_ident("cfg") => list.parse_args::<Meta>().ok(),
        _ => None,
    }
}

/// The attributes of `item`, `None` for an item syn keeps as tokens.
fn item_attrs(item: &mut Item) -> Option<&mut Vec<Attribute>> {
    match item {
        Item::Const(item) => Some(&mut item.attrs),
        Item::Enum(item) => Some(&mut item.attrs),
        Item::ExternCrate(item) => Some(&mut item.attrs),
        Item::Fn(item) => Some(&mut item.attrs),
        Item::ForeignMod(item) => Some(&mut item.attrs),
        Item::Impl(item) => Some(&mut item.attrs),
        Item::Macro(item) => Some(&mut item.attrs),
        Item::Mod(item) => Some(&mut item.attrs),
        Item::Static(item) => Some(&mut item.attrs),
        Item::Struct(item) => Some(&mut item.attrs),
        Item::Trait(item) => Some(&mut item.attrs),
        Item::TraitAlias(item) => Some(&mut item.attrs),
        Item::Type(item) => Some(&mut item.attrs),
        Item::Union(item) => Some(&mut item.attrs),
        Item::Use(item) => Some(&mut item.attrs),
        _ => None,
    }
}

fn impl_item_attrs(item: &ImplItem) -> &[Attribute] {
    match item {
        ImplItem::Const(item) => &item.attrs,
        ImplItem::Fn(item) => &item.attrs,
        ImplItem::Type(item) => &item.attrs,
        ImplItem::Macro(item) => &item.attrs,
        _ => &[],
    }
}

fn trait_item_attrs(item: &TraitItem) -> &[Attribute] {
    match item {
        TraitItem::Const(item) => &item.attrs,
        TraitItem::Fn(item) => &item.attrs,
        TraitItem::Type(item) => &item.attrs,
        TraitItem::Macro(item) => &item.attrs,
        _ => &[],
    }
}

/// The attributes of the statement forms a gate is put on (`let`, an item, a
/// call or macro statement); other statements keep an off gate as `cfg(any())`.
fn stmt_attrs(stmt: &mut Stmt) -> Option<&mut Vec<Attribute>> {
    match stmt {
        Stmt::Local(local) => Some(&mut local.attrs),
        Stmt::Item(item) => item_attrs(item),
        Stmt::Macro(mac) => Some(&mut mac.attrs),
        Stmt::Expr(Expr::Call(call), _) => Some(&mut call.attrs),
        Stmt::Expr(Expr::MethodCall(call), _) => Some(&mut call.attrs),
        Stmt::Expr(Expr::Macro(mac), _) => Some(&mut mac.attrs),
        Stmt::Expr(Expr::Block(block), _) => Some(&mut block.attrs),
        _ => None,
    }
}

/// Rewrites the inlined crate in place: gates decided, paths made relative.
struct Rewriter<'a> {
    rules: CfgRules<'a>,
    /// How many modules deep the visit is, below the module the file is
    /// included in.
    depth: usize,
}

impl Rewriter<'_> {
    /// What `crate` becomes here: `self` at the top, else one `super` per level.
    fn root_segments(&self) -> Vec<&'static str> {
        match self.depth {
            0 => vec!["self"],
            depth => vec!["super"; depth],
        }
    }

    /// `tokens` with every `crate::` (not `$crate::`) made relative.
    fn rewrite_tokens(&self, tokens: TokenStream) -> TokenStream {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = Vec::with_capacity(trees.len());
        for (at, tree) in trees.iter().enumerate() {
            match tree {
                TokenTree::Ident(ident) if ident == "crate" && is_path_start(&trees, at) => {
                    for (index, segment) in self.root_segments().into_iter().enumerate() {
                        if index > 0 {
                            out.push(TokenTree::Punct(Punct::new(':', Spacing::Joint)));
                            out.push(TokenTree::Punct(Punct::new(':', Spacing::Alone)));
                        }
                        out.push(TokenTree::Ident(Ident::new(segment, ident.span())));
                    }
                }
                TokenTree::Group(group) => {
                    let mut rewritten = Group::new(group.delimiter(), self.rewrite_tokens(group.stream()));
                    rewritten.set_span(group.span());
                    out.push(TokenTree::Group(rewritten));
                }
                other => out.push(other.clone()),
            }
        }
        out.into_iter().collect()
    }

    /// `text` (a doc comment) with its intra-doc links' `crate::` made relative.
    fn rewrite_doc(&self, text: &str) -> String {
        let root = self.root_segments().join("::");
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find("crate::") {
            let before = rest[..at].chars().next_back();
            let starts_path = !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == ':');
            out.push_str(&rest[..at]);
            out.push_str(if starts_path { &root } else { "crate" });
            rest = &rest[at + "crate".len()..];
        }
        out.push_str(rest);
        out
    }
}

/// Whether the `crate` at `trees[at]` opens a path: followed by `::` and not
/// a macro's `$crate`.
fn is_path_start(trees: &[TokenTree], at: usize) -> bool {
    let after_dollar = at > 0 && matches!(&trees[at - 1], TokenTree::Punct(p) if p.as_char() == '$');
    let colon = |offset: usize| matches!(trees.get(at + offset), Some(TokenTree::Punct(p)) if p.as_char() == ':');
    !after_dollar && colon(1) && colon(2)
}

impl VisitMut for Rewriter<'_> {
    fn visit_attributes_mut(&mut self, attrs: &mut Vec<Attribute>) {
        self.rules.resolve(attrs);
        for attr in attrs {
            self.visit_attribute_mut(attr);
        }
    }

    fn visit_attribute_mut(&mut self, attr: &mut Attribute) {
        if let Meta::NameValue(pair) = &mut attr.meta
            && pair.path.is_ident("doc")
            && let Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) = &mut pair.value
        {
            let rewritten = self.rewrite_doc(&text.value());
            *text = syn::LitStr::new(&rewritten, text.span());
        }
        visit_mut::visit_attribute_mut(self, attr);
    }

    fn visit_file_mut(&mut self, file: &mut syn::File) {
        file.items.retain_mut(|item| !self.rules.is_off_opt(item_attrs(item)));
        visit_mut::visit_file_mut(self, file);
    }

    fn visit_item_mod_mut(&mut self, module: &mut syn::ItemMod) {
        if let Some((_, items)) = &mut module.content {
            items.retain_mut(|item| !self.rules.is_off_opt(item_attrs(item)));
        }
        self.depth += 1;
        visit_mut::visit_item_mod_mut(self, module);
        self.depth -= 1;
    }

    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        item.items.retain(|item| !self.rules.is_off(impl_item_attrs(item)));
        visit_mut::visit_item_impl_mut(self, item);
    }

    fn visit_item_trait_mut(&mut self, item: &mut syn::ItemTrait) {
        item.items.retain(|item| !self.rules.is_off(trait_item_attrs(item)));
        visit_mut::visit_item_trait_mut(self, item);
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        block.stmts.retain_mut(|stmt| !self.rules.is_off_opt(stmt_attrs(stmt)));
        visit_mut::visit_block_mut(self, block);
    }

    fn visit_fields_named_mut(&mut self, fields: &mut syn::FieldsNamed) {
        fields.named = std::mem::take(&mut fields.named)
            .into_iter()
            .filter(|field| !self.rules.is_off(&field.attrs))
            .collect();
        visit_mut::visit_fields_named_mut(self, fields);
    }

    fn visit_item_enum_mut(&mut self, item: &mut syn::ItemEnum) {
        item.variants = std::mem::take(&mut item.variants)
            .into_iter()
            .filter(|variant| !self.rules.is_off(&variant.attrs))
            .collect();
        visit_mut::visit_item_enum_mut(self, item);
    }

    fn visit_expr_match_mut(&mut self, expr: &mut syn::ExprMatch) {
        expr.arms.retain(|arm| !self.rules.is_off(&arm.attrs));
        visit_mut::visit_expr_match_mut(self, expr);
    }

    fn visit_expr_struct_mut(&mut self, expr: &mut syn::ExprStruct) {
        expr.fields = std::mem::take(&mut expr.fields)
            .into_iter()
            .filter(|field| !self.rules.is_off(&field.attrs))
            .collect();
        visit_mut::visit_expr_struct_mut(self, expr);
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        // `cfg!(feature = "x")` would test the user's features: decide it now.
        if let Expr::Macro(mac) = expr
            && mac.mac.path.is_ident("cfg")
            && let Ok(predicate) = mac.mac.parse_body::<Meta>()
            && let Some(on) = self.rules.decide(&predicate)
        {
            let attrs = std::mem::take(&mut mac.attrs);
            *expr = Expr::Lit(syn::ExprLit {
                attrs,
                lit: syn::Lit::Bool(syn::LitBool::new(on, Span::call_site())),
            });
        }
        visit_mut::visit_expr_mut(self, expr);
    }

    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        let opens_with_crate = path.leading_colon.is_none()
            && path.segments.len() > 1
            && path.segments.first().is_some_and(|segment| segment.ident == "crate");
        if opens_with_crate {
            let span = path.segments[0].ident.span();
            let rest: Vec<syn::PathSegment> = std::mem::take(&mut path.segments).into_iter().skip(1).collect();
            let mut segments: Punctuated<syn::PathSegment, Token![::]> = self
                .root_segments()
                .into_iter()
                .map(|segment| syn::PathSegment::from(Ident::new(segment, span)))
                .collect();
            segments.extend(rest);
            path.segments = segments;
        }
        visit_mut::visit_path_mut(self, path);
    }

    fn visit_vis_restricted_mut(&mut self, vis: &mut syn::VisRestricted) {
        // `pub(crate)` means the user's crate, which is right; only
        // `pub(in crate::x)` names a module of ours.
        if vis.in_token.is_some() {
            visit_mut::visit_vis_restricted_mut(self, vis);
        }
    }

    fn visit_use_tree_mut(&mut self, tree: &mut syn::UseTree) {
        if let syn::UseTree::Path(path) = tree
            && path.ident == "crate"
        {
            let span = path.ident.span();
            let mut segments = self.root_segments().into_iter();
            path.ident = Ident::new(segments.next().unwrap_or("self"), span);
            // Deeper down, `crate::x` is `super::super::x`: one more level each.
            for segment in segments {
                let placeholder = syn::UseTree::Glob(syn::UseGlob {
                    star_token: Default::default(),
                });
                let below = std::mem::replace(&mut *path.tree, placeholder);
                *path.tree = syn::UseTree::Path(syn::UsePath {
                    ident: Ident::new(segment, span),
                    colon2_token: Default::default(),
                    tree: Box::new(below),
                });
            }
        }
        visit_mut::visit_use_tree_mut(self, tree);
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        mac.tokens = self.rewrite_tokens(std::mem::take(&mut mac.tokens));
        visit_mut::visit_macro_mut(self, mac);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Generator;

    fn real_catalogue() -> Generator {
        let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/errors.yaml");
        Generator::from_spec_file(spec).unwrap()
    }

    fn crate_of(files: &[(&str, &str)]) -> Vec<OutputFile> {
        files
            .iter()
            .map(|(path, contents)| OutputFile {
                path: (*path).to_owned(),
                contents: (*contents).to_owned(),
            })
            .collect()
    }

    /// What every root item opens with.
    const ALLOW: &str = "#[allow(dead_code, unused_imports)]\n";

    /// [`module_file`] without the [`ALLOW`] lines, which every root item has.
    fn rewritten(files: &[OutputFile], features: &[&str]) -> String {
        module_file(files, features).replace(ALLOW, "")
    }

    #[test]
    fn the_real_catalogue_is_one_file_without_crate_paths_root_attributes_tests_or_feature_gates() {
        let all: Vec<&str> = FEATURES.iter().map(|feature| feature.name).collect();
        for features in [&[][..], &all] {
            let module = real_catalogue().features(features).render_module().unwrap();
            assert!(module.starts_with("// @generated by `"), "{module}");
            let file = syn::parse_file(&module).unwrap();
            assert!(file.attrs.is_empty(), "an included file cannot have inner attributes");
            assert!(!module.contains("crate::"), "features {features:?}");
            let root_items = file.items.len();
            assert_eq!(
                module.matches(ALLOW).count(),
                root_items,
                "every root item allows what the user leaves unused"
            );
            for gate in ["cfg(test)", "#[test]", "cfg(feature", "cfg_attr(feature", "mod tests"] {
                assert!(!module.contains(gate), "features {features:?}: {gate} is left");
            }
            // Every module of the crate is there, with its items.
            for item in [
                "pub enum ErrorCode",
                "pub enum Category",
                "mod runtime {",
                "pub struct RetryBudget",
            ] {
                assert!(module.contains(item), "features {features:?}: {item} is missing");
            }
        }
    }

    #[test]
    fn features_keep_their_items_ungated_and_drop_the_others() {
        let without = real_catalogue().render_module().unwrap();
        let with_serde = real_catalogue().features(&["serde"]).render_module().unwrap();
        for serde_only in ["pub struct ErrorBody", "pub fn body(", "mod problem {"] {
            assert!(!without.contains(serde_only), "{serde_only} without the feature");
            assert!(with_serde.contains(serde_only), "{serde_only} with the feature");
        }
        assert!(!with_serde.contains("mod axum_support"), "axum is off");
        assert!(
            !without.contains("serde"),
            "nothing of serde is left without the feature"
        );
    }

    #[test]
    fn a_feature_turns_on_the_features_it_implies_and_an_unknown_one_is_named() {
        let with_axum = real_catalogue().features(&["axum"]).render_module().unwrap();
        for implied in ["pub struct ErrorBody", "mod http_support {", "mod axum_support {"] {
            assert!(with_axum.contains(implied), "{implied} with axum");
        }
        let err = real_catalogue()
            .features(&["serde", "serd"])
            .render_module()
            .unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("`serd` is not a feature of the generated crate"),
            "{message}"
        );
        assert!(
            message.contains("help: the features are serde, http, axum, reqwest, tracing"),
            "{message}"
        );
        // A caller's option, not a problem of the catalogue.
        assert!(matches!(err, crate::Error::Option { .. }), "{message}");
        assert!(!message.contains("the catalogue has"), "{message}");
    }

    #[test]
    fn crate_paths_become_self_at_the_top_and_one_super_per_level_below() {
        let files = crate_of(&[
            (
                "src/lib.rs",
                "#![deny(missing_docs)]\n//! The crate.\nmod a;\nmod b { pub(crate) mod c; }\npub use crate::a::{X, g};\n",
            ),
            (
                "src/a.rs",
                "//! Module a.\n/// See [`crate::a::X`].\npub struct X;\npub fn g() -> String { format!(\"{:?}\", crate::b::c::f()) }\n",
            ),
            (
                "src/b/c.rs",
                "use crate::a::X;\npub(crate) fn f() -> crate::a::X { let _ = X; crate::a::X }\nmacro_rules! m { () => { $crate::a::X } }\n",
            ),
        ]);
        let module = rewritten(&files, &[]);
        assert_eq!(
            module,
            "mod a {
    //! Module a.
    /// See [`super::a::X`].
    pub struct X;
    pub fn g() -> String {
        format!(\"{:?}\", super::b::c::f())
    }
}
mod b {
    pub(crate) mod c {
        use super::super::a::X;
        pub(crate) fn f() -> super::super::a::X {
            let _ = X;
            super::super::a::X
        }
        macro_rules! m {
            () => {
                $crate::a::X
            };
        }
    }
}
pub use self::a::{X, g};
"
        );
    }

    #[test]
    fn gates_on_features_and_tests_are_decided_and_other_gates_left_to_the_compiler() {
        let files = crate_of(&[(
            "src/lib.rs",
            r#"
#[cfg(feature = "axum")]
mod missing_but_gated_off;
#[cfg(test)]
mod tests;
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "http", derive(Hash))]
pub struct S {
    #[cfg(feature = "http")]
    pub status: u16,
    #[cfg(not(feature = "http"))]
    pub plain: u8,
}
#[cfg(unix)]
pub fn unix_only() {}
#[cfg(all(unix, feature = "http"))]
pub fn unix_and_http() {}
#[cfg(any(unix, feature = "serde"))]
pub fn unix_or_serde() {}
pub fn f(n: u8) -> bool {
    #[cfg(feature = "http")]
    g();
    match n {
        #[cfg(feature = "http")]
        0 => true,
        _ => cfg!(feature = "serde"),
    }
}
"#,
        )]);
        let module = rewritten(&files, &["serde"]);
        assert_eq!(
            module,
            "#[derive(serde::Serialize)]
pub struct S {
    pub plain: u8,
}
#[cfg(unix)]
pub fn unix_only() {}
pub fn unix_or_serde() {}
pub fn f(n: u8) -> bool {
    match n {
        _ => true,
    }
}
"
        );
    }

    #[test]
    fn an_off_gate_where_nothing_is_removed_becomes_always_off() {
        let files = crate_of(&[("src/lib.rs", "pub fn f(#[cfg(feature = \"http\")] n: u8) {}\n")]);
        assert_eq!(rewritten(&files, &[]), "pub fn f(#[cfg(any())] n: u8) {}\n");
        assert_eq!(rewritten(&files, &["http"]), "pub fn f(n: u8) {}\n");
    }
}
