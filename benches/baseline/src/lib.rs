//! What a team writes by hand instead of generating `ofauth-errors`: the
//! OFAuth codes as an enum whose string conversions come from strum and whose
//! `Error` impl comes from thiserror. Used only to time a cold `cargo build`.

/// Every OFAuth API error code.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumString, strum::IntoStaticStr, strum::EnumIter, thiserror::Error,
)]
#[non_exhaustive]
pub enum ErrorCode {
    #[strum(serialize = "AUTH_INVALID_KEY")]
    #[error("API key is invalid or malformed")]
    AuthInvalidKey,
    #[strum(serialize = "AUTH_KEY_EXPIRED")]
    #[error("API key has expired")]
    AuthKeyExpired,
    #[strum(serialize = "AUTH_INSUFFICIENT_SCOPE")]
    #[error("API key lacks required permissions")]
    AuthInsufficientScope,
    #[strum(serialize = "AUTH_CONNECTION_NOT_FOUND")]
    #[error("Connection ID doesn’t exist")]
    AuthConnectionNotFound,
    #[strum(serialize = "AUTH_SESSION_EXPIRED")]
    #[error("User session has expired")]
    AuthSessionExpired,
    #[strum(serialize = "VALIDATION_REQUIRED_FIELD")]
    #[error("Required field missing")]
    ValidationRequiredField,
    #[strum(serialize = "VALIDATION_INVALID_FORMAT")]
    #[error("Field format is incorrect")]
    ValidationInvalidFormat,
    #[strum(serialize = "VALIDATION_INVALID_VALUE")]
    #[error("Field value is invalid")]
    ValidationInvalidValue,
    #[strum(serialize = "VALIDATION_FIELD_TOO_LONG")]
    #[error("Field exceeds maximum length")]
    ValidationFieldTooLong,
    #[strum(serialize = "RATE_LIMIT_EXCEEDED")]
    #[error("Request rate limit exceeded")]
    RateLimitExceeded,
    #[strum(serialize = "RATE_LIMIT_QUOTA_EXCEEDED")]
    #[error("Monthly quota exceeded")]
    RateLimitQuotaExceeded,
    #[strum(serialize = "CONNECTION_NOT_FOUND")]
    #[error("Connection ID not found")]
    ConnectionNotFound,
    #[strum(serialize = "CONNECTION_EXPIRED")]
    #[error("Connection has expired")]
    ConnectionExpired,
    #[strum(serialize = "CONNECTION_INVALID_STATE")]
    #[error("Connection in invalid state")]
    ConnectionInvalidState,
    #[strum(serialize = "CONNECTION_LIMIT_EXCEEDED")]
    #[error("Too many connections")]
    ConnectionLimitExceeded,
    #[strum(serialize = "UPSTREAM_UNAVAILABLE")]
    #[error("OnlyFans API unavailable")]
    UpstreamUnavailable,
    #[strum(serialize = "UPSTREAM_TIMEOUT")]
    #[error("OnlyFans API timeout")]
    UpstreamTimeout,
    #[strum(serialize = "UPSTREAM_RATE_LIMITED")]
    #[error("OnlyFans rate limit hit")]
    UpstreamRateLimited,
    #[strum(serialize = "UPSTREAM_INVALID_RESPONSE")]
    #[error("Unexpected upstream response")]
    UpstreamInvalidResponse,
    #[strum(serialize = "RULES_OUTDATED")]
    #[error("Dynamic rules need updating")]
    RulesOutdated,
    #[strum(serialize = "RULES_UNAVAILABLE")]
    #[error("Rules service unavailable")]
    RulesUnavailable,
    #[strum(serialize = "RULES_INVALID_SIGNATURE")]
    #[error("Request signature invalid")]
    RulesInvalidSignature,
}

/// How a client may retry a request that failed with a given code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Retry {
    /// Repeating the request cannot succeed.
    Never,
    /// Retry with exponential backoff.
    Transient,
    /// Wait for the server's hint.
    Throttled,
}

impl ErrorCode {
    /// The code as sent on the wire.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The HTTP status the code is sent with.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::AuthInvalidKey => 401,
            ErrorCode::AuthKeyExpired => 401,
            ErrorCode::AuthInsufficientScope => 403,
            ErrorCode::AuthConnectionNotFound => 404,
            ErrorCode::AuthSessionExpired => 401,
            ErrorCode::ValidationRequiredField => 422,
            ErrorCode::ValidationInvalidFormat => 422,
            ErrorCode::ValidationInvalidValue => 422,
            ErrorCode::ValidationFieldTooLong => 422,
            ErrorCode::RateLimitExceeded => 429,
            ErrorCode::RateLimitQuotaExceeded => 429,
            ErrorCode::ConnectionNotFound => 404,
            ErrorCode::ConnectionExpired => 401,
            ErrorCode::ConnectionInvalidState => 400,
            ErrorCode::ConnectionLimitExceeded => 403,
            ErrorCode::UpstreamUnavailable => 502,
            ErrorCode::UpstreamTimeout => 504,
            ErrorCode::UpstreamRateLimited => 429,
            ErrorCode::UpstreamInvalidResponse => 502,
            ErrorCode::RulesOutdated => 503,
            ErrorCode::RulesUnavailable => 503,
            ErrorCode::RulesInvalidSignature => 401,
        }
    }

    /// How a client may retry.
    pub fn retry(self) -> Retry {
        match self {
            ErrorCode::AuthInvalidKey => Retry::Never,
            ErrorCode::AuthKeyExpired => Retry::Never,
            ErrorCode::AuthInsufficientScope => Retry::Never,
            ErrorCode::AuthConnectionNotFound => Retry::Never,
            ErrorCode::AuthSessionExpired => Retry::Never,
            ErrorCode::ValidationRequiredField => Retry::Never,
            ErrorCode::ValidationInvalidFormat => Retry::Never,
            ErrorCode::ValidationInvalidValue => Retry::Never,
            ErrorCode::ValidationFieldTooLong => Retry::Never,
            ErrorCode::RateLimitExceeded => Retry::Throttled,
            ErrorCode::RateLimitQuotaExceeded => Retry::Never,
            ErrorCode::ConnectionNotFound => Retry::Never,
            ErrorCode::ConnectionExpired => Retry::Never,
            ErrorCode::ConnectionInvalidState => Retry::Never,
            ErrorCode::ConnectionLimitExceeded => Retry::Never,
            ErrorCode::UpstreamUnavailable => Retry::Transient,
            ErrorCode::UpstreamTimeout => Retry::Transient,
            ErrorCode::UpstreamRateLimited => Retry::Throttled,
            ErrorCode::UpstreamInvalidResponse => Retry::Never,
            ErrorCode::RulesOutdated => Retry::Transient,
            ErrorCode::RulesUnavailable => Retry::Transient,
            ErrorCode::RulesInvalidSignature => Retry::Never,
        }
    }

    /// The category id the code belongs to.
    pub fn category(self) -> &'static str {
        match self {
            ErrorCode::AuthInvalidKey => "auth",
            ErrorCode::AuthKeyExpired => "auth",
            ErrorCode::AuthInsufficientScope => "auth",
            ErrorCode::AuthConnectionNotFound => "auth",
            ErrorCode::AuthSessionExpired => "auth",
            ErrorCode::ValidationRequiredField => "validation",
            ErrorCode::ValidationInvalidFormat => "validation",
            ErrorCode::ValidationInvalidValue => "validation",
            ErrorCode::ValidationFieldTooLong => "validation",
            ErrorCode::RateLimitExceeded => "rate_limit",
            ErrorCode::RateLimitQuotaExceeded => "rate_limit",
            ErrorCode::ConnectionNotFound => "connection",
            ErrorCode::ConnectionExpired => "connection",
            ErrorCode::ConnectionInvalidState => "connection",
            ErrorCode::ConnectionLimitExceeded => "connection",
            ErrorCode::UpstreamUnavailable => "upstream",
            ErrorCode::UpstreamTimeout => "upstream",
            ErrorCode::UpstreamRateLimited => "upstream",
            ErrorCode::UpstreamInvalidResponse => "upstream",
            ErrorCode::RulesOutdated => "rules",
            ErrorCode::RulesUnavailable => "rules",
            ErrorCode::RulesInvalidSignature => "rules",
        }
    }

    /// What the caller should do about it.
    pub fn resolution(self) -> &'static str {
        match self {
            ErrorCode::AuthInvalidKey => "Verify API key format and validity",
            ErrorCode::AuthKeyExpired => "Generate new API key",
            ErrorCode::AuthInsufficientScope => "Contact support for permission upgrade",
            ErrorCode::AuthConnectionNotFound => "Re-authenticate user",
            ErrorCode::AuthSessionExpired => "Re-authenticate user",
            ErrorCode::ValidationRequiredField => "Add missing field to request",
            ErrorCode::ValidationInvalidFormat => "Fix field format",
            ErrorCode::ValidationInvalidValue => "Use valid field value",
            ErrorCode::ValidationFieldTooLong => "Shorten field value",
            ErrorCode::RateLimitExceeded => "Wait and retry with backoff",
            ErrorCode::RateLimitQuotaExceeded => "Upgrade plan or wait for reset",
            ErrorCode::ConnectionNotFound => "Re-authenticate user",
            ErrorCode::ConnectionExpired => "Re-authenticate user",
            ErrorCode::ConnectionInvalidState => "Check connection status",
            ErrorCode::ConnectionLimitExceeded => "Remove unused connections",
            ErrorCode::UpstreamUnavailable => "Retry after delay",
            ErrorCode::UpstreamTimeout => "Retry with longer timeout",
            ErrorCode::UpstreamRateLimited => "Wait and retry",
            ErrorCode::UpstreamInvalidResponse => "Report to support",
            ErrorCode::RulesOutdated => "Wait and retry",
            ErrorCode::RulesUnavailable => "Wait and retry",
            ErrorCode::RulesInvalidSignature => "Update rules and regenerate signature",
        }
    }
}
