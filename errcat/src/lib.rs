//! The macro front door of the error-catalogue generator:
//! `errcat::catalogue!("errors.yaml")` expands, where it is written, to what
//! the generated crate would hold (`ErrorCode`, `Category`, `ApiError`,
//! `RetryPolicy`, `RetryBudget`, `ErrorStats`, …), the same items as
//! `errcat_codegen::Generator::render_module`. Nothing to generate, commit or
//! publish: the catalogue is the source, and a change to it rebuilds the crate.

use std::path::Path;

use errcat_codegen::{Generator, RuntimeMode};
use proc_macro2::TokenStream;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitStr, Token};

/// The catalogue's items, here.
///
/// The path is relative to the crate's folder (`CARGO_MANIFEST_DIR`). Write
/// it inside a module of its own: the items are many, and they refer to each
/// other relative to where they are.
///
/// ```
/// mod errors {
///     errcat::catalogue!("../tests/fixtures/single_code.yaml");
/// }
///
/// let code = errors::ErrorCode::from_code("INTERNAL_ERROR").unwrap();
/// assert_eq!(code.http_status(), 500);
/// let reply = errors::ApiError::from_parts(500, &[], br#"{"code": "INTERNAL_ERROR"}"#);
/// assert_eq!(reply.code(), Some(code));
/// ```
///
/// Options, after the path:
///
/// - `runtime = "crate"`: use the `errcat-runtime` crate (which the crate must
///   then depend on) rather than including the runtime; `"inline"` is the
///   default unless the catalogue's `runtime:` says otherwise;
/// - `features = ["serde", "http"]`: the generated crate's Cargo features to
///   compile in, with those they imply (`axum` turns on `serde` and `http`);
///   the crate must depend on what they use (e.g. `serde`, and with
///   `runtime = "crate"`, `errcat-runtime` with the same features).
///
/// A broken catalogue fails the build with the generator's diagnostic (its
/// file, line and what to write instead), pointing at the path:
///
/// ```compile_fail
/// mod errors {
///     errcat::catalogue!("no/such/errors.yaml");
/// }
/// ```
///
/// and so does an option it does not know:
///
/// ```compile_fail
/// mod errors {
///     errcat::catalogue!("../tests/fixtures/single_code.yaml", runtime = "shared");
/// }
/// ```
#[proc_macro]
pub fn catalogue(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let request = syn::parse_macro_input!(input as Request);
    match expand(&request) {
        Ok(tokens) => tokens.into(),
        Err(message) => {
            // rustc says `error:` itself.
            let message = message.strip_prefix("error: ").unwrap_or(&message);
            syn::Error::new(request.spec.span(), message).to_compile_error().into()
        }
    }
}

/// What the macro was asked for.
struct Request {
    spec: LitStr,
    runtime: Option<RuntimeMode>,
    features: Vec<String>,
}

impl Parse for Request {
    fn parse(input: ParseStream) -> syn::Result<Request> {
        let mut request = Request {
            spec: input.parse()?,
            runtime: None,
            features: Vec::new(),
        };
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            match key.to_string().as_str() {
                "runtime" => {
                    let mode: LitStr = input.parse()?;
                    let found = RuntimeMode::ALL
                        .into_iter()
                        .find(|known| known.as_str() == mode.value());
                    let expected = RuntimeMode::ALL
                        .map(|known| format!("\"{}\"", known.as_str()))
                        .join(" or ");
                    let message = format!("unknown runtime {:?}: write {expected}", mode.value());
                    request.runtime = Some(found.ok_or_else(|| syn::Error::new(mode.span(), message))?);
                }
                "features" => {
                    let list;
                    syn::bracketed!(list in input);
                    let names = Punctuated::<LitStr, Token![,]>::parse_terminated(&list)?;
                    request.features = names.iter().map(LitStr::value).collect();
                }
                other => {
                    let message =
                        format!("unknown option `{other}`: write `runtime = \"crate\"` or `features = [\"serde\"]`");
                    return Err(syn::Error::new(key.span(), message));
                }
            }
        }
        Ok(request)
    }
}

/// The generator's module file for `request`, or its message.
fn render_module(request: &Request, path: &Path, label: &str) -> Result<String, String> {
    // The generator builds syntax trees on several threads, where the
    // compiler's token API does not work: it must use proc-macro2's own.
    let _own_tokens = OwnTokens::force();
    let features: Vec<&str> = request.features.iter().map(String::as_str).collect();
    let mut generator = Generator::from_spec_file_labelled(path, label)
        .map_err(|err| err.to_string())?
        .features(&features);
    if let Some(mode) = request.runtime {
        generator = generator.runtime(mode);
    }
    generator.render_module().map_err(|err| err.to_string())
}

/// proc-macro2's own token implementation, in force while this lives.
struct OwnTokens;

impl OwnTokens {
    fn force() -> OwnTokens {
        proc_macro2::fallback::force();
        OwnTokens
    }
}

impl Drop for OwnTokens {
    fn drop(&mut self) {
        proc_macro2::fallback::unforce();
    }
}

/// The items for `request`, or the generator's message.
fn expand(request: &Request) -> Result<TokenStream, String> {
    let label = request.spec.value();
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR")
        .map_err(|_| "CARGO_MANIFEST_DIR is not set: errcat::catalogue! is expanded by cargo".to_owned())?;
    let path = Path::new(&manifest_dir).join(&label);
    let module = render_module(request, &path, &label)?;
    let items: TokenStream = module
        .parse()
        .map_err(|err| format!("errcat bug: the generated items do not lex: {err}"))?;
    // Reading the file through the compiler makes cargo rebuild when it changes.
    let tracked = proc_macro2::Literal::string(&path.display().to_string());
    let mut tokens: TokenStream = format!("const _: &[u8] = include_bytes!({tracked});")
        .parse()
        .map_err(|err| format!("errcat bug: the tracking constant does not lex: {err}"))?;
    tokens.extend(items);
    Ok(tokens)
}
