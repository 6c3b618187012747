//! CPU time of the calling thread as a criterion measurement.
//!
//! Vigie's speed targets are per core ("50 MB/s on one core"). Wall-clock
//! time counts the moments the benchmark thread waits for a core that other
//! processes hold, so on a shared machine it reports the machine's load, not
//! the code's speed. The thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`) counts
//! only the time the thread ran. Values are nanoseconds, shown and scaled as
//! criterion's wall time shows them.
//!
//! ```no_run
//! use criterion::Criterion;
//! fn config() -> Criterion<vigie_cputime::ThreadTime> {
//!     Criterion::default().with_measurement(vigie_cputime::ThreadTime)
//! }
//! ```

use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};

/// Measures the CPU time the benchmark thread spends.
pub struct ThreadTime;

/// Wall time's formatter, for values in nanoseconds.
static NANOS: WallTime = WallTime;

/// The CPU time the calling thread has used so far.
pub fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant
    // every Linux and macOS kernel knows.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

impl Measurement for ThreadTime {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        thread_cpu_time()
    }

    fn end(&self, start: Duration) -> Duration {
        thread_cpu_time().saturating_sub(start)
    }

    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        NANOS.formatter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_work_done() {
        let t = ThreadTime;
        let start = t.start();
        let mut x = 0u64;
        for i in 0..5_000_000u64 {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(i));
        }
        let spent = t.end(start);
        assert!(spent > Duration::ZERO, "{x}");
        // Sleeping uses no CPU.
        let start = t.start();
        std::thread::sleep(Duration::from_millis(50));
        assert!(t.end(start) < Duration::from_millis(25));
    }
}
