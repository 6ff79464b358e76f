//! Per-client rate limits: a token bucket per key (or per IP address when no key is given).
//! A client may burst its whole minute's allowance, then refills steadily.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

/// How many idle buckets may pile up before full ones are swept out.
const SWEEP_AT: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// A keyed token bucket allowing `per_minute` requests a minute to each client.
#[derive(Debug)]
pub struct RateLimiter {
    per_minute: u32,
    buckets: Mutex<HashMap<String, Bucket>>,
}

/// A refused request: how long until one more would be allowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryAfter {
    pub seconds: u64,
}

impl RateLimiter {
    /// `per_minute == 0` turns limiting off.
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter {
            per_minute,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.per_minute > 0
    }

    /// Takes one token for `client` at `now`, or says how long to wait.
    pub fn check(&self, client: &str, now: Instant) -> Result<(), RetryAfter> {
        if !self.is_enabled() {
            return Ok(());
        }
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if buckets.len() >= SWEEP_AT {
            sweep_full(&mut buckets, now, per_second, capacity);
        }
        let bucket = buckets.entry(client.to_owned()).or_insert(Bucket {
            tokens: capacity,
            updated: now,
        });
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * per_second).min(capacity);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - bucket.tokens) / per_second;
            Err(RetryAfter {
                seconds: wait.ceil().max(1.0) as u64,
            })
        }
    }
}

fn sweep_full(buckets: &mut HashMap<String, Bucket>, now: Instant, per_second: f64, capacity: f64) {
    buckets.retain(|_, bucket| {
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens + elapsed * per_second < capacity
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn allows_the_allowance_then_refuses_then_refills() {
        let limiter = RateLimiter::new(3);
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.check("ip:1", start), Ok(()));
        }
        let refused = limiter.check("ip:1", start).expect_err("fourth is refused");
        assert_eq!(refused.seconds, 20, "one token every 20 s at 3 a minute");
        assert_eq!(limiter.check("ip:2", start), Ok(()), "clients are separate");
        assert_eq!(
            limiter.check("ip:1", start + Duration::from_secs(20)),
            Ok(())
        );
        assert!(
            limiter
                .check("ip:1", start + Duration::from_secs(20))
                .is_err()
        );
    }

    #[test]
    fn zero_turns_limits_off() {
        let limiter = RateLimiter::new(0);
        let now = Instant::now();
        assert!((0..10_000).all(|_| limiter.check("ip:1", now).is_ok()));
    }

    #[test]
    fn idle_clients_are_swept_out() {
        let limiter = RateLimiter::new(60);
        let start = Instant::now();
        for i in 0..SWEEP_AT {
            limiter
                .check(&format!("ip:{i}"), start)
                .expect("first request");
        }
        limiter
            .check("ip:last", start + Duration::from_secs(120))
            .expect("allowed");
        let kept = limiter.buckets.lock().expect("lock").len();
        assert_eq!(kept, 1, "only the new client's bucket is left");
    }
}
