//! Warnings by name: each warning has a stable snake_case name, shown under
//! it, so that a catalogue whose API really does the unusual thing can say so
//! on the code (`allow: [throttled_status]`) and `--deny-warnings` passes.

use crate::suggest::closest;

/// A named warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lint {
    /// `retry: throttled` on a status other than 429 or 503 (RFC 8628's
    /// `slow_down` is throttled on 400).
    ThrottledStatus,
    /// `retry: transient` on a 4xx other than 408, 425 or 429 (Stripe's
    /// `idempotency_key_in_use`, 409, is meant to be retried).
    TransientClientError,
    /// A code sent with a 2xx status (JSON-RPC over HTTP answers 200).
    SuccessStatus,
    /// A code's `allow:` names a warning the code does not raise, so the
    /// acknowledgement would hide the warning if it came back by mistake.
    /// Itself not acknowledgeable: the fix is to remove the name.
    UnusedAllow,
}

impl Lint {
    /// Every warning, by name.
    pub const ALL: [Lint; 4] = [
        Lint::ThrottledStatus,
        Lint::TransientClientError,
        Lint::SuccessStatus,
        Lint::UnusedAllow,
    ];

    /// The stable name a catalogue writes in `allow:`.
    pub fn name(self) -> &'static str {
        match self {
            Lint::ThrottledStatus => "throttled_status",
            Lint::TransientClientError => "transient_client_error",
            Lint::SuccessStatus => "success_status",
            Lint::UnusedAllow => "unused_allow",
        }
    }

    /// The warning called `name`, or the help for a name that is none.
    pub fn from_name(name: &str) -> Result<Lint, String> {
        if let Some(lint) = Lint::ALL.into_iter().find(|lint| lint.name() == name) {
            return Ok(lint);
        }
        let names = Lint::ALL.map(Lint::name);
        Err(match closest(name, &names) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the warnings are {}", names.map(|name| format!("`{name}`")).join(", ")),
        })
    }

    /// The line shown under the warning: its name and how to acknowledge it.
    pub fn note(self) -> String {
        let name = self.name();
        if self == Lint::UnusedAllow {
            return format!("this warning is `{name}`; remove the name from `allow:` (it cannot itself be allowed)");
        }
        format!(
            "this warning is `{name}`; if the API really does this, acknowledge it on the code with `allow: [{name}]`"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_warning_is_found_by_its_name_and_a_near_miss_gets_a_suggestion() {
        for lint in Lint::ALL {
            assert_eq!(Lint::from_name(lint.name()), Ok(lint));
        }
        assert_eq!(
            Lint::from_name("throttled_statu"),
            Err("did you mean `throttled_status`?".to_owned())
        );
        assert!(
            Lint::from_name("zzz")
                .unwrap_err()
                .starts_with("the warnings are `throttled_status`")
        );
    }
}
