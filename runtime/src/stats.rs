//! [`ErrorStats`]: per-code error counters cheap enough to update on every
//! error, with an alert when one code spikes.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::{ApiError, ErrorCode, StatusClass};

/// The HTTP status classes, 1xx to 5xx (RFC 9110, section 15).
const STATUS_CLASSES: usize = 5;
/// Columns of the count table: one per status class, then one for statuses
/// outside them.
const COLUMNS: usize = STATUS_CLASSES + 1;
/// Slots of an alert's sliding window: the window moves in steps of 1/8.
const SLOTS: usize = 8;

/// Counts errors per code, for unknown codes, and per status class, with
/// atomics only (`Send + Sync`, no lock): share one per client and call
/// [`record`](ErrorStats::record) on every error.
///
/// Labels stay bounded: a code this crate does not know counts as `unknown`,
/// never under its own string. With the `tracing` feature, `record` also
/// emits one `tracing` event per error.
pub struct ErrorStats {
    /// One row per code, then one for unknown codes; one column per status
    /// class, then one for other statuses. An error adds to a single cell, so
    /// recording costs one atomic add; rows and columns are summed when read.
    counts: Box<[[AtomicU64; COLUMNS]]>,
    alert: Option<AlertRule>,
}

impl ErrorStats {
    /// Counters at zero, without an alert.
    pub fn new() -> ErrorStats {
        ErrorStats {
            counts: (0..=ErrorCode::ALL.len()).map(|_| Default::default()).collect(),
            alert: None,
        }
    }

    /// The same counters, calling `on_alert` for a code when more than `limit`
    /// of its errors are recorded within `window`: at most once per `window`
    /// for each code, and again once a whole `window` has passed since its
    /// last alert if its errors pass the limit again.
    ///
    /// The window slides in steps of an eighth of its length, and concurrent
    /// recorders may miss a count when a step begins: the alert is for
    /// spotting spikes, not for exact accounting.
    pub fn with_alert(
        mut self,
        limit: u64,
        window: Duration,
        on_alert: impl Fn(&ThresholdAlert) + Send + Sync + 'static,
    ) -> ErrorStats {
        self.alert = Some(AlertRule {
            limit,
            window,
            slot_nanos: (window.as_nanos() / SLOTS as u128).max(1),
            started: Instant::now(),
            windows: ErrorCode::ALL.iter().map(|_| SlidingWindow::default()).collect(),
            on_alert: Box::new(on_alert),
        });
        self
    }

    /// Counts one error.
    pub fn record(&self, err: &ApiError) {
        self.record_with_clock(err, Instant::now);
    }

    /// Counts one error received at `now`.
    #[cfg(test)]
    fn record_at(&self, err: &ApiError, now: Instant) {
        self.record_with_clock(err, || now);
    }

    /// Counts one error, reading `clock` only for an alert: reading the clock
    /// costs more than all the counting.
    fn record_with_clock(&self, err: &ApiError, clock: impl FnOnce() -> Instant) {
        let row = err.code().map_or(self.unknown_row(), |code| code as usize);
        let column = StatusClass::of(err.status()).map_or(STATUS_CLASSES, |class| class as usize);
        if let Some(cells) = self.counts.get(row) {
            cells[column].fetch_add(1, Ordering::Relaxed);
        }
        if let (Some(alert), Some(code)) = (&self.alert, err.code()) {
            alert.record(code, clock());
        }
        #[cfg(feature = "tracing")]
        emit_event(err);
    }

    /// The counts so far.
    pub fn snapshot(&self) -> StatsSnapshot {
        let rows: Vec<[u64; COLUMNS]> = self
            .counts
            .iter()
            .map(|cells| std::array::from_fn(|column| cells[column].load(Ordering::Relaxed)))
            .collect();
        let (known, unknown) = rows.split_at(self.unknown_row());
        StatsSnapshot {
            by_code: known.iter().map(|cells| cells.iter().sum()).collect(),
            unknown: unknown.iter().flatten().sum(),
            by_class: std::array::from_fn(|class| rows.iter().map(|cells| cells[class]).sum()),
        }
    }

    /// The row counting codes this crate does not know, after the codes' rows.
    fn unknown_row(&self) -> usize {
        self.counts.len() - 1
    }
}

impl Default for ErrorStats {
    fn default() -> ErrorStats {
        ErrorStats::new()
    }
}

impl fmt::Debug for ErrorStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorStats")
            .field("counts", &self.snapshot())
            .field("alert", &self.alert.as_ref().map(|alert| (alert.limit, alert.window)))
            .finish()
    }
}

/// One structured event per error, with bounded labels: `code` is a catalogue
/// code or `unknown`, `category` a catalogue category id or `unknown`.
#[cfg(feature = "tracing")]
fn emit_event(err: &ApiError) {
    tracing::event!(
        tracing::Level::WARN,
        code = err.code().map_or("unknown", ErrorCode::as_str),
        status = err.status(),
        category = err.category().map_or("unknown", crate::Category::id),
        kind = err.kind().as_str(),
        retryable = err.is_retryable(),
        request_id = err.request_id(),
        "API error reply"
    );
}

/// Counts read at one moment from [`ErrorStats::snapshot`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsSnapshot {
    by_code: Vec<u64>,
    unknown: u64,
    by_class: [u64; STATUS_CLASSES],
}

impl StatsSnapshot {
    /// Errors with `code`.
    pub fn count(&self, code: ErrorCode) -> u64 {
        self.by_code.get(code as usize).copied().unwrap_or(0)
    }

    /// Errors without a code this crate knows (none, or an unknown one).
    pub fn unknown(&self) -> u64 {
        self.unknown
    }

    /// Errors with a status of `class`.
    pub fn status_class(&self, class: StatusClass) -> u64 {
        self.by_class[class as usize]
    }

    /// All errors recorded.
    pub fn total(&self) -> u64 {
        self.by_code.iter().sum::<u64>() + self.unknown
    }

    /// Each code with its count, in catalogue order.
    pub fn counts(&self) -> impl Iterator<Item = (ErrorCode, u64)> + '_ {
        ErrorCode::ALL.iter().map(move |&code| (code, self.count(code)))
    }
}

/// What a threshold alert reports: `code` passed `limit` errors within `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThresholdAlert {
    /// The code that spiked.
    pub code: ErrorCode,
    /// Its count within the window when the alert fired.
    pub count: u64,
    /// The configured limit.
    pub limit: u64,
    /// The configured window.
    pub window: Duration,
}

struct AlertRule {
    limit: u64,
    window: Duration,
    slot_nanos: u128,
    started: Instant,
    windows: Box<[SlidingWindow]>,
    on_alert: Box<dyn Fn(&ThresholdAlert) + Send + Sync>,
}

impl AlertRule {
    fn record(&self, code: ErrorCode, now: Instant) {
        let Some(window) = self.windows.get(code as usize) else {
            return;
        };
        let elapsed = now.saturating_duration_since(self.started).as_nanos();
        let slot = u64::try_from(elapsed / self.slot_nanos).unwrap_or(u64::MAX);
        let count = window.add(slot);
        if count > self.limit && window.claim_alert(slot) {
            (self.on_alert)(&ThresholdAlert {
                code,
                count,
                limit: self.limit,
                window: self.window,
            });
        }
    }
}

/// One code's counts in the last `SLOTS` slots: `counts[i]` belongs to slot
/// number `slots[i]`, and the first recorder in a new slot resets it.
#[derive(Default)]
struct SlidingWindow {
    counts: [AtomicU64; SLOTS],
    slots: [AtomicU64; SLOTS],
    /// One more than the slot of the last alert; 0 before the first.
    alerted_after: AtomicU64,
}

impl SlidingWindow {
    /// Whether an alert may fire in `slot`, claiming it if so: none has fired
    /// within the window ending at `slot`. One recorder wins the claim.
    fn claim_alert(&self, slot: u64) -> bool {
        let next = slot.saturating_add(1);
        self.alerted_after
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |after| {
                (after == 0 || next >= after.saturating_add(SLOTS as u64)).then_some(next)
            })
            .is_ok()
    }

    /// Counts one error in `slot`; returns the count over the window.
    fn add(&self, slot: u64) -> u64 {
        let i = (slot % SLOTS as u64) as usize;
        let seen = self.slots[i].load(Ordering::Acquire);
        if seen != slot
            && self.slots[i]
                .compare_exchange(seen, slot, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
        {
            self.counts[i].store(0, Ordering::Release);
        }
        self.counts[i].fetch_add(1, Ordering::AcqRel);
        let oldest = slot.saturating_sub(SLOTS as u64 - 1);
        (0..SLOTS)
            .filter(|&j| (oldest..=slot).contains(&self.slots[j].load(Ordering::Acquire)))
            .map(|j| self.counts[j].load(Ordering::Acquire))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    fn reply(status: u16, code: Option<ErrorCode>) -> ApiError {
        let body = code.map(|code| format!(r#"{{"error": "e", "code": "{}"}}"#, code.as_str())).unwrap_or_default();
        ApiError::from_parts(status, &[], body.as_bytes())
    }

    fn known(code: ErrorCode) -> ApiError {
        reply(code.http_status(), Some(code))
    }

    /// How often the test below records the code at `index`: different
    /// counts for neighbours, linear in the catalogue's size.
    fn times(index: usize) -> u64 {
        index as u64 % 5 + 1
    }

    #[test]
    fn counts_per_code_unknown_and_status_class() {
        let stats = ErrorStats::new();
        for (i, &code) in ErrorCode::ALL.iter().enumerate() {
            let err = known(code);
            (0..times(i)).for_each(|_| stats.record(&err));
        }
        stats.record(&reply(502, None));
        stats.record(&ApiError::from_parts(429, &[], br#"{"error": "e", "code": "NOT_IN_ANY_CATALOGUE_XYZ"}"#));
        stats.record(&reply(0, None));
        let snapshot = stats.snapshot();
        for (i, &code) in ErrorCode::ALL.iter().enumerate() {
            assert_eq!(snapshot.count(code), times(i), "{code:?}");
        }
        assert_eq!(snapshot.unknown(), 3);
        let known_total: u64 = snapshot.counts().map(|(_, count)| count).sum();
        assert_eq!(snapshot.total(), known_total + 3);
        let class_of = |status: u16| StatusClass::of(status).expect("an error status");
        let server = ErrorCode::ALL.iter().enumerate().filter(|(_, code)| class_of(code.http_status()) == StatusClass::ServerError);
        let expected_server: u64 = server.map(|(i, _)| times(i)).sum::<u64>() + 1;
        assert_eq!(snapshot.status_class(StatusClass::ServerError), expected_server);
        let by_class = [StatusClass::Informational, StatusClass::Success, StatusClass::Redirection, StatusClass::ClientError, StatusClass::ServerError];
        let classified: u64 = by_class.iter().map(|&class| snapshot.status_class(class)).sum();
        assert_eq!(classified, snapshot.total() - 1, "status 0 has no class");
    }

    #[test]
    fn counts_from_many_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<ErrorStats>();
        let stats = Arc::new(ErrorStats::new());
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let stats = Arc::clone(&stats);
                std::thread::spawn(move || (0..250).for_each(|_| stats.record(&reply(503, None))))
            })
            .collect();
        workers.into_iter().for_each(|worker| worker.join().unwrap_or(()));
        assert_eq!(stats.snapshot().unknown(), 1000);
        assert_eq!(stats.snapshot().total(), 1000);
    }

    fn alerting(limit: u64, window: Duration) -> (ErrorStats, Arc<Mutex<Vec<ThresholdAlert>>>) {
        let fired = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&fired);
        let stats = ErrorStats::new().with_alert(limit, window, move |alert| {
            if let Ok(mut alerts) = sink.lock() {
                alerts.push(*alert);
            }
        });
        (stats, fired)
    }

    fn fired(alerts: &Mutex<Vec<ThresholdAlert>>) -> Vec<ThresholdAlert> {
        alerts.lock().map(|alerts| alerts.clone()).unwrap_or_default()
    }

    #[test]
    fn the_alert_fires_once_when_a_code_passes_the_limit_within_the_window() {
        let Some(&code) = ErrorCode::ALL.first() else { return };
        let window = Duration::from_secs(60);
        let (stats, alerts) = alerting(3, window);
        let start = Instant::now();
        for second in 0..3 {
            stats.record_at(&known(code), start + Duration::from_secs(second));
        }
        assert!(fired(&alerts).is_empty(), "three errors do not pass a limit of three");
        for second in 3..10 {
            stats.record_at(&known(code), start + Duration::from_secs(second));
        }
        assert_eq!(fired(&alerts), [ThresholdAlert { code, count: 4, limit: 3, window }]);
        stats.record(&reply(500, None));
        assert_eq!(fired(&alerts).len(), 1, "unknown codes do not alert");
    }

    #[test]
    fn the_alert_fires_again_once_per_window_while_the_spike_lasts() {
        let Some(&code) = ErrorCode::ALL.first() else { return };
        let window = Duration::from_secs(8);
        let (stats, alerts) = alerting(2, window);
        let start = Instant::now();
        // Four errors a second for 20 seconds: over the limit all along.
        for tick in 0..80 {
            stats.record_at(&known(code), start + Duration::from_millis(tick * 250));
        }
        assert_eq!(fired(&alerts).len(), 3, "at 0.5 s, 8 s and 16 s: {:?}", fired(&alerts));
        // Quiet for a window, then a new spike alerts at once.
        let later = start + Duration::from_secs(40);
        (0..3).for_each(|_| stats.record_at(&known(code), later));
        assert_eq!(fired(&alerts).len(), 4);
    }

    #[test]
    fn errors_spread_wider_than_the_window_do_not_alert() {
        let Some(&code) = ErrorCode::ALL.first() else { return };
        let (stats, alerts) = alerting(3, Duration::from_secs(8));
        let start = Instant::now();
        for minute in 0..100 {
            stats.record_at(&known(code), start + Duration::from_secs(minute * 60));
        }
        assert!(fired(&alerts).is_empty());
        assert_eq!(stats.snapshot().count(code), 100);
        // Four in one slot pass the limit.
        let late = start + Duration::from_secs(100 * 60);
        (0..4).for_each(|_| stats.record_at(&known(code), late));
        assert_eq!(fired(&alerts).len(), 1);
    }
}
