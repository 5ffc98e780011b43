//! Independent jobs on several threads, for the renderers (CPU-bound) and the
//! writer (waiting on the disk).

use std::sync::atomic::{AtomicUsize, Ordering};

/// `run` applied to every job on up to `threads` threads (this one
/// included), each thread taking the next job as it finishes one, so jobs
/// start in the order given; the results come back in that order too.
/// A panicking job is passed on unchanged once the others are done.
pub fn map_jobs<J: Sync, R: Send>(jobs: &[J], threads: usize, run: impl Fn(&J) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let run_some = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(index) else {
                return done;
            };
            done.push((index, run(job)));
        }
    };
    let threads = threads.clamp(1, jobs.len().max(1));
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(run_some)).collect();
        let mut results = run_some();
        for helper in helpers {
            results.extend(helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        results
    });
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_job_order_whatever_thread_ran_them() {
        let jobs: Vec<u64> = (0..100).collect();
        for threads in [0, 1, 2, 7, 500] {
            let results = map_jobs(&jobs, threads, |&job| {
                // Uneven work, so threads finish out of order.
                std::thread::sleep(std::time::Duration::from_micros(job % 7 * 50));
                job * 2
            });
            assert_eq!(
                results,
                jobs.iter().map(|job| job * 2).collect::<Vec<_>>(),
                "{threads} threads"
            );
        }
        assert!(map_jobs(&[] as &[u8], 4, |&job| job).is_empty());
    }

    #[test]
    fn a_panicking_job_is_passed_on() {
        let caught = std::panic::catch_unwind(|| map_jobs(&[1, 2, 3], 2, |&job| assert_ne!(job, 2)));
        assert!(caught.is_err());
    }
}
