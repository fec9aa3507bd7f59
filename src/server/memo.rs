//! Figures that are costly to count over the whole country and need not be exact to the
//! second (the home page's counters, the volunteering totals of the transparency page): each
//! is counted at most once per period and served from memory meanwhile.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Memo<K, V> {
    ttl: Duration,
    /// The most keys kept (filters people choose); beyond it, the oldest go first.
    capacity: usize,
    values: Mutex<HashMap<K, (Instant, V)>>,
}

impl<K, V> std::fmt::Debug for Memo<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Memo({:?})", self.ttl)
    }
}

impl<K: Clone + Eq + Hash, V: Clone> Memo<K, V> {
    pub fn new(ttl: Duration, capacity: usize) -> Memo<K, V> {
        Memo { ttl, capacity, values: Mutex::new(HashMap::new()) }
    }

    /// The value kept for `key` if it is fresh, else what `count` gives (kept for next time).
    /// Two requests arriving together may both count; that is rare and harmless.
    pub async fn get_or<E, F, Fut>(&self, key: K, count: F) -> Result<V, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, E>>,
    {
        if let Some(value) = self.fresh(&key) {
            return Ok(value);
        }
        let value = count().await?;
        if let Ok(mut values) = self.values.lock() {
            if values.len() >= self.capacity && !values.contains_key(&key) {
                if let Some(oldest) = values.iter().min_by_key(|(_, (at, _))| *at).map(|(k, _)| k.clone()) {
                    values.remove(&oldest);
                }
            }
            values.insert(key, (Instant::now(), value.clone()));
        }
        Ok(value)
    }

    fn fresh(&self, key: &K) -> Option<V> {
        let values = self.values.lock().ok()?;
        values.get(key).filter(|(at, _)| at.elapsed() < self.ttl).map(|(_, v)| v.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_value_is_counted_once_per_period_and_old_keys_make_room() {
        let memo: Memo<u32, u32> = Memo::new(Duration::from_secs(60), 2);
        let mut counted = 0;
        for _ in 0..3 {
            let v: Result<u32, ()> = memo.get_or(1, || { counted += 1; async { Ok(10) } }).await;
            assert_eq!(v, Ok(10));
        }
        assert_eq!(counted, 1);
        let _: Result<u32, ()> = memo.get_or(2, || async { Ok(20) }).await;
        let _: Result<u32, ()> = memo.get_or(3, || async { Ok(30) }).await;
        assert_eq!(memo.values.lock().unwrap().len(), 2, "the oldest key made room");
        let expired: Memo<u32, u32> = Memo::new(Duration::ZERO, 2);
        let _: Result<u32, ()> = expired.get_or(1, || async { Ok(1) }).await;
        let again: Result<u32, ()> = expired.get_or(1, || async { Ok(2) }).await;
        assert_eq!(again, Ok(2), "an expired value is counted again");
    }
}
