//! The TypeScript client, run with the machine's real `node`: the runtime's
//! own unit tests (`runtime/typescript/`), the committed OFAuth client
//! (`generated/clients/typescript/`) and clients generated into temp dirs
//! for the real APIs' catalogues and the hostile fixtures, each passing its
//! catalogue's conformance vectors (`docs/conformance.json`). One
//! `node --test` per package.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use errcat_codegen::Generator;
use serde_json::Value;

use crate::support;

/// Where the client lands in an output folder.
const CLIENT: &str = "clients/typescript";

fn node() -> PathBuf {
    support::require_tool("node", "Node.js 20+ to run the TypeScript client's tests")
}

/// Runs `node ARGS` in `dir`, failing with its output unless it succeeds;
/// returns its stdout.
fn run_node(dir: &Path, args: &[&str]) -> String {
    let started = Instant::now();
    let output = Command::new(node())
        .args(args)
        .current_dir(dir)
        // A `node --test` started from another one would report to it.
        .env_remove("NODE_TEST_CONTEXT")
        .output()
        .unwrap_or_else(|err| panic!("running node in {}: {err}", dir.display()));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "`node {}` failed in {}:\n{stdout}\n{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!("node {} in {}: {:?}", args.join(" "), dir.display(), started.elapsed());
    stdout
}

/// Runs the package's tests, checking that some ran and none failed.
fn node_test(package: &Path) {
    let report = run_node(package, &["--test"]);
    let passed = report
        .lines()
        .find_map(|line| line.strip_prefix("# pass "))
        .and_then(|count| count.trim().parse::<usize>().ok());
    assert!(
        passed.is_some_and(|count| count > 0),
        "no test ran in {}:\n{report}",
        package.display()
    );
    assert!(report.contains("\n# fail 0\n"), "{report}");
}

#[test]
fn the_runtime_s_own_tests_pass() {
    node_test(&support::workspace().join("runtime/typescript"));
}

#[test]
fn the_committed_ofauth_client_passes_its_tests() {
    node_test(&support::workspace().join("generated").join(CLIENT));
}

#[test]
fn clients_of_the_real_apis_and_the_fixtures_pass_their_conformance_vectors() {
    for spec in support::client_specs() {
        let (_dir, out) = support::generate_crate(&spec, &[]);
        node_test(&out.join(CLIENT));
    }
}

#[test]
fn hostile_catalogue_text_comes_back_byte_identical_and_never_breaks_the_source() {
    let spec = support::workspace().join("tests/fixtures/odd_strings.yaml");
    let (_dir, out) = support::generate_crate(&spec, &[]);
    let client = out.join(CLIENT);
    for file in ["catalogue.js", "index.js"] {
        run_node(&client, &["--check", file]);
    }
    // The declarations are TypeScript, which node cannot check: their string
    // literals are the same escapes as the module's, in printable ASCII, and
    // the code union reads back as the codes.
    let declarations = std::fs::read_to_string(client.join("catalogue.d.ts")).unwrap();
    assert!(declarations.bytes().all(|b| b == b'\n' || (b' '..=b'~').contains(&b)));
    let union = code_union(&declarations);
    let script = "import('./index.js').then((m) => process.stdout.write(JSON.stringify({ \
        api: m.API_NAME, requestId: m.REQUEST_ID_HEADER, table: m.ErrorCode.all })))";
    let read: Value = serde_json::from_str(&run_node(&client, &["--input-type=module", "-e", script])).unwrap();
    let model = Generator::from_spec_file(&spec).unwrap().into_model();
    assert_eq!(read["api"], model.api_name.as_str());
    assert_eq!(read["requestId"], model.request_id_header.as_str());
    let codes: Vec<&str> = model.codes.iter().map(|code| code.code.as_str()).collect();
    assert_eq!(union, codes);
    let table = read["table"].as_array().unwrap();
    assert_eq!(table.len(), model.codes.len());
    for (entry, code) in table.iter().zip(&model.codes) {
        assert_eq!(entry["code"], code.code.as_str());
        assert_eq!(entry["message"], code.message.as_str(), "{}", code.code);
        assert_eq!(entry["resolution"], code.resolution.as_str(), "{}", code.code);
        assert_eq!(entry["docUrl"], code.doc_url.as_str(), "{}", code.code);
        let deprecated = code.lifecycle.deprecation().map(|d| d.reason.as_str());
        assert_eq!(entry["deprecated"].as_str(), deprecated, "{}", code.code);
        // The one code the fixture marks for re-authentication reads as such.
        assert_eq!(entry["reauth"], code.reauth);
    }
    assert!(
        model
            .codes
            .iter()
            .any(|code| code.message.contains('"') && code.resolution.contains("*/")),
        "the fixture should hold hostile text"
    );
}

/// The codes of `catalogue.d.ts`'s `Code` union, its string literals read
/// as the JSON strings they also are.
fn code_union(declarations: &str) -> Vec<String> {
    declarations
        .lines()
        .filter_map(|line| line.strip_prefix("  | "))
        .map(|literal| serde_json::from_str(literal.trim_end_matches(';')).unwrap())
        .collect()
}

/// A catalogue whose codes look like source or markup in the client's
/// languages: quotes and backslashes, a comment end and a template, an
/// object's prototype key, a closing script tag and non-ASCII.
const HOSTILE_CODES: &str = r#"schema: 1
name: Hostile Codes API
crate: hostile-codes
docs_url: https://hostile.example/errors
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
  - status: 400
    description: Bad Request
    note: Fix the request
categories:
  - id: odd
    title: Odd Codes
    codes:
      - { code: 'quote"back\slash', name: Quote, status: 400, message: m, resolution: r, retry: never }
      - { code: "*/${x}`tick`", name: Template, status: 400, message: m, resolution: r, retry: never }
      - { code: __proto__, name: Proto, status: 400, message: m, resolution: r, retry: never }
      - { code: "</script>é😀", name: Script, status: 400, message: m, resolution: r, retry: never }
"#;

#[test]
fn codes_that_look_like_source_or_markup_are_strings_the_client_finds() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("hostile_codes.yaml");
    std::fs::write(&spec, HOSTILE_CODES).unwrap();
    let (_out_dir, out) = support::generate_crate(&spec, &[]);
    let client = out.join(CLIENT);
    let declarations = std::fs::read_to_string(client.join("catalogue.d.ts")).unwrap();
    let expected = [
        "quote\"back\\slash",
        "*/${x}`tick`",
        "__proto__",
        "</script>\u{e9}\u{1f600}",
    ];
    assert_eq!(code_union(&declarations), expected);
    // Every code's own conformance vector is read as that code.
    node_test(&client);
    let script = "const m = await import('./index.js'); \
        process.stdout.write(JSON.stringify([m.ErrorCode.parse('constructor'), m.ErrorCode.parse('toString')]))";
    assert_eq!(run_node(&client, &["--input-type=module", "-e", script]), "[null,null]");
}

#[test]
fn every_hand_written_runtime_file_ships_in_each_client() {
    let runtime = support::workspace().join("runtime/typescript");
    let shipped: Vec<&str> = errcat_runtime::sources::TYPESCRIPT
        .iter()
        .map(|(name, _)| *name)
        .collect();
    // The test catalogue, the runtime's own tests and its checker settings stay home.
    let home_only = [
        "catalogue.js",
        "catalogue.d.ts",
        "example.ts",
        "package.json",
        "tsconfig.json",
    ];
    for entry in std::fs::read_dir(&runtime).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let is_file = runtime.join(&name).is_file();
        if is_file && !home_only.contains(&name.as_str()) {
            assert!(
                shipped.contains(&name.as_str()),
                "{name} is not in errcat_runtime::sources::TYPESCRIPT"
            );
        }
    }
    let (_dir, out) = support::generate_crate(&support::workspace().join("tests/fixtures/single_code.yaml"), &[]);
    for (name, text) in errcat_runtime::sources::TYPESCRIPT {
        let copy = std::fs::read_to_string(out.join(CLIENT).join(name)).unwrap();
        assert!(copy.ends_with(text), "{name} is not copied verbatim");
    }
}

#[test]
fn the_package_is_named_after_the_crate_and_has_no_dependencies() {
    let (_dir, out) = support::generate_crate(&support::workspace().join("tests/fixtures/odd_strings.yaml"), &[]);
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join(CLIENT).join("package.json")).unwrap()).unwrap();
    assert_eq!(manifest["name"], "odd_strings-errors");
    assert_eq!(manifest["version"], "2.0.0-rc.1+odd.7");
    assert_eq!(manifest["type"], "module");
    assert_eq!(manifest["exports"]["."]["types"], "./index.d.ts");
    assert_eq!(manifest["engines"]["node"], ">=20");
    assert_eq!(manifest["license"], "MIT OR Apache-2.0");
    for key in ["dependencies", "peerDependencies", "optionalDependencies"] {
        assert!(manifest.get(key).is_none(), "{key}");
    }
    for file in manifest["files"].as_array().unwrap() {
        assert!(out.join(CLIENT).join(file.as_str().unwrap()).is_file(), "{file}");
    }
}

#[test]
fn no_typescript_leaves_the_client_out() {
    let spec = support::workspace().join("tests/fixtures/single_code.yaml");
    let files = Generator::from_spec_file(&spec)
        .unwrap()
        .typescript(false)
        .render()
        .unwrap();
    assert!(files.iter().all(|file| !file.path.starts_with(CLIENT)));
    let files = Generator::from_spec_file(&spec).unwrap().render().unwrap();
    assert!(files.iter().any(|file| file.path == format!("{CLIENT}/catalogue.js")));
}

/// A small deterministic generator (xorshift64*), so that the random
/// replies are the same on every run.
struct Draw(u64);

impl Draw {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A reply as (status, headers, body).
type Reply = (u16, Vec<(String, String)>, String);

/// One random reply of the OFAuth API: known,
/// unknown, AWS-form and mistyped codes, every shape of details, escapes,
/// duplicate members, bodies cut anywhere, and hint and request-id headers
/// valid or not.
fn random_reply(draw: &mut Draw, known: &[&str]) -> Reply {
    const STATUSES: [u16; 14] = [200, 204, 302, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504];
    const HINTS: [&str; 17] = [
        "\u{a0}7\u{85}",
        "3",
        "0.5",
        "1.250",
        " 7 ",
        "0",
        "-1",
        "abc",
        "",
        "1e3",
        "31536000000",
        "99999999999999999999999",
        "Sun, 06 Nov 1994 08:49:47 GMT",
        "Sunday, 06-Nov-94 08:49:47 GMT",
        "Sun Nov  6 08:49:47 1994",
        "Sun, 06 Nov 1994 08:00:00 GMT",
        "Sun, 06 Nov 1994 08:49:47 CET",
    ];
    const IDS: [&str; 7] = [" req-1 ", "ok", "", "a\u{1}b", "a\u{202e}b", "\tx\t", "\u{a0}x\u{3000}"];
    const MESSAGES: [&str; 7] = [
        r#""m""#,
        r#""line\nbreak""#,
        r#""\u202e""#,
        "5",
        "null",
        r#""\ud83d\ude00""#,
        r#""\ud800x""#,
    ];
    const DETAILS: [&str; 9] = [
        "null",
        r#"{"field": "email", "message": "required", "value": 3}"#,
        r#"{"errors": [{"field": "a"}, {"message": "b", "value": [1, "x", null]}, "junk", {"other": 1}]}"#,
        r#"{"fields": [{"field": "f", "value": {"k": true}}, {"field": 7}]}"#,
        r#"[{"field": "x", "message": null}, {"message": "only"}]"#,
        r#"{"field": "name"}"#,
        "5",
        r#""text""#,
        r#"{"__proto__": {"field": "p"}, "errors": []}"#,
    ];
    let status = STATUSES[draw.below(STATUSES.len())];
    let mut headers = Vec::new();
    for name in [
        "Retry-After",
        "X-RateLimit-Retry-After",
        "retry-after",
        "X-Request-Id",
        "x-request-id",
    ] {
        if draw.below(3) == 0 {
            let value = if name.ends_with("Id") || name.ends_with("id") {
                draw.pick(&IDS)
            } else {
                draw.pick(&HINTS)
            };
            headers.push((name.to_owned(), value.to_owned()));
        }
    }
    let code = match draw.below(6) {
        0 => r#""NEW_CODE""#.to_owned(),
        1 => draw.pick(&["42", "null", r#""""#, "true"]).to_owned(),
        2 => format!(r#""{}:http://internal.example/x""#, draw.pick(known)),
        3 => format!(r#""com.example.v1#{}""#, draw.pick(known)),
        _ => format!(r#""{}""#, draw.pick(known)),
    };
    let mut members = vec![format!(r#""code": {code}"#)];
    if draw.below(4) > 0 {
        members.push(format!(r#""error": {}"#, draw.pick(&MESSAGES)));
    }
    if draw.below(2) == 0 {
        members.push(format!(r#""details": {}"#, draw.pick(&DETAILS)));
    }
    if draw.below(8) == 0 {
        members.push(r#""code": "AUTH_INVALID_KEY""#.to_owned());
    }
    let rotate = draw.below(members.len());
    members.rotate_left(rotate);
    let body = format!("{{{}}}", members.join(", "));
    let body = match draw.below(10) {
        0 => body.chars().take(draw.below(body.chars().count())).collect(),
        1 => draw
            .pick(&["", "<html>502</html>", "null", "[1, 2]", r#"{"code": "A"} x"#, "  "])
            .to_owned(),
        2 => {
            // Around the nesting limit (64 levels): the whole body is read, or none of it.
            let depth = 61 + draw.below(5);
            format!(
                r#"{{"code": "{}", "details": {}{}}}"#,
                draw.pick(known),
                "[".repeat(depth),
                "]".repeat(depth)
            )
        }
        _ => body,
    };
    (status, headers, body)
}

/// What a client makes of a reply, in the conformance vectors' terms plus
/// the details, the raw body, the summary line and the delays of a policy
/// with jitter seeded with `seed`, in nanoseconds.
fn rust_reading(status: u16, headers: &[(String, String)], body: &str, seed: u64) -> Value {
    let error = support::read_reply(status, headers, body);
    let seeded = ofauth_errors::RetryPolicy::builder().seed(seed).max_attempts(8).build();
    let json = |value: &ofauth_errors::JsonValue| serde_json::from_str::<Value>(&value.to_string()).unwrap();
    let mut reading = support::conformance_reading(&error);
    reading["jittered_ns"] = (1..=8)
        .map(|attempt| seeded.next_delay(attempt, &error).map(|delay| delay.as_nanos() as f64))
        .collect();
    reading["details"] = error.details().map(json).into();
    reading["raw_body"] = error
        .raw_body()
        .map(|raw| String::from_utf8_lossy(raw).into_owned())
        .into();
    reading["summary"] = error.to_string().into();
    reading
}

/// The same reading by the TypeScript client, in the same terms.
const TYPESCRIPT_READING: &str = r#"
const m = await import("./index.js");
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const replies = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const readings = replies.map(([status, headers, body], index) => {
  const error = m.ApiError.fromParts(status, headers, body, { receivedAt: 784111777000 });
  const policy = new m.RetryPolicy({ maxAttempts: 8, jitter: false });
  const delays = [];
  for (let attempt = 1; attempt <= 8; attempt += 1) delays.push(policy.nextDelayMs(attempt, error) ?? null);
  const seeded = new m.RetryPolicy({ maxAttempts: 8, seed: index });
  const jittered = [];
  for (let attempt = 1; attempt <= 8; attempt += 1) {
    const delay = seeded.nextDelayMs(attempt, error);
    jittered.push(delay === undefined ? null : Math.round(delay * 1e6));
  }
  return {
    is_error: error.isError, code: error.code ?? null, wire_code: error.wireCode ?? null,
    message: error.serverMessage ?? null, request_id: error.requestId ?? null, kind: error.kind,
    retryable: error.retryable, requires_reauth: error.requiresReauth, retry_after_ms: error.retryAfterMs ?? null,
    field_errors: error.fieldErrors.map((e) => ({ field: e.field ?? null, message: e.message ?? null, ...("value" in e ? { value: e.value } : {}) })),
    delays_ms: delays, jittered_ns: jittered, details: error.details ?? null, raw_body: error.rawBody ?? null, summary: error.message,
  };
});
process.stdout.write(JSON.stringify(readings));
"#;

#[test]
fn the_client_reads_thousands_of_random_replies_exactly_as_the_rust_client_does() {
    const REPLIES: usize = 3000;
    let known: Vec<&str> = ofauth_errors::ErrorCode::ALL.iter().map(|code| code.as_str()).collect();
    let mut draw = Draw(0x9E37_79B9_7F4A_7C15);
    let replies: Vec<Reply> = (0..REPLIES).map(|_| random_reply(&mut draw, &known)).collect();
    let client = support::workspace().join("generated").join(CLIENT);
    let mut child = Command::new(node())
        .args(["--input-type=module", "-e", TYPESCRIPT_READING])
        .current_dir(&client)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let input = serde_json::to_vec(&replies).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, &input));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(output.status.success(), "node failed");
    let typescript: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(typescript.len(), REPLIES);
    for (index, ((status, headers, body), read)) in replies.iter().zip(&typescript).enumerate() {
        let expected = as_floats(rust_reading(*status, headers, body, index as u64));
        assert_eq!(
            as_floats(read.clone()),
            expected,
            "status {status}, headers {headers:?}, body {body:?}"
        );
    }
}

/// `value` with every number as a float: JavaScript has no other, and
/// serde_json tells `7000` from `7000.0`.
fn as_floats(value: Value) -> Value {
    match value {
        Value::Number(number) => number
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Null, Value::Number),
        Value::Array(items) => Value::Array(items.into_iter().map(as_floats).collect()),
        Value::Object(members) => {
            Value::Object(members.into_iter().map(|(key, item)| (key, as_floats(item))).collect())
        }
        other => other,
    }
}
