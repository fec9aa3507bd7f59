//! Figures that are costly to count over the whole country and need not be exact to the
//! second (the home page's counters, the volunteering totals of the transparency page): each
//! is counted at most once per period and served from memory meanwhile.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Clones share the kept values.
#[derive(Clone)]
pub struct Memo<K, V> {
    ttl: Duration,
    /// The most keys kept (filters people choose); beyond it, the oldest go first.
    capacity: usize,
    values: Arc<Mutex<HashMap<K, Kept<V>>>>,
    /// How many times everything was forgotten: a count that began before is not kept.
    forgotten: Arc<AtomicU64>,
}

struct Kept<V> {
    at: Instant,
    value: V,
    /// A recount of this key is underway (so a burst of visitors starts one, not one each).
    recounting: bool,
}

impl<K, V> std::fmt::Debug for Memo<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Memo({:?})", self.ttl)
    }
}

impl<K: Clone + Eq + Hash + Send + 'static, V: Clone + Send + 'static> Memo<K, V> {
    pub fn new(ttl: Duration, capacity: usize) -> Memo<K, V> {
        Memo { ttl, capacity, values: Arc::new(Mutex::new(HashMap::new())), forgotten: Arc::new(AtomicU64::new(0)) }
    }

    /// Forgets every value after a change that moves them, so that the next request counts
    /// again (and waits for it); a count already underway is not kept.
    pub fn forget_all(&self) {
        if let Ok(mut values) = self.values.lock() {
            self.forgotten.fetch_add(1, Ordering::SeqCst);
            values.clear();
        }
    }

    /// The value kept for `key` if it is fresh. If it is older, the old value at once while
    /// `count` runs in the background for the next visitors (as `stale-while-revalidate`
    /// does): the whole country's volunteering figures take seconds to count at scale, and no
    /// visitor should wait for them once they have been counted. Only a key never counted (or
    /// a memo whose period is zero, as in tests) is counted while the visitor waits; two
    /// requests arriving together then may both count, which is rare and harmless.
    pub async fn get_or<E, F, Fut>(&self, key: K, count: F) -> Result<V, E>
    where
        E: std::fmt::Display + Send + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, E>> + Send + 'static,
    {
        enum Found<V> {
            Serve(V),
            ServeAndRecount(V),
            Count,
        }
        let began = self.forgotten.load(Ordering::SeqCst);
        let found = match self.values.lock() {
            Ok(mut values) => match values.get_mut(&key) {
                Some(kept) if kept.at.elapsed() < self.ttl => Found::Serve(kept.value.clone()),
                Some(kept) if !self.ttl.is_zero() => {
                    let first_to_see_it = !std::mem::replace(&mut kept.recounting, true);
                    if first_to_see_it {
                        Found::ServeAndRecount(kept.value.clone())
                    } else {
                        Found::Serve(kept.value.clone())
                    }
                }
                _ => Found::Count,
            },
            Err(_) => Found::Count,
        };
        match found {
            Found::Serve(value) => Ok(value),
            Found::ServeAndRecount(value) => {
                let (values, forgotten, capacity, future) = (self.values.clone(), self.forgotten.clone(), self.capacity, count());
                tokio::spawn(async move {
                    match future.await {
                        Ok(counted) => keep(&values, &forgotten, began, capacity, key, counted),
                        Err(error) => {
                            tracing::warn!(%error, "recounting kept figures failed; the old ones stay");
                            if let Some(kept) = values.lock().ok().as_mut().and_then(|v| v.get_mut(&key)) {
                                kept.recounting = false;
                            }
                        }
                    }
                });
                Ok(value)
            }
            Found::Count => {
                let counted = count().await?;
                keep(&self.values, &self.forgotten, began, self.capacity, key, counted.clone());
                Ok(counted)
            }
        }
    }
}

fn keep<K: Clone + Eq + Hash, V>(values: &Mutex<HashMap<K, Kept<V>>>, forgotten: &AtomicU64, began: u64, capacity: usize, key: K, value: V) {
    let Ok(mut values) = values.lock() else { return };
    if forgotten.load(Ordering::SeqCst) != began {
        // Counted from figures that changed meanwhile.
        return;
    }
    if values.len() >= capacity && !values.contains_key(&key) {
        if let Some(oldest) = values.iter().min_by_key(|(_, kept)| kept.at).map(|(k, _)| k.clone()) {
            values.remove(&oldest);
        }
    }
    values.insert(key, Kept { at: Instant::now(), value, recounting: false });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_value_is_counted_once_per_period_and_old_keys_make_room() {
        let memo: Memo<u32, u32> = Memo::new(Duration::from_secs(60), 2);
        let mut counted = 0;
        for _ in 0..3 {
            let v: Result<u32, &str> = memo.get_or(1, || { counted += 1; async { Ok(10) } }).await;
            assert_eq!(v, Ok(10));
        }
        assert_eq!(counted, 1);
        let _: Result<u32, &str> = memo.get_or(2, || async { Ok(20) }).await;
        let _: Result<u32, &str> = memo.get_or(3, || async { Ok(30) }).await;
        assert_eq!(memo.values.lock().unwrap().len(), 2, "the oldest key made room");
        let every_time: Memo<u32, u32> = Memo::new(Duration::ZERO, 2);
        let _: Result<u32, &str> = every_time.get_or(1, || async { Ok(1) }).await;
        let again: Result<u32, &str> = every_time.get_or(1, || async { Ok(2) }).await;
        assert_eq!(again, Ok(2), "with a period of zero, every request counts");
    }

    /// Past its period, a value is served at once while one recount runs for the next
    /// visitors; a failed recount keeps the old value.
    #[tokio::test]
    async fn an_old_value_is_served_while_it_is_counted_again() {
        let memo: Memo<(), u32> = Memo::new(Duration::from_millis(50), 1);
        let _: Result<u32, &str> = memo.get_or((), || async { Ok(1) }).await;
        tokio::time::sleep(Duration::from_millis(80)).await;
        let (recounted, done) = tokio::sync::oneshot::channel::<()>();
        let slow_recount = || async move {
            let _ = done.await;
            Ok::<u32, &str>(2)
        };
        assert_eq!(memo.get_or((), slow_recount).await, Ok(1), "the old value, without waiting for the recount");
        let second_recount = std::sync::atomic::AtomicBool::new(false);
        let second: Result<u32, &str> = memo
            .get_or((), || {
                second_recount.store(true, std::sync::atomic::Ordering::SeqCst);
                async { Ok(0) }
            })
            .await;
        assert_eq!(second, Ok(1));
        assert!(!second_recount.into_inner(), "one recount at a time");
        recounted.send(()).unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert_eq!(memo.get_or((), || async { Err("not fresh") }).await, Ok(2), "the recount's value, now fresh");

        tokio::time::sleep(Duration::from_millis(80)).await;
        assert_eq!(memo.get_or((), || async { Err("the database is gone") }).await, Ok(2));
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert_eq!(memo.get_or((), || async { Ok::<u32, &str>(3) }).await, Ok(2), "after a failed recount the old value stays, and is counted again");
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert_eq!(memo.get_or((), || async { Err("fresh") }).await, Ok(3));
    }

    /// After a change, the next request counts again, and a count that began before the change
    /// is not kept.
    #[tokio::test]
    async fn forgotten_values_are_counted_again_and_a_count_from_before_is_not_kept() {
        let memo: Memo<u32, u32> = Memo::new(Duration::from_secs(60), 4);
        let _: Result<u32, &str> = memo.get_or(1, || async { Ok(10) }).await;
        memo.forget_all();
        let again: Result<u32, &str> = memo.get_or(1, || async { Ok(11) }).await;
        assert_eq!(again, Ok(11), "counted again after the change");
        // A count underway while the figures change is served to its caller but not kept.
        let (release, wait) = tokio::sync::oneshot::channel::<()>();
        let slow = memo.clone();
        let underway = tokio::spawn(async move {
            slow.get_or(2, || async move {
                let _ = wait.await;
                Ok::<u32, &str>(20)
            })
            .await
        });
        tokio::task::yield_now().await;
        memo.forget_all();
        release.send(()).unwrap();
        assert_eq!(underway.await.unwrap(), Ok(20));
        let next: Result<u32, &str> = memo.get_or(2, || async { Ok(21) }).await;
        assert_eq!(next, Ok(21), "the count from before the change was not kept");
    }
}
