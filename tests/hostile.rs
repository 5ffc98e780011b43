//! The attack review of issue 11, kept found: one named test per reproduction,
//! each asserting what is kept and what is refused. User-facing messages are
//! pinned in `tests/hostile/snapshots/`.
//!
//! - [`output_folder`]: the generator touches only the files it wrote;
//! - [`catalogue_text`]: catalogue text is data in every output;
//! - [`limits`]: loading is bounded by bytes, not only by nodes;
//! - [`runtime`]: the runtime reads replies within limits and sends clean ones;
//! - [`sending`]: sending with retries is bounded in time, bytes and attempts.

#[path = "hostile/catalogue_text.rs"]
mod catalogue_text;
#[path = "hostile/limits.rs"]
mod limits;
#[path = "hostile/output_folder.rs"]
mod output_folder;
#[path = "hostile/runtime.rs"]
mod runtime;
#[path = "hostile/sending.rs"]
mod sending;
