//! Many files on a few workers, their results handed on in input order.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::{Condvar, Mutex, PoisonError};

use crate::discover::Input;
use crate::limits::MAX_JOBS;

/// How many workers [`for_each_ordered`] runs for `jobs` and `files`: never more than
/// there are files to work on (`--jobs 100000` on one file).
pub fn workers(jobs: usize, files: usize) -> usize {
    jobs.clamp(1, MAX_JOBS).min(files.max(1))
}

/// Runs `f` over `inputs` on `jobs` workers, handing results to `sink` in input order.
///
/// The workers (a rayon pool of `jobs` threads, so that Typst's own parallel work stays
/// within `--jobs`) take the files one at a time in input order, and never run more
/// than a window of a few files per worker ahead of the sink: memory stays that of a
/// window's results however large the batch. The sink runs on the calling thread (it
/// may hold a locked stdout) while the workers go on: nobody waits for a whole window
/// to finish (the slowest file of each window left the other workers idle), nor for
/// the sink to write (1,000 manifests' text reports, 5 MB, had cost a sixth of
/// `validate`'s wall time). A panic in `f` or in `sink` is raised again here, on the
/// calling thread, once every worker has stopped.
pub fn for_each_ordered<T: Send>(
    inputs: &[Input],
    jobs: usize,
    f: impl Fn(&Input) -> T + Sync,
    mut sink: impl FnMut(T),
) {
    let jobs = workers(jobs, inputs.len());
    let window = (jobs * 16).max(16);
    let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(jobs).build() else {
        inputs.iter().map(&f).for_each(&mut sink);
        return;
    };
    let gate = Gate::default();
    let next = AtomicUsize::new(0);
    let (done, results) = sync_channel::<(usize, T)>(window);
    let worker_panic = std::thread::scope(|scope| {
        let (gate, next, f, pool) = (&gate, &next, &f, &pool);
        let workers = scope.spawn(move || {
            pool.broadcast(|_| {
                let done = done.clone();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= inputs.len() || !gate.wait_for_room(i, window) {
                        return None;
                    }
                    match catch_unwind(AssertUnwindSafe(|| f(&inputs[i]))) {
                        Ok(result) => {
                            if done.send((i, result)).is_err() {
                                return None;
                            }
                        }
                        Err(panic) => {
                            gate.stop();
                            return Some(panic);
                        }
                    }
                }
            })
            .into_iter()
            .flatten()
            .next()
            // `done` itself is dropped here, with the closure: once every worker's clone
            // is gone too, the receiver below sees the end.
        });
        // Stops the workers if the sink panics, so that they do not wait for it forever.
        let stop_on_unwind = StopOnDrop(gate);
        let mut waiting = BTreeMap::new();
        let mut sunk = 0;
        for (i, result) in results {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&sunk) {
                sink(result);
                sunk += 1;
                gate.advance(sunk);
            }
        }
        drop(stop_on_unwind);
        workers.join().unwrap_or_else(|panic| resume_unwind(panic))
    });
    if let Some(panic) = worker_panic {
        resume_unwind(panic);
    }
}

/// Where the sink is, for the workers to wait on.
#[derive(Default)]
struct Gate {
    state: Mutex<GateState>,
    moved: Condvar,
}

#[derive(Default)]
struct GateState {
    /// Results the sink has taken.
    sunk: usize,
    /// The run is stopping (a panic in a worker or in the sink).
    stopped: bool,
}

impl Gate {
    /// Waits until file `i` is within `window` of the sink; `false` if the run stops.
    fn wait_for_room(&self, i: usize, window: usize) -> bool {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        while !state.stopped && i >= state.sunk + window {
            state = self
                .moved
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        !state.stopped
    }

    fn advance(&self, sunk: usize) {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .sunk = sunk;
        self.moved.notify_all();
    }

    fn stop(&self) {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .stopped = true;
        self.moved.notify_all();
    }
}

struct StopOnDrop<'a>(&'a Gate);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn inputs(n: usize) -> Vec<Input> {
        (0..n)
            .map(|i| Input {
                path: PathBuf::from(format!("case-{i:04}.yaml")),
                display: format!("case-{i:04}.yaml"),
            })
            .collect()
    }

    fn number(input: &Input) -> usize {
        input.display[5..9].parse().expect("case-NNNN")
    }

    /// Every result reaches the sink once, in input order, on one worker or several,
    /// with later files often finishing first.
    #[test]
    fn results_reach_the_sink_in_input_order() {
        for (n, jobs) in [(0, 1), (1, 4), (16, 1), (17, 1), (100, 2), (1000, 3)] {
            let inputs = inputs(n);
            let mut seen = Vec::new();
            for_each_ordered(
                &inputs,
                jobs,
                |input| {
                    let spin = (number(input) * 7919) % 13;
                    std::hint::black_box((0..spin * 10_000).sum::<usize>());
                    input.display.clone()
                },
                |display| seen.push(display),
            );
            let expected: Vec<String> = inputs.iter().map(|i| i.display.clone()).collect();
            assert_eq!(seen, expected, "{n} inputs on {jobs} workers");
        }
    }

    /// The workers never run more than a window ahead of the sink, however slow it is.
    #[test]
    fn workers_stay_within_a_window_of_the_sink() {
        let inputs = inputs(200);
        let started = AtomicUsize::new(0);
        let mut most_ahead = 0;
        let mut sunk = 0;
        for_each_ordered(
            &inputs,
            2,
            |input| {
                started.fetch_max(number(input) + 1, Ordering::SeqCst);
            },
            |()| {
                std::thread::sleep(std::time::Duration::from_micros(200));
                sunk += 1;
                most_ahead = most_ahead.max(started.load(Ordering::SeqCst) - sunk);
            },
        );
        assert_eq!(sunk, 200);
        assert!(most_ahead <= 32, "{most_ahead} files ahead of the sink");
    }

    /// A panic in a worker or in the sink reaches the caller; nothing hangs.
    #[test]
    fn panics_reach_the_caller() {
        let inputs = inputs(300);
        let in_worker = catch_unwind(AssertUnwindSafe(|| {
            for_each_ordered(
                &inputs,
                2,
                |input| assert_ne!(number(input), 150, "worker bug"),
                |()| {},
            )
        }));
        assert!(in_worker.is_err());
        let in_sink = catch_unwind(AssertUnwindSafe(|| {
            let mut n = 0;
            for_each_ordered(
                &inputs,
                2,
                |_| (),
                |()| {
                    n += 1;
                    assert_ne!(n, 40, "sink bug");
                },
            )
        }));
        assert!(in_sink.is_err());
    }
}
