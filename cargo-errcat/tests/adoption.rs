//! A team adopts the generator in its own repository: in a fresh Cargo
//! workspace that is not this one, the real `cargo-errcat` binary (run as cargo
//! runs it) starts a catalogue, generates a crate, and a program of that
//! workspace builds against the generated API and runs.

use std::path::Path;
use std::process::{Command, Output};
use std::time::Instant;

/// Runs `cargo errcat ARGS` in `dir` the way cargo does: `cargo-errcat errcat ARGS`.
fn cargo_errcat(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cargo-errcat"))
        .arg("errcat")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Makes `root` a fresh workspace whose one member is the folder `member`.
fn workspace_root(root: &Path, member: &str) {
    std::fs::create_dir_all(root).unwrap();
    std::fs::write(
        root.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"3\"\nmembers = [\"{member}\"]\n"),
    )
    .unwrap();
}

/// This repository's `Cargo.lock` in the workspace at `root`, so that an
/// offline build picks the versions already downloaded.
fn copy_this_repo_lock(root: &Path) {
    std::fs::copy(format!("{}/Cargo.lock", this_repo("")), root.join("Cargo.lock")).unwrap();
}

/// The program of the adopting workspace: it reads a reply's code and status
/// through the generated API and prints what it learnt.
const PROGRAM: &str = r##"use billing_errors::{ApiError, ErrorCode};

fn main() {
    let added = ErrorCode::from_code("BILLING_CARD_DECLINED").expect("the added code is generated");
    println!("{} {} {}", added.as_str(), added.http_status(), added.message());
    let body = br#"{"error": "declined", "code": "BILLING_CARD_DECLINED"}"#;
    let reply = ApiError::from_parts(401, &[("Retry-After", "5")], body);
    println!("{:?} retryable={} {:?}", reply.code(), reply.is_retryable(), reply.message());
}
"##;

#[test]
fn a_fresh_workspace_inits_edits_generates_and_builds_against_the_crate() {
    let started = Instant::now();
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("billing");
    workspace_root(&root, "app");
    std::fs::create_dir_all(root.join("app/src")).unwrap();

    let init = cargo_errcat(&root, &["init"]);
    assert!(init.status.success(), "{}", text(&init.stderr));
    assert!(text(&init.stdout).contains("billing-errors = { path = \"errors\" }"));

    // The team's first code of its own, in a category of its own.
    let spec = root.join("spec/errors.yaml");
    let mut catalogue = std::fs::read_to_string(&spec).unwrap();
    catalogue.push_str(
        "  - id: billing
    title: Billing Errors
    prefix: BILLING_
    codes:
      - code: BILLING_CARD_DECLINED
        status: 401
        message: The card was declined
        resolution: Use another card
        retry: never
",
    );
    std::fs::write(&spec, catalogue).unwrap();

    let codegen = cargo_errcat(&root, &["codegen", "--deny-warnings"]);
    assert!(codegen.status.success(), "{}", text(&codegen.stderr));
    assert!(
        text(&codegen.stdout).starts_with("errors: "),
        "{}",
        text(&codegen.stdout)
    );

    std::fs::write(
        root.join("app/Cargo.toml"),
        "[package]\nname = \"app\"\nedition = \"2024\"\n\n[dependencies]\nbilling-errors = { path = \"../errors\" }\n",
    )
    .unwrap();
    std::fs::write(root.join("app/src/main.rs"), PROGRAM).unwrap();
    // Offline: the generated crate with default features depends on nothing.
    let run = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline", "--package", "app"])
        .env("CARGO_TARGET_DIR", temp.path().join("target"))
        .current_dir(&root)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert_eq!(
        text(&run.stdout),
        "BILLING_CARD_DECLINED 401 The card was declined\nSome(BillingCardDeclined) retryable=false Some(\"declined\")\n"
    );

    let check = cargo_errcat(&root, &["codegen", "--check"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    let lib = root.join("errors/src/lib.rs");
    let edited = std::fs::read_to_string(&lib).unwrap() + "// a hand edit\n";
    std::fs::write(&lib, edited).unwrap();
    let check = cargo_errcat(&root, &["codegen", "--check"]);
    assert_eq!(check.status.code(), Some(1));
    let stderr = text(&check.stderr);
    assert!(
        stderr.contains("errors/src/lib.rs differs from what the spec produces"),
        "{stderr}"
    );
    assert!(stderr.contains("run `cargo errcat codegen` to regenerate"), "{stderr}");

    eprintln!("adoption took {:.1?}", started.elapsed());
}

/// `cargo build --offline` in `dir`, sharing one target folder per test.
fn cargo_build(dir: &Path, target: &Path) -> Output {
    Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--offline"])
        .env("CARGO_TARGET_DIR", target)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn a_crate_generated_inside_another_workspace_builds_as_its_member_or_as_a_workspace_of_its_own() {
    let temp = tempfile::tempdir().unwrap();
    let (root, target) = (temp.path().join("monorepo"), temp.path().join("target"));
    workspace_root(&root, "listed");
    let init = cargo_errcat(&root, &["init"]);
    assert!(init.status.success(), "{}", text(&init.stderr));

    // A member of the workspace around it: it builds as it is.
    let listed = cargo_errcat(&root, &["codegen", "--out", "listed"]);
    assert!(listed.status.success(), "{}", text(&listed.stderr));
    let build = cargo_build(&root.join("listed"), &target);
    assert!(build.status.success(), "{}", text(&build.stderr));

    // Not a member: cargo refuses it, unless it is a workspace of its own.
    let loose = cargo_errcat(&root, &["codegen", "--out", "loose"]);
    assert!(loose.status.success(), "{}", text(&loose.stderr));
    let refused = cargo_build(&root.join("loose"), &target);
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("believes it's in a workspace when it's not"),
        "{}",
        text(&refused.stderr)
    );

    let standalone = cargo_errcat(&root, &["codegen", "--standalone", "--out", "loose"]);
    assert!(standalone.status.success(), "{}", text(&standalone.stderr));
    let manifest = std::fs::read_to_string(root.join("loose/Cargo.toml")).unwrap();
    assert!(
        manifest.starts_with("# @generated by `cargo errcat codegen --spec spec/errors.yaml --out loose --standalone`"),
        "{manifest}"
    );
    assert!(manifest.ends_with("\n[workspace]\n"), "{manifest}");
    let build = cargo_build(&root.join("loose"), &target);
    assert!(build.status.success(), "{}", text(&build.stderr));

    // The flag is part of what the folder must hold.
    let check = cargo_errcat(&root, &["codegen", "--check", "--standalone", "--out", "loose"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    let without = cargo_errcat(&root, &["codegen", "--check", "--out", "loose"]);
    assert_eq!(without.status.code(), Some(1), "{}", text(&without.stderr));
}

/// One target folder for every adoption test that builds this repository's
/// generator into a fresh crate: it outlives the test run, so only the first
/// run compiles `errcat-codegen` and its dependencies.
fn shared_target() -> std::path::PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("adoption")
}

/// This repository's folder `name` (e.g. `codegen`), for a path dependency.
fn this_repo(name: &str) -> String {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    repo.join(name).display().to_string()
}

/// The adopting team's catalogue: two categories, a throttled code.
const SHOP_CATALOGUE: &str = "schema: 1
name: Shop API
crate: shop-errors
docs_url: https://shop.example/errors
retry_after:
  header: Retry-After
  default_secs: 5
response:
  - field: error
    type: string
    description: What went wrong
  - field: code
    type: string
    description: What to branch on
statuses:
  - status: 404
    description: Not Found
    note: Check the id
  - status: 429
    description: Too Many Requests
    note: Wait and retry
categories:
  - id: cart
    title: Cart Errors
    prefix: CART_
    codes:
      - code: CART_NOT_FOUND
        status: 404
        message: The cart does not exist
        resolution: Create a cart first
        retry: never
  - id: rate_limit
    title: Rate Limit Errors
    prefix: RATE_
    codes:
      - code: RATE_LIMITED
        status: 429
        message: Too many requests
        resolution: Wait for the Retry-After delay
        retry: throttled
";

/// The adopting program, after its `mod errors { … }`: every front door
/// gives it the same API.
const SHOP_PROGRAM: &str = r##"
use errors::{ApiError, Category, ErrorCode, ErrorStats, RetryBudget, RetryPolicy};

fn main() {
    let code = ErrorCode::from_code("RATE_LIMITED").expect("the code is generated");
    println!("{} {} {} of {}", code.as_str(), code.http_status(), code.category().title(), Category::ALL.len());
    let body = br#"{"error": "slow down", "code": "RATE_LIMITED"}"#;
    let reply = ApiError::from_parts(429, &[("Retry-After", "7")], body);
    let policy = RetryPolicy::builder().jitter(false).build();
    println!("{:?} {:?} {:?}", reply.code(), reply.kind(), policy.next_delay(1, &reply));
    let budget = RetryBudget::new(10);
    println!("retry {} left {}", budget.try_acquire(&reply), budget.available());
    let stats = ErrorStats::new();
    stats.record(&reply);
    println!("counted {}", stats.snapshot().count(code));
}
"##;

/// What [`SHOP_PROGRAM`] prints.
const SHOP_OUTPUT: &str = "RATE_LIMITED 429 Rate Limit Errors of 2
Some(RateLimited) RateLimited Some(7s)
retry true left 5
counted 1
";

/// A fresh workspace holding the edition-2024 crate `shop` with `manifest`'s
/// dependency lines, `files` written into it (path, contents), and this
/// repository's `Cargo.lock`.
fn shop_workspace(dependencies: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    workspace_root(root, "shop");
    copy_this_repo_lock(root);
    std::fs::create_dir_all(root.join("shop/src")).unwrap();
    std::fs::write(
        root.join("shop/Cargo.toml"),
        format!("[package]\nname = \"shop\"\nedition = \"2024\"\npublish = false\n\n{dependencies}"),
    )
    .unwrap();
    std::fs::write(root.join("shop/errors.yaml"), SHOP_CATALOGUE).unwrap();
    for (path, contents) in files {
        std::fs::write(root.join("shop").join(path), contents).unwrap();
    }
    temp
}

/// `cargo ARGS --offline` in `dir`, in the [`shared_target`].
fn cargo_offline(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .args(args)
        .arg("--offline")
        .env("CARGO_TARGET_DIR", shared_target())
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Runs the shop and checks it prints `output` and nothing else.
fn shop_prints(workspace: &Path, output: &str) {
    let run = cargo_offline(workspace, &["run", "--quiet", "--package", "shop"]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert_eq!(text(&run.stdout), output);
    // The program uses part of the API: the rest warns of nothing.
    assert!(!text(&run.stderr).contains("warning"), "{}", text(&run.stderr));
}

/// Breaks the shop's catalogue (a retry class misspelt on line 31) and
/// checks its build fails naming the file, the line and the fix.
fn a_broken_catalogue_fails_the_shop_build(workspace: &Path) {
    let spec = workspace.join("shop/errors.yaml");
    let broken = SHOP_CATALOGUE.replace("retry: never", "retry: nevr");
    assert_eq!(broken.lines().position(|line| line.contains("nevr")), Some(30));
    std::fs::write(&spec, broken).unwrap();
    let build = cargo_offline(workspace, &["build", "--quiet", "--package", "shop"]);
    assert!(!build.status.success());
    let stderr = text(&build.stderr);
    assert!(stderr.contains("errors.yaml:31:"), "{stderr}");
    assert!(stderr.contains("nevr"), "{stderr}");
    assert!(stderr.contains("help: "), "{stderr}");
    assert!(stderr.contains("never"), "{stderr}");
}

/// The shop's dependencies on this repository's runtime crate with its
/// `serde` feature, and on serde itself, for the generated `serde` feature.
fn runtime_crate_and_serde() -> String {
    format!(
        "errcat-runtime = {{ path = {:?}, features = [\"serde\"] }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n",
        this_repo("runtime")
    )
}

/// [`SHOP_PROGRAM`], then the code serialized through the `serde` feature.
fn shop_program_with_serde(module: &str) -> String {
    let program = SHOP_PROGRAM.replace(
        "    println!(\"counted {}\", stats.snapshot().count(code));\n",
        "    println!(\"counted {}\", stats.snapshot().count(code));\n    println!(\"{}\", serde_json::to_string(&code).unwrap());\n",
    );
    assert_ne!(
        program, SHOP_PROGRAM,
        "the program no longer has the line this test extends"
    );
    format!("{module}\n{program}")
}

#[test]
fn a_build_script_turns_the_catalogue_into_a_module_the_crate_includes() {
    let started = Instant::now();
    let workspace = shop_workspace(
        &format!(
            "[build-dependencies]\nerrcat-codegen = {{ path = {:?} }}\n",
            this_repo("codegen")
        ),
        &[
            (
                "build.rs",
                "fn main() {\n    if let Err(err) = errcat_codegen::build(\"errors.yaml\") {\n        eprintln!(\"{err}\");\n        std::process::exit(1);\n    }\n}\n",
            ),
            (
                "src/main.rs",
                &format!(
                    "mod errors {{\n    include!(concat!(env!(\"OUT_DIR\"), \"/errors.rs\"));\n}}\n{SHOP_PROGRAM}"
                ),
            ),
        ],
    );
    shop_prints(workspace.path(), SHOP_OUTPUT);

    // A warning (a 404 said to be transient) does not stop the build: cargo
    // shows it, located, as the build script's warning.
    let warned = SHOP_CATALOGUE.replace("retry: never", "retry: transient");
    std::fs::write(workspace.path().join("shop/errors.yaml"), warned).unwrap();
    let build = cargo_offline(workspace.path(), &["build", "--package", "shop"]);
    assert!(build.status.success(), "{}", text(&build.stderr));
    let stderr = text(&build.stderr);
    assert!(stderr.contains("warning: shop@0.0.0: "), "{stderr}");
    assert!(stderr.contains("errors.yaml:31:"), "{stderr}");

    a_broken_catalogue_fails_the_shop_build(workspace.path());
    eprintln!("the build.rs door took {:.1?}", started.elapsed());
}

#[test]
fn the_catalogue_macro_expands_the_catalogue_where_it_is_written() {
    let started = Instant::now();
    let workspace = shop_workspace(
        &format!("[dependencies]\nerrcat = {{ path = {:?} }}\n", this_repo("errcat")),
        &[(
            "src/main.rs",
            &format!("mod errors {{\n    errcat::catalogue!(\"errors.yaml\");\n}}\n{SHOP_PROGRAM}"),
        )],
    );
    shop_prints(workspace.path(), SHOP_OUTPUT);
    a_broken_catalogue_fails_the_shop_build(workspace.path());
    eprintln!("the macro door took {:.1?}", started.elapsed());
}

#[test]
fn a_build_script_can_use_the_runtime_crate_and_compile_in_the_serde_feature() {
    let started = Instant::now();
    let build_rs = "fn main() {
    let generated = errcat_codegen::Builder::new(\"errors.yaml\")
        .runtime(errcat_codegen::RuntimeMode::Crate)
        .features(&[\"serde\"])
        .deny_warnings(true)
        .out_file(\"shop_errors.rs\")
        .generate();
    if let Err(err) = generated {
        eprintln!(\"{err}\");
        std::process::exit(1);
    }
}
";
    let workspace = shop_workspace(
        &format!(
            "[build-dependencies]\nerrcat-codegen = {{ path = {:?} }}\n\n[dependencies]\n{}",
            this_repo("codegen"),
            runtime_crate_and_serde()
        ),
        &[
            ("build.rs", build_rs),
            (
                "src/main.rs",
                &shop_program_with_serde(
                    "mod errors {\n    include!(concat!(env!(\"OUT_DIR\"), \"/shop_errors.rs\"));\n}\n",
                ),
            ),
        ],
    );
    shop_prints(workspace.path(), &format!("{SHOP_OUTPUT}\"RATE_LIMITED\"\n"));
    eprintln!("the build.rs door with options took {:.1?}", started.elapsed());
}

#[test]
fn the_catalogue_macro_can_use_the_runtime_crate_and_compile_in_the_serde_feature() {
    let started = Instant::now();
    let workspace = shop_workspace(
        &format!(
            "[dependencies]\nerrcat = {{ path = {:?} }}\n{}",
            this_repo("errcat"),
            runtime_crate_and_serde()
        ),
        &[(
            "src/main.rs",
            &shop_program_with_serde(
                "mod errors {\n    errcat::catalogue!(\"errors.yaml\", runtime = \"crate\", features = [\"serde\"]);\n}\n",
            ),
        )],
    );
    shop_prints(workspace.path(), &format!("{SHOP_OUTPUT}\"RATE_LIMITED\"\n"));
    eprintln!("the macro door with options took {:.1?}", started.elapsed());
}

/// The second API of the service in test (d): one transient code.
const PAY_CATALOGUE: &str = "schema: 1
name: Pay API
crate: pay-errors
docs_url: https://pay.example/errors
runtime: crate
retry_after:
  header: Retry-After
  default_secs: 2
response:
  - field: error
    type: string
    description: What went wrong
  - field: code
    type: string
    description: What to branch on
statuses:
  - status: 503
    description: Service Unavailable
    note: Retry later
categories:
  - id: pay
    title: Payment Errors
    prefix: PAY_
    codes:
      - code: PAY_UNAVAILABLE
        status: 503
        message: The payment service is down
        resolution: Retry with backoff
        retry: transient
";

/// The service of test (d): one budget, one policy and one stats value,
/// typed by the runtime crate, serve the errors of both generated crates.
const SERVICE_PROGRAM: &str = r##"use errcat_runtime::{ErrorStats, RetryBudget, RetryPolicy};

fn main() {
    let budget = RetryBudget::new(20);
    let policy = RetryPolicy::builder().jitter(false).build();
    let stats = ErrorStats::new();
    let shop = shop_errors::ApiError::from_parts(429, &[("Retry-After", "7")], br#"{"error": "slow down", "code": "RATE_LIMITED"}"#);
    let pay = pay_errors::ApiError::from_parts(503, &[], br#"{"error": "down", "code": "PAY_UNAVAILABLE"}"#);
    // Each generated crate names the runtime's types: these are the same values.
    let shop_budget: &shop_errors::RetryBudget = &budget;
    let pay_stats: &pay_errors::ErrorStats = &stats;
    println!("retry {} {} left {}", shop_budget.try_acquire(&shop), budget.try_acquire(&pay), budget.available());
    println!("delays {:?} {:?}", policy.next_delay(1, &shop), policy.next_delay(1, &pay));
    stats.record(&shop);
    pay_stats.record(&pay);
    pay_stats.record(&pay);
    let snapshot = stats.snapshot();
    let apis: Vec<&str> = snapshot.apis().collect();
    println!(
        "counted {} {} of {} from {}",
        snapshot.count(shop_errors::ErrorCode::RateLimited),
        snapshot.count(pay_errors::ErrorCode::PayUnavailable),
        snapshot.total(),
        apis.join(" and ")
    );
}
"##;

#[test]
fn one_service_shares_one_budget_and_one_stats_across_two_catalogues_on_the_runtime_crate() {
    let started = Instant::now();
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    workspace_root(root, "service");
    copy_this_repo_lock(root);
    std::fs::create_dir_all(root.join("spec")).unwrap();
    std::fs::create_dir_all(root.join("service/src")).unwrap();
    let shop = SHOP_CATALOGUE.replacen("docs_url:", "runtime: crate\ndocs_url:", 1);
    std::fs::write(root.join("spec/shop.yaml"), shop).unwrap();
    std::fs::write(root.join("spec/pay.yaml"), PAY_CATALOGUE).unwrap();

    let runtime = this_repo("runtime");
    for (spec, out) in [("spec/shop.yaml", "shop-errors"), ("spec/pay.yaml", "pay-errors")] {
        let args = [
            "codegen",
            "--deny-warnings",
            "--spec",
            spec,
            "--out",
            out,
            "--runtime-path",
            &runtime,
        ];
        let codegen = cargo_errcat(root, &args);
        assert!(codegen.status.success(), "{}", text(&codegen.stderr));
        // Thin: the runtime is a dependency, not a copy.
        assert!(!root.join(out).join("src/runtime").exists(), "{out}");
        let manifest = std::fs::read_to_string(root.join(out).join("Cargo.toml")).unwrap();
        assert!(
            manifest.contains("errcat-runtime = { version = \"=0.1.0\", path = "),
            "{manifest}"
        );
    }

    std::fs::write(
        root.join("service/Cargo.toml"),
        format!(
            "[package]\nname = \"service\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n\
             errcat-runtime = {{ path = {runtime:?} }}\n\
             pay-errors = {{ path = \"../pay-errors\" }}\n\
             shop-errors = {{ path = \"../shop-errors\" }}\n"
        ),
    )
    .unwrap();
    std::fs::write(root.join("service/src/main.rs"), SERVICE_PROGRAM).unwrap();
    let run = cargo_offline(root, &["run", "--quiet", "--package", "service"]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert_eq!(
        text(&run.stdout),
        "retry true true left 5\n\
         delays Some(7s) Some(500ms)\n\
         counted 1 2 of 3 from Shop API and Pay API\n"
    );
    assert!(!text(&run.stderr).contains("warning"), "{}", text(&run.stderr));
    eprintln!("two catalogues on the runtime crate took {:.1?}", started.elapsed());
}
