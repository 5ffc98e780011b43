//! [`StatusClass`]: the class of an HTTP status, from its first digit.

/// The class of an HTTP status, from its first digit (RFC 9110, section 15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusClass {
    /// Informational (`1xx`).
    Informational,
    /// Success (`2xx`).
    Success,
    /// Redirection (`3xx`).
    Redirection,
    /// Client Error (`4xx`).
    ClientError,
    /// Server Error (`5xx`).
    ServerError,
}

impl StatusClass {
    /// Every class, from `1xx` to `5xx`.
    pub const ALL: [StatusClass; 5] = [
        StatusClass::Informational,
        StatusClass::Success,
        StatusClass::Redirection,
        StatusClass::ClientError,
        StatusClass::ServerError,
    ];

    /// The class of `status`, or `None` outside 100–599.
    pub const fn of(status: u16) -> Option<StatusClass> {
        match status {
            100..=199 => Some(StatusClass::Informational),
            200..=299 => Some(StatusClass::Success),
            300..=399 => Some(StatusClass::Redirection),
            400..=499 => Some(StatusClass::ClientError),
            500..=599 => Some(StatusClass::ServerError),
            _ => None,
        }
    }

    /// The class's name, e.g. "Client Error".
    pub const fn title(self) -> &'static str {
        match self {
            StatusClass::Informational => "Informational",
            StatusClass::Success => "Success",
            StatusClass::Redirection => "Redirection",
            StatusClass::ClientError => "Client Error",
            StatusClass::ServerError => "Server Error",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_digit_decides_the_class() {
        let cases = [
            (100, "Informational"),
            (204, "Success"),
            (308, "Redirection"),
            (429, "Client Error"),
            (599, "Server Error"),
        ];
        for (status, title) in cases {
            assert_eq!(StatusClass::of(status).map(StatusClass::title), Some(title), "{status}");
        }
        for status in [0, 99, 600, 999] {
            assert_eq!(StatusClass::of(status), None, "{status}");
        }
    }

    #[test]
    fn all_lists_the_classes_in_order() {
        for (i, class) in StatusClass::ALL.into_iter().enumerate() {
            assert_eq!(class as usize, i);
            assert_eq!(StatusClass::of(100 * (i as u16 + 1)), Some(class));
        }
    }
}
