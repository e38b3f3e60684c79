//! File events for a watch run: folders watched (not files — an editor's atomic save
//! replaces the file, and a watch on the old inode would go quiet), the events that only
//! read a file dropped (watch's own reading would wake it again), a burst gathered until
//! it is quiet, folders that vanish noticed and watched again when they are back — a
//! folder removed and made again between two looks (`rm -r` then a copy) included.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
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
    /// Folders watched now: recursively or not, and which folder it was.
    watched: BTreeMap<PathBuf, (bool, Option<FolderId>)>,
    /// Folders wanted but absent (or unwatchable), tried again on every call.
    missing: BTreeSet<Watch>,
    /// Paths removed since the last [`Follower::follow`]: a watched folder among them is
    /// watched again even if a new one already stands in its place (a new folder may
    /// get the removed one's inode).
    removed: Arc<Mutex<BTreeSet<PathBuf>>>,
}

impl Follower {
    /// Starts the watcher; changes and errors go to `wake` as they happen.
    pub fn new(wake: Sender<Wake>) -> anyhow::Result<Follower> {
        let removed = Arc::new(Mutex::new(BTreeSet::new()));
        let heard = removed.clone();
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
                Ok(event) => {
                    if event.kind.is_remove()
                        && let Ok(mut removed) = heard.lock()
                    {
                        removed.extend(event.paths.iter().cloned());
                    }
                    Wake::Changed(event.paths, Instant::now())
                }
                Err(e) => Wake::Failed(e.to_string()),
            };
            let _ = wake.send(message);
        })?;
        Ok(Follower {
            watcher,
            watched: BTreeMap::new(),
            missing: BTreeSet::new(),
            removed,
        })
    }

    /// Watches every wanted folder not watched yet, forgets folders that are gone,
    /// and says which were lost and which came back.
    pub fn follow(&mut self, wanted: &BTreeSet<Watch>) -> Changes {
        let mut changes = Changes::default();
        let removed = self
            .removed
            .lock()
            .map(|mut r| std::mem::take(&mut *r))
            .unwrap_or_default();
        // Gone, or another folder now: a watch on the removed one hears nothing of it.
        let gone: Vec<(PathBuf, bool)> = self
            .watched
            .iter()
            .filter_map(|(folder, (_, id))| match folder_id(folder) {
                None => Some((folder.clone(), false)),
                Some(now) if id.as_ref() != Some(&now) || removed.contains(folder) => {
                    Some((folder.clone(), true))
                }
                Some(_) => None,
            })
            .collect();
        let mut replaced_now = BTreeSet::new();
        for (folder, replaced) in gone {
            let _ = self.watcher.unwatch(&folder);
            if let Some((recursive, _)) = self.watched.remove(&folder) {
                let watch = Watch {
                    folder: folder.clone(),
                    recursive,
                };
                if wanted.contains(&watch) {
                    self.missing.insert(watch);
                    // A replaced folder is watched again below, and said to be back
                    // (or lost, if that fails).
                    if replaced {
                        replaced_now.insert(folder);
                    } else {
                        changes.lost.push((folder, "the folder is gone".into()));
                    }
                }
            }
        }
        self.missing.retain(|w| wanted.contains(w));
        for watch in wanted {
            if self.watched.get(&watch.folder).map(|(r, _)| *r) == Some(watch.recursive) {
                continue;
            }
            let was_missing = self.missing.contains(watch) && !replaced_now.contains(&watch.folder);
            let mode = if watch.recursive {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            let id = folder_id(&watch.folder);
            let result = if id.is_some() {
                self.watcher
                    .watch(&watch.folder, mode)
                    .map_err(|e| e.to_string())
            } else {
                Err("no such folder".to_owned())
            };
            match result {
                Ok(()) => {
                    self.watched
                        .insert(watch.folder.clone(), (watch.recursive, id));
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

/// Which folder a path is, beyond its name (`None`: no folder there).
#[derive(Debug, Clone, PartialEq, Eq)]
struct FolderId {
    #[cfg(unix)]
    inode: (u64, u64),
    #[cfg(not(unix))]
    created: Option<std::time::SystemTime>,
}

fn folder_id(path: &Path) -> Option<FolderId> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(FolderId {
            inode: (meta.dev(), meta.ino()),
        })
    }
    #[cfg(not(unix))]
    {
        Some(FolderId {
            created: meta.created().ok(),
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_removed_and_made_again_between_two_looks_is_watched_again() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let case = std::fs::canonicalize(dir.path())?.join("case");
        std::fs::create_dir(&case)?;
        let (wake, _woken) = std::sync::mpsc::channel();
        let mut follower = Follower::new(wake)?;
        let wanted = BTreeSet::from([Watch {
            folder: case.clone(),
            recursive: false,
        }]);
        let first = follower.follow(&wanted);
        assert!(first.lost.is_empty() && first.back.is_empty(), "{first:?}");
        std::fs::remove_dir(&case)?;
        std::fs::create_dir(&case)?;
        // Told by the removal's event (the new folder may have the old inode): polled.
        let start = Instant::now();
        let again = loop {
            let again = follower.follow(&wanted);
            assert!(again.lost.is_empty(), "{again:?}");
            if !again.back.is_empty() || start.elapsed() > Duration::from_secs(30) {
                break again;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        assert_eq!(again.back, std::slice::from_ref(&case));
        std::fs::remove_dir(&case)?;
        let gone = follower.follow(&wanted);
        assert_eq!(gone.lost.len(), 1, "{gone:?}");
        assert_eq!(follower.watched(), 0);
        Ok(())
    }
}
