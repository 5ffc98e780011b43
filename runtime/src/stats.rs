//! [`ErrorStats`]: per-code error counters cheap enough to update on every
//! error, with an alert when one code spikes; one value counts the errors of
//! several catalogues.

use std::any::TypeId;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use super::api_error::ApiError;
use super::catalogue::Catalogue;
use super::status_class::StatusClass;

/// The most catalogues one [`ErrorStats`] counts per code: 8. The errors of a
/// ninth catalogue and beyond still count in the totals and status classes,
/// and in [`StatsSnapshot::overflow`], but not per code.
///
/// A client talks to a handful of APIs; a fixed number of tables lets
/// [`ErrorStats::record`] find its catalogue's table without a lock.
pub const MAX_CATALOGUES: usize = 8;

/// The HTTP status classes, 1xx to 5xx (RFC 9110, section 15).
const STATUS_CLASSES: usize = StatusClass::ALL.len();
/// Columns of the count table: one per status class, then one for statuses
/// outside them.
const COLUMNS: usize = STATUS_CLASSES + 1;
/// Slots of an alert's sliding window: the window moves in steps of 1/8.
const SLOTS: usize = 8;

/// Counts errors per code, for unknown codes, and per status class, with
/// atomics only on the hot path (`Send + Sync`): share one per client and
/// call [`record`](ErrorStats::record) on every error, whichever catalogue it
/// comes from (at most [`MAX_CATALOGUES`] are counted per code).
///
/// Labels stay bounded: a code the catalogue does not know counts as
/// `unknown`, never under its own string. With the `tracing` feature,
/// `record` also emits one `tracing` event per error.
pub struct ErrorStats {
    /// One table per catalogue, in the order their first errors came. A slot
    /// is set once, under `registering`, and read without a lock.
    tables: [OnceLock<CatalogueTable>; MAX_CATALOGUES],
    /// Held while a catalogue takes the next free slot.
    registering: Mutex<()>,
    /// Errors of catalogues past [`MAX_CATALOGUES`], per column.
    overflow: [AtomicU64; COLUMNS],
    alert: Option<AlertRule>,
}

/// The counters of one catalogue.
struct CatalogueTable {
    catalogue: TypeId,
    api: &'static str,
    /// One row per code, then one for unknown codes; one column per status
    /// class, then one for other statuses. An error adds to a single cell, so
    /// recording costs one atomic add; rows and columns are summed when read.
    counts: Box<[[AtomicU64; COLUMNS]]>,
    /// One sliding window per code when there is an alert, else none.
    windows: Box<[SlidingWindow]>,
}

impl CatalogueTable {
    fn new<C: Catalogue>(alert: bool) -> CatalogueTable {
        CatalogueTable {
            catalogue: TypeId::of::<C>(),
            api: C::API_NAME,
            counts: (0..=C::ALL.len()).map(|_| Default::default()).collect(),
            windows: alert_windows(alert, C::ALL.len()),
        }
    }
}

/// A sliding window per code when `alert` is set, else none.
fn alert_windows(alert: bool, codes: usize) -> Box<[SlidingWindow]> {
    (0..if alert { codes } else { 0 })
        .map(|_| SlidingWindow::default())
        .collect()
}

impl ErrorStats {
    /// Counters at zero, without an alert.
    pub fn new() -> ErrorStats {
        ErrorStats {
            tables: std::array::from_fn(|_| OnceLock::new()),
            registering: Mutex::new(()),
            overflow: Default::default(),
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
        for table in self.tables.iter_mut().filter_map(OnceLock::get_mut) {
            table.windows = alert_windows(true, table.counts.len() - 1);
        }
        self.alert = Some(AlertRule {
            limit,
            window,
            slot_nanos: (window.as_nanos() / SLOTS as u128).max(1),
            started: Instant::now(),
            on_alert: Box::new(on_alert),
        });
        self
    }

    /// Counts one error.
    pub fn record<C: Catalogue>(&self, err: &ApiError<C>) {
        self.record_with_clock(err, Instant::now);
    }

    /// Counts one error received at `now`.
    #[cfg(test)]
    fn record_at<C: Catalogue>(&self, err: &ApiError<C>, now: Instant) {
        self.record_with_clock(err, || now);
    }

    /// Counts one error, reading `clock` only for an alert: reading the clock
    /// costs more than all the counting.
    fn record_with_clock<C: Catalogue>(&self, err: &ApiError<C>, clock: impl FnOnce() -> Instant) {
        let column = StatusClass::of(err.status()).map_or(STATUS_CLASSES, |class| class as usize);
        match self.table::<C>() {
            Some(table) => {
                let row = err.code().map_or(table.counts.len() - 1, C::index);
                if let Some(cells) = table.counts.get(row) {
                    cells[column].fetch_add(1, Ordering::Relaxed);
                }
                let watched = err
                    .code()
                    .and_then(|code| Some((code, table.windows.get(code.index())?)));
                if let (Some(alert), Some((code, window))) = (&self.alert, watched) {
                    alert.record(C::API_NAME, code.as_str(), window, clock());
                }
            }
            None => {
                self.overflow[column].fetch_add(1, Ordering::Relaxed);
            }
        }
        #[cfg(feature = "tracing")]
        emit_event(err);
    }

    /// The table of catalogue `C`, registering it on its first error; `None`
    /// when [`MAX_CATALOGUES`] others hold every table.
    fn table<C: Catalogue>(&self) -> Option<&CatalogueTable> {
        match self.find::<C>() {
            Lookup::Found(table) => Some(table),
            Lookup::Free(_) => self.register::<C>(),
            Lookup::Full => None,
        }
    }

    /// Gives catalogue `C` the first free table, unless another thread did
    /// meanwhile.
    #[cold]
    fn register<C: Catalogue>(&self) -> Option<&CatalogueTable> {
        // A recorder that panicked while holding the lock left no table half
        // set (`OnceLock` sets whole), so the lock is still good.
        let _registering = self.registering.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match self.find::<C>() {
            Lookup::Found(table) => Some(table),
            Lookup::Free(slot) => Some(slot.get_or_init(|| CatalogueTable::new::<C>(self.alert.is_some()))),
            Lookup::Full => None,
        }
    }

    /// Where catalogue `C`'s table is, or the slot it would take.
    fn find<C: Catalogue>(&self) -> Lookup<'_> {
        let catalogue = TypeId::of::<C>();
        // Slots fill in order, so the first empty one ends the search.
        for slot in &self.tables {
            match slot.get() {
                Some(table) if table.catalogue == catalogue => return Lookup::Found(table),
                Some(_) => {}
                None => return Lookup::Free(slot),
            }
        }
        Lookup::Full
    }

    /// The counts so far.
    pub fn snapshot(&self) -> StatsSnapshot {
        let mut by_class = [0; STATUS_CLASSES];
        let mut count_classes = |cells: &[u64; COLUMNS]| {
            for (total, count) in by_class.iter_mut().zip(cells) {
                *total += count;
            }
        };
        let overflow: [u64; COLUMNS] = std::array::from_fn(|column| self.overflow[column].load(Ordering::Relaxed));
        count_classes(&overflow);
        let catalogues = self
            .tables
            .iter()
            .filter_map(OnceLock::get)
            .map(|table| {
                let rows: Vec<[u64; COLUMNS]> = table
                    .counts
                    .iter()
                    .map(|cells| std::array::from_fn(|column| cells[column].load(Ordering::Relaxed)))
                    .collect();
                rows.iter().for_each(&mut count_classes);
                let (known, unknown) = rows.split_at(rows.len() - 1);
                CatalogueCounts {
                    catalogue: table.catalogue,
                    api: table.api,
                    by_code: known.iter().map(|cells| cells.iter().sum()).collect(),
                    unknown: unknown.iter().flatten().sum(),
                }
            })
            .collect();
        StatsSnapshot {
            catalogues,
            overflow: overflow.iter().sum(),
            by_class,
        }
    }
}

/// What [`ErrorStats::find`] found for a catalogue.
enum Lookup<'a> {
    /// The catalogue's table.
    Found(&'a CatalogueTable),
    /// No table yet: the first free slot.
    Free(&'a OnceLock<CatalogueTable>),
    /// No table, and no free slot.
    Full,
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

/// One structured event per error, with bounded labels: `api` is the
/// catalogue's API name, `code` a catalogue code or `unknown`, `category` a
/// catalogue category id or `unknown`.
#[cfg(feature = "tracing")]
fn emit_event<C: Catalogue>(err: &ApiError<C>) {
    tracing::event!(
        tracing::Level::WARN,
        api = C::API_NAME,
        code = err.code().map_or("unknown", C::as_str),
        status = err.status(),
        category = err.category_id().unwrap_or("unknown"),
        kind = err.kind().as_str(),
        retryable = err.is_retryable(),
        request_id = err.request_id(),
        "API error reply"
    );
}

/// Counts read at one moment from [`ErrorStats::snapshot`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsSnapshot {
    catalogues: Vec<CatalogueCounts>,
    overflow: u64,
    by_class: [u64; STATUS_CLASSES],
}

/// One catalogue's counts in a [`StatsSnapshot`].
#[derive(Debug, Clone, PartialEq, Eq)]
struct CatalogueCounts {
    catalogue: TypeId,
    api: &'static str,
    by_code: Vec<u64>,
    unknown: u64,
}

impl StatsSnapshot {
    /// The counts of catalogue `C`, if any of its errors was recorded.
    fn of<C: Catalogue>(&self) -> Option<&CatalogueCounts> {
        self.catalogues
            .iter()
            .find(|counts| counts.catalogue == TypeId::of::<C>())
    }

    /// Errors with `code`.
    pub fn count<C: Catalogue>(&self, code: C) -> u64 {
        self.of::<C>()
            .and_then(|counts| counts.by_code.get(code.index()).copied())
            .unwrap_or(0)
    }

    /// Errors without a code their catalogue knows (none, or an unknown
    /// one), over all catalogues.
    pub fn unknown(&self) -> u64 {
        self.catalogues.iter().map(|counts| counts.unknown).sum()
    }

    /// Errors of catalogue `C` without a code it knows.
    pub fn unknown_of<C: Catalogue>(&self) -> u64 {
        self.of::<C>().map_or(0, |counts| counts.unknown)
    }

    /// Errors of catalogues past [`MAX_CATALOGUES`], counted in the totals
    /// and status classes only.
    pub fn overflow(&self) -> u64 {
        self.overflow
    }

    /// Errors with a status of `class`, over all catalogues.
    pub fn status_class(&self, class: StatusClass) -> u64 {
        self.by_class[class as usize]
    }

    /// All errors recorded, over all catalogues.
    pub fn total(&self) -> u64 {
        let counted: u64 = self
            .catalogues
            .iter()
            .map(|counts| counts.by_code.iter().sum::<u64>() + counts.unknown)
            .sum();
        counted + self.overflow
    }

    /// Each code of catalogue `C` with its count, in catalogue order.
    pub fn counts<C: Catalogue>(&self) -> impl Iterator<Item = (C, u64)> + '_ {
        C::ALL.iter().map(move |&code| (code, self.count(code)))
    }

    /// The API names of the catalogues counted per code, in the order their
    /// first errors came.
    pub fn apis(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.catalogues.iter().map(|counts| counts.api)
    }
}

/// What a threshold alert reports: `code` of `api` passed `limit` errors within `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThresholdAlert {
    /// The API whose code spiked: its catalogue's [`Catalogue::API_NAME`].
    pub api: &'static str,
    /// The code that spiked, as its catalogue spells it.
    pub code: &'static str,
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
    on_alert: Box<dyn Fn(&ThresholdAlert) + Send + Sync>,
}

impl AlertRule {
    fn record(&self, api: &'static str, code: &'static str, window: &SlidingWindow, now: Instant) {
        let elapsed = now.saturating_duration_since(self.started).as_nanos();
        let slot = u64::try_from(elapsed / self.slot_nanos).unwrap_or(u64::MAX);
        let count = window.add(slot);
        if count > self.limit && window.claim_alert(slot) {
            (self.on_alert)(&ThresholdAlert {
                api,
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
    use super::super::testing::TestCode;
    use super::*;
    use std::sync::{Arc, Mutex};

    fn reply<C: Catalogue>(status: u16, code: Option<C>) -> ApiError<C> {
        let body = code
            .map(|code| format!(r#"{{"error": "e", "code": "{}"}}"#, code.as_str()))
            .unwrap_or_default();
        ApiError::from_parts(status, &[], body.as_bytes())
    }

    fn known<C: Catalogue>(code: C) -> ApiError<C> {
        reply(code.http_status(), Some(code))
    }

    fn unknown(status: u16) -> ApiError<TestCode> {
        reply(status, None)
    }

    /// How often the test below records the code at `index`: different
    /// counts for neighbours, linear in the catalogue's size.
    fn times(index: usize) -> u64 {
        index as u64 % 5 + 1
    }

    #[test]
    fn counts_per_code_unknown_and_status_class() {
        let stats = ErrorStats::new();
        for (i, &code) in TestCode::ALL.iter().enumerate() {
            let err = known(code);
            (0..times(i)).for_each(|_| stats.record(&err));
        }
        stats.record(&unknown(502));
        stats.record(&ApiError::<TestCode>::from_parts(
            429,
            &[],
            br#"{"error": "e", "code": "NOT_IN_ANY_CATALOGUE_XYZ"}"#,
        ));
        stats.record(&unknown(0));
        let snapshot = stats.snapshot();
        for (i, &code) in TestCode::ALL.iter().enumerate() {
            assert_eq!(snapshot.count(code), times(i), "{code:?}");
        }
        assert_eq!(snapshot.unknown(), 3);
        let known_total: u64 = snapshot.counts::<TestCode>().map(|(_, count)| count).sum();
        assert_eq!(snapshot.total(), known_total + 3);
        let class_of = |status: u16| StatusClass::of(status).expect("an error status");
        let server = TestCode::ALL
            .iter()
            .enumerate()
            .filter(|(_, code)| class_of(code.http_status()) == StatusClass::ServerError);
        let expected_server: u64 = server.map(|(i, _)| times(i)).sum::<u64>() + 1;
        assert_eq!(snapshot.status_class(StatusClass::ServerError), expected_server);
        let classified: u64 = StatusClass::ALL.iter().map(|&class| snapshot.status_class(class)).sum();
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
                std::thread::spawn(move || (0..250).for_each(|_| stats.record(&unknown(503))))
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
        let Some(&code) = TestCode::ALL.first() else { return };
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
        let api = TestCode::API_NAME;
        assert_eq!(
            fired(&alerts),
            [ThresholdAlert {
                api,
                code: code.as_str(),
                count: 4,
                limit: 3,
                window
            }]
        );
        stats.record(&unknown(500));
        assert_eq!(fired(&alerts).len(), 1, "unknown codes do not alert");
    }

    #[test]
    fn the_alert_fires_again_once_per_window_while_the_spike_lasts() {
        let Some(&code) = TestCode::ALL.first() else { return };
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
        let Some(&code) = TestCode::ALL.first() else { return };
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

    #[test]
    fn one_budget_and_one_stats_serve_two_catalogues() {
        use super::super::budget::RetryBudget;
        use super::super::testing::OtherCode;

        let (stats, alerts) = alerting(2, Duration::from_secs(60));
        let budget = RetryBudget::new(30);
        let start = Instant::now();
        for second in 0..3 {
            stats.record_at(&known(TestCode::Upstream), start + Duration::from_secs(second));
            stats.record_at(&known(OtherCode::SlowDown), start + Duration::from_secs(second));
        }
        stats.record(&known(OtherCode::NotFound));
        stats.record(&unknown(502));
        stats.record(&reply::<OtherCode>(504, None));
        stats.record(&reply::<OtherCode>(504, None));

        let snapshot = stats.snapshot();
        assert_eq!(snapshot.count(TestCode::Upstream), 3);
        assert_eq!(snapshot.count(OtherCode::SlowDown), 3);
        assert_eq!(snapshot.count(OtherCode::NotFound), 1);
        assert_eq!(snapshot.count(OtherCode::Timeout), 0);
        assert_eq!(
            (
                snapshot.unknown_of::<TestCode>(),
                snapshot.unknown_of::<OtherCode>(),
                snapshot.unknown()
            ),
            (1, 2, 3)
        );
        assert_eq!(
            snapshot.counts::<OtherCode>().collect::<Vec<_>>(),
            [
                (OtherCode::NotFound, 1),
                (OtherCode::SlowDown, 3),
                (OtherCode::Timeout, 0)
            ]
        );
        assert_eq!(snapshot.total(), 10);
        assert_eq!(snapshot.status_class(StatusClass::ServerError), 6);
        assert_eq!(snapshot.status_class(StatusClass::ClientError), 4);
        assert_eq!(
            snapshot.apis().collect::<Vec<_>>(),
            [TestCode::API_NAME, OtherCode::API_NAME]
        );

        let window = Duration::from_secs(60);
        let alert = |api, code| ThresholdAlert {
            api,
            code,
            count: 3,
            limit: 2,
            window,
        };
        assert_eq!(
            fired(&alerts),
            [
                alert(TestCode::API_NAME, "UPSTREAM_ERROR"),
                alert(OtherCode::API_NAME, "SLOW_DOWN")
            ]
        );

        // One budget pays for the retries of both: 10 for a transient error, 5 for a throttled one.
        assert!(budget.try_acquire(&known(TestCode::Upstream)));
        assert!(budget.try_acquire(&known(OtherCode::SlowDown)));
        assert!(budget.try_acquire(&known(OtherCode::Timeout)));
        assert!(budget.try_acquire(&known(TestCode::RateLimited)));
        assert!(!budget.try_acquire(&known(TestCode::RateLimited)));
        assert!(!budget.try_acquire(&known(OtherCode::NotFound)));
        assert!(budget.is_outage());
    }

    #[test]
    fn a_catalogue_past_the_limit_counts_in_the_totals_only() {
        use super::super::testing::Nth;

        let stats = ErrorStats::new();
        let code = TestCode::Upstream;
        stats.record(&known(Nth::<0>(code)));
        stats.record(&known(Nth::<1>(code)));
        stats.record(&known(Nth::<2>(code)));
        stats.record(&known(Nth::<3>(code)));
        stats.record(&known(Nth::<4>(code)));
        stats.record(&known(Nth::<5>(code)));
        stats.record(&known(Nth::<6>(code)));
        stats.record(&known(Nth::<7>(code)));
        stats.record(&known(Nth::<8>(code)));
        stats.record(&known(Nth::<8>(code)));
        stats.record(&known(Nth::<0>(code)));
        let snapshot = stats.snapshot();
        assert_eq!(MAX_CATALOGUES, 8);
        assert_eq!(snapshot.apis().count(), MAX_CATALOGUES);
        assert_eq!(snapshot.count(Nth::<0>(code)), 2);
        assert_eq!(snapshot.count(Nth::<7>(code)), 1);
        assert_eq!(
            snapshot.count(Nth::<8>(code)),
            0,
            "a ninth catalogue is not counted per code"
        );
        assert_eq!(snapshot.overflow(), 2);
        assert_eq!(snapshot.total(), 11);
        assert_eq!(snapshot.status_class(StatusClass::ServerError), 11);
        assert_eq!(snapshot.unknown(), 0);
    }

    #[test]
    fn catalogues_registering_at_once_from_many_threads_each_get_one_table() {
        use super::super::testing::Nth;

        let stats = Arc::new(ErrorStats::new());
        let workers: Vec<_> = (0..4)
            .map(|worker| {
                let stats = Arc::clone(&stats);
                std::thread::spawn(move || {
                    for _ in 0..100 {
                        stats.record(&known(Nth::<0>(TestCode::Upstream)));
                        stats.record(&known(Nth::<1>(TestCode::Internal)));
                        if worker % 2 == 0 {
                            stats.record(&known(Nth::<2>(TestCode::Forbidden)));
                        }
                    }
                })
            })
            .collect();
        workers.into_iter().for_each(|worker| worker.join().unwrap_or(()));
        let snapshot = stats.snapshot();
        assert_eq!(snapshot.apis().count(), 3);
        assert_eq!(snapshot.count(Nth::<0>(TestCode::Upstream)), 400);
        assert_eq!(snapshot.count(Nth::<1>(TestCode::Internal)), 400);
        assert_eq!(snapshot.count(Nth::<2>(TestCode::Forbidden)), 200);
        assert_eq!(snapshot.total(), 1000);
    }

    #[test]
    fn an_alert_set_after_the_first_errors_watches_their_catalogue_too() {
        let Some(&code) = TestCode::ALL.first() else { return };
        let stats = ErrorStats::new();
        stats.record(&known(code));
        let alerts = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&alerts);
        let stats = stats.with_alert(1, Duration::from_secs(60), move |alert| {
            if let Ok(mut alerts) = sink.lock() {
                alerts.push(*alert);
            }
        });
        stats.record(&known(code));
        stats.record(&known(code));
        assert_eq!(fired(&alerts).len(), 1);
        assert_eq!(stats.snapshot().count(code), 3);
    }
}
