//! File events for a watch run: folders watched (not files — an editor's atomic save
//! replaces the file, and a watch on the old inode would go quiet), the events that only
//! read a file dropped (watch's own reading would wake it again), a burst gathered until
//! it is quiet, folders that vanish noticed and watched again when they are back.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::event::ModifyKind;
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::targets::Watch;

/// What wakes the watch loop.
#[derive(Debug)]
pub enum Wake {
    /// Paths changed (created, written, renamed onto, deleted); after [`debounce`], the
    /// time the burst went quiet.
    Changed(Vec<PathBuf>, Instant),
    /// The events themselves failed (a watch limit reached, a backend error).
    Failed(String),
    /// Ctrl-C.
    Stop,
}

/// How the set of watched folders changed on a [`Follower::follow`].
#[derive(Debug, Default)]
pub struct Changes {
    /// Folders that are gone (or could not be watched), with why.
    pub lost: Vec<(PathBuf, String)>,
    /// Folders that were gone and are watched again.
    pub back: Vec<PathBuf>,
}

/// The watched folders and the watcher behind them.
pub struct Follower {
    watcher: RecommendedWatcher,
    /// Folders watched now.
    watched: BTreeMap<PathBuf, bool>,
    /// Folders wanted but absent (or unwatchable), tried again on every call.
    missing: BTreeSet<Watch>,
}

impl Follower {
    /// Starts the watcher; changes and errors go to `wake` as they happen.
    pub fn new(wake: Sender<Wake>) -> anyhow::Result<Follower> {
        let watcher = notify::recommended_watcher(move |result: notify::Result<Event>| {
            let message = match result {
                // Opening, reading, closing, a new access time: nothing changed.
                Ok(event)
                    if matches!(
                        event.kind,
                        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
                    ) =>
                {
                    return;
                }
                Ok(event) => Wake::Changed(event.paths, Instant::now()),
                Err(e) => Wake::Failed(e.to_string()),
            };
            let _ = wake.send(message);
        })?;
        Ok(Follower {
            watcher,
            watched: BTreeMap::new(),
            missing: BTreeSet::new(),
        })
    }

    /// Watches every wanted folder not watched yet, forgets folders that are gone,
    /// and says which were lost and which came back.
    pub fn follow(&mut self, wanted: &BTreeSet<Watch>) -> Changes {
        let mut changes = Changes::default();
        let gone: Vec<PathBuf> = self
            .watched
            .keys()
            .filter(|folder| !folder.is_dir())
            .cloned()
            .collect();
        for folder in gone {
            let _ = self.watcher.unwatch(&folder);
            if let Some(recursive) = self.watched.remove(&folder) {
                let watch = Watch {
                    folder: folder.clone(),
                    recursive,
                };
                if wanted.contains(&watch) {
                    self.missing.insert(watch);
                    changes.lost.push((folder, "the folder is gone".into()));
                }
            }
        }
        self.missing.retain(|w| wanted.contains(w));
        for watch in wanted {
            if self.watched.get(&watch.folder) == Some(&watch.recursive) {
                continue;
            }
            let was_missing = self.missing.contains(watch);
            let mode = if watch.recursive {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            let result = if watch.folder.is_dir() {
                self.watcher
                    .watch(&watch.folder, mode)
                    .map_err(|e| e.to_string())
            } else {
                Err("no such folder".to_owned())
            };
            match result {
                Ok(()) => {
                    self.watched.insert(watch.folder.clone(), watch.recursive);
                    if self.missing.remove(watch) {
                        changes.back.push(watch.folder.clone());
                    }
                }
                Err(reason) => {
                    if !was_missing {
                        changes.lost.push((watch.folder.clone(), reason));
                    }
                    self.missing.insert(watch.clone());
                }
            }
        }
        changes
    }

    /// How many folders are watched now.
    pub fn watched(&self) -> usize {
        self.watched.len()
    }
}

/// Gathers the changes that follow `first` until none came for `quiet`: one round per
/// burst (an editor's save is several events). A `Stop` or a failure met on the way is
/// handed back after the burst.
pub fn debounce(
    first: Vec<PathBuf>,
    woken: &Receiver<Wake>,
    quiet: Duration,
) -> (Wake, Option<Wake>) {
    let mut paths = first;
    loop {
        match woken.recv_timeout(quiet) {
            Ok(Wake::Changed(more, _)) => paths.extend(more),
            Ok(other) => return (Wake::Changed(paths, Instant::now()), Some(other)),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                paths.sort();
                paths.dedup();
                return (Wake::Changed(paths, Instant::now()), None);
            }
        }
    }
}
