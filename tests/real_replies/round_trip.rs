//! The server side of each real API: the axum `ErrorResponse` writes every
//! code through `IntoResponse` (real bytes, status and headers) in the API's
//! own envelope, and `ApiError::from_parts` reads back the same code,
//! message and kind.

use axum::response::IntoResponse;
use errcat_runtime::{ApiError, Catalogue, ErrorKind, ErrorResponse, Retry, Wire};
use serde_json::{Value, json};

/// One reply as a client receives it: status, headers and body bytes.
struct Received {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Received {
    async fn of(reply: impl IntoResponse) -> Received {
        let response = reply.into_response();
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    value.to_str().expect("visible ASCII").to_owned(),
                )
            })
            .collect();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("an in-memory body");
        Received {
            status,
            headers,
            body: body.to_vec(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        let found = self.headers.iter().find(|(sent, _)| sent.eq_ignore_ascii_case(name));
        found.map(|(_, value)| value.as_str())
    }

    fn read<C: Catalogue>(&self) -> ApiError<C> {
        let headers: Vec<(&str, &str)> = self.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        ApiError::from_parts(self.status, &headers, &self.body)
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// Writes every code of `C` with a message of its own, details and the
/// `members` set, sends it, and checks what the client reads back and that
/// every part of `C::WIRE` is where it says. Returns the bodies sent.
async fn every_code_is_sent_in_its_envelope_and_read_back<C: Catalogue>(members: &[(&str, Value)]) -> Vec<Value> {
    let mut sent = Vec::new();
    for &code in C::ALL {
        let message = format!("{} (said by the server)", code.message());
        let mut reply = ErrorResponse::new(code)
            .message(message.clone())
            .details(json!({"hint": "sent where the API sends details"}))
            .request_id("req-7");
        for (pointer, value) in members {
            reply = reply
                .member(pointer, value.clone())
                .expect("a pointer the body has room for");
        }
        let received = Received::of(reply).await;
        let what = format!("{} {}", code.as_str(), String::from_utf8_lossy(&received.body));
        assert_eq!(received.status, code.http_status(), "{what}");
        assert_eq!(received.header("content-type"), Some("application/json"), "{what}");
        assert_eq!(received.header(C::REQUEST_ID_HEADER), Some("req-7"), "{what}");
        let throttled_default = C::DEFAULT_RETRY_AFTER_SECS.to_string();
        let retry_header = (code.retry() == Retry::Throttled).then_some(throttled_default.as_str());
        assert_eq!(received.header(C::RETRY_AFTER_HEADER), retry_header, "{what}");

        let read = received.read::<C>();
        assert_eq!(read.code(), Some(code), "{what}");
        assert_eq!(read.wire_code(), Some(code.as_str()), "{what}");
        assert_eq!(read.kind(), ErrorKind::of(code.http_status(), Some(code)), "{what}");
        assert_eq!(read.requires_reauth(), code.requires_reauth(), "{what}");
        assert_eq!(read.request_id(), Some("req-7"), "{what}");
        let body = received.json();
        every_wire_part_is_where_it_says(code, &body, &message, &received);
        sent.push(body);
    }
    sent
}

/// Checks each part of `C::WIRE` in `body`, as the reply for `code` with
/// `message`: a field added to `Wire` does not compile here until it is
/// checked too.
fn every_wire_part_is_where_it_says<C: Catalogue>(code: C, body: &Value, message: &str, received: &Received) {
    let Wire {
        code: code_at,
        integer_code,
        message: message_at,
        details,
        code_header,
        status,
        doc_url,
        category,
        constants,
        field_errors,
    } = C::WIRE;
    let what = format!("{} {body}", code.as_str());
    let code_json = match integer_code {
        true => json!(code.as_str().parse::<i64>().expect("an integer code")),
        false => json!(code.as_str()),
    };
    let mut parts = vec![(Some(code_at), code_json)];
    parts.push((message_at, json!(message)));
    parts.push((details, json!({"hint": "sent where the API sends details"})));
    parts.push((status, json!(code.http_status())));
    parts.push((doc_url, json!(code.doc_url())));
    parts.push((category, json!(code.category_id())));
    for (pointer, value) in parts {
        if let Some(pointer) = pointer {
            assert_eq!(body.pointer(pointer), Some(&value), "{pointer} in {what}");
        }
    }
    for (pointer, text) in constants {
        let value: Value = serde_json::from_str(text).expect("a constant is JSON");
        assert_eq!(body.pointer(pointer), Some(&value), "{pointer} in {what}");
    }
    if let Some(header) = code_header {
        assert_eq!(received.header(header), Some(code.as_str()), "{what}");
    }
    // Field errors are where the entries say: what the validation view reads
    // of them is tests/real_replies/field_errors.rs's subject.
    if let Some(at) = field_errors {
        let (before_any_star, _) = at.entries.split_once("/*").unwrap_or((at.entries, ""));
        assert!(body.pointer(before_any_star).is_some(), "{} in {what}", at.entries);
    }
}

#[tokio::test]
async fn google_replies_carry_the_status_name_the_status_number_and_the_details_array() {
    let sent = every_code_is_sent_in_its_envelope_and_read_back::<super::google::ErrorCode>(&[]).await;
    for body in sent {
        assert!(
            body["error"]["code"].is_u64() && body["error"]["status"].is_string(),
            "{body}"
        );
    }
    // Google's details are an array of typed messages.
    let details = json!([{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED"}]);
    let reply = super::google::ErrorResponse::new(super::google::ErrorCode::ResourceExhausted).details(details.clone());
    let received = Received::of(reply).await;
    assert_eq!(received.json()["error"]["details"], details);
    let read = received.read::<super::google::ErrorCode>();
    assert_eq!(read.details().map(|details| details.to_serde()), Some(details));
}

#[tokio::test]
async fn stripe_replies_carry_type_doc_url_and_the_param_a_server_sets() {
    let param = [("/error/param", json!("amount"))];
    let sent = every_code_is_sent_in_its_envelope_and_read_back::<super::stripe::ErrorCode>(&param).await;
    for body in &sent {
        assert_eq!(body["error"]["param"], "amount", "{body}");
        assert!(
            body["error"]["doc_url"]
                .as_str()
                .is_some_and(|url| url.starts_with("https://stripe.com/docs/error-codes/"))
        );
        assert_eq!(body.get("details"), None, "Stripe's body has no details: {body}");
    }
    let declined = &sent[Catalogue::index(super::stripe::ErrorCode::CardDeclined)];
    assert_eq!(
        declined["error"]["doc_url"],
        "https://stripe.com/docs/error-codes/card-declined"
    );
}

#[tokio::test]
async fn oauth_replies_carry_error_description_and_error_uri() {
    let sent = every_code_is_sent_in_its_envelope_and_read_back::<super::oauth2::ErrorCode>(&[]).await;
    for body in sent {
        let members: Vec<&String> = body.as_object().expect("an object").keys().collect();
        assert_eq!(members, ["error", "error_description", "error_uri"], "{body}");
    }
}

#[tokio::test]
async fn json_rpc_replies_carry_the_version_and_the_id_a_server_sets() {
    use super::jsonrpc::ErrorCode;
    let id = [("/id", json!(7))];
    let sent = every_code_is_sent_in_its_envelope_and_read_back::<ErrorCode>(&id).await;
    for body in sent {
        assert_eq!((&body["jsonrpc"], &body["id"]), (&json!("2.0"), &json!(7)), "{body}");
        assert!(body["error"]["code"].is_i64(), "{body}");
    }
    // The envelope wins: no member can change the version or the code.
    let forged = super::jsonrpc::ErrorResponse::new(ErrorCode::MethodNotFound)
        .member("/jsonrpc", json!("1.0"))
        .and_then(|reply| reply.member("/error/code", json!(0)))
        .expect("pointers into objects");
    let received = Received::of(forged).await;
    let body = received.json();
    assert_eq!(
        (&body["jsonrpc"], &body["error"]["code"]),
        (&json!("2.0"), &json!(-32601))
    );
    assert_eq!(received.status, 200);
    assert!(received.read::<ErrorCode>().is_error());
    // A pointer through a member that is not an object is refused.
    let refused = super::jsonrpc::ErrorResponse::new(ErrorCode::MethodNotFound)
        .member("/id", json!(7))
        .and_then(|reply| reply.member("/id/x", json!(1)));
    assert!(refused.is_err());
}
