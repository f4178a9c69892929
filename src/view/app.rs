//! The page as a whole: which package is being analysed or shown, and what happens when
//! another is chosen, cancelled, or reports back. Analyses are numbered, so that whatever a
//! cancelled or replaced one still says is ignored.

use std::rc::Rc;

use crate::protocol::{Overview, Response};
use crate::session::{Digests, Progress};
use crate::text::{count, plural, size};
use crate::view::tree::{FileTree, Node, Tab};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Stage {
    #[default]
    Idle,
    Working {
        id: u32,
        name: String,
        progress: Progress,
    },
    Done {
        overview: Rc<Overview>,
        /// The two trees, once all their slices have come (a few ms after the verdict).
        trees: Trees,
        /// The input's digests, which come a little after the verdict.
        digests: Option<Digests>,
    },
    Failed {
        name: String,
        message: String,
    },
    /// The person stopped the analysis of `name`.
    Cancelled {
        name: String,
    },
}

/// What happens to the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppEvent {
    /// Files were chosen (dropped or picked); the first is analysed.
    Chosen { name: String, count: usize },
    /// The Cancel button, or Esc.
    Cancel,
    /// What the worker said.
    Worker(Response),
}

/// How far the worker has got since it was (re)started.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum WorkerState {
    #[default]
    Starting,
    /// It takes work.
    Ready,
    /// It has scanned its warm-up package: a scan runs at full speed.
    Warm,
}

impl WorkerState {
    pub fn as_str(self) -> &'static str {
        match self {
            WorkerState::Starting => "starting",
            WorkerState::Ready => "ready",
            WorkerState::Warm => "warm",
        }
    }
}

/// What the shell must do after an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppCommand {
    /// Stop the worker (whatever it is doing) and start a fresh one.
    RestartWorker,
    /// Hand the chosen file to the worker under this number.
    Analyse { id: u32 },
}

/// The trees of a finished analysis, gathered from their slices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trees {
    pending: [Vec<Node>; 2],
    done: [Option<Rc<FileTree>>; 2],
}

impl Trees {
    /// The tree of a tab, once it is whole.
    pub fn get(&self, tab: Tab) -> Option<&Rc<FileTree>> {
        self.done[tab as usize].as_ref()
    }

    fn add(&mut self, tab: Tab, nodes: Vec<Node>, last: bool) {
        let pending = &mut self.pending[tab as usize];
        pending.extend(nodes);
        if last {
            self.done[tab as usize] = Some(Rc::new(FileTree::from(std::mem::take(pending))));
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct App {
    pub stage: Stage,
    pub worker: WorkerState,
    /// Said when several files were dropped: one package is analysed at a time.
    pub notice: Option<String>,
    next: u32,
}

impl App {
    pub fn busy(&self) -> bool {
        matches!(self.stage, Stage::Working { .. })
    }

    fn current(&self) -> Option<u32> {
        match &self.stage {
            Stage::Working { id, .. } => Some(*id),
            _ => None,
        }
    }

    /// Applies one event; the commands are for the shell to carry out, in order.
    pub fn update(&mut self, event: AppEvent) -> Vec<AppCommand> {
        match event {
            AppEvent::Chosen { name, count } => {
                let mut commands = Vec::new();
                // A second drop replaces the first: nothing of it may show up afterwards.
                if self.busy() {
                    self.worker = WorkerState::Starting;
                    commands.push(AppCommand::RestartWorker);
                }
                self.next += 1;
                self.notice = (count > 1).then(|| {
                    format!(
                        "{} were dropped; Leakscope reads one package at a time, so only {name} is analysed.",
                        plural(count, "file", "files")
                    )
                });
                self.stage = Stage::Working {
                    id: self.next,
                    name,
                    progress: Progress::default(),
                };
                commands.push(AppCommand::Analyse { id: self.next });
                commands
            }
            AppEvent::Cancel => match std::mem::take(&mut self.stage) {
                Stage::Working { name, .. } => {
                    self.stage = Stage::Cancelled { name };
                    self.worker = WorkerState::Starting;
                    vec![AppCommand::RestartWorker]
                }
                other => {
                    self.stage = other;
                    Vec::new()
                }
            },
            AppEvent::Worker(response) => {
                self.heard(response);
                Vec::new()
            }
        }
    }

    /// What the worker said: about the analysis under way or shown, or about itself.
    fn heard(&mut self, response: Response) {
        let shown = self.next;
        match response {
            Response::Ready => self.worker = WorkerState::Ready,
            Response::Warm => self.worker = WorkerState::Warm,
            Response::Progress { id, progress } => {
                if let Stage::Working {
                    id: current,
                    progress: p,
                    ..
                } = &mut self.stage
                    && *current == id
                {
                    *p = progress;
                }
            }
            Response::Done { id, overview } if self.current() == Some(id) => {
                self.stage = Stage::Done {
                    overview: Rc::from(overview),
                    trees: Trees::default(),
                    digests: None,
                };
            }
            Response::Tree {
                id,
                tab,
                nodes,
                last,
            } if id == shown => {
                if let Stage::Done { trees, .. } = &mut self.stage {
                    trees.add(tab, nodes, last);
                }
            }
            Response::Digests { id, digests } if id == shown => {
                if let Stage::Done { digests: d, .. } = &mut self.stage {
                    *d = Some(digests);
                }
            }
            Response::Failed { id, message } => {
                if let Stage::Working {
                    id: current, name, ..
                } = &self.stage
                    && *current == id
                {
                    self.stage = Stage::Failed {
                        name: name.clone(),
                        message,
                    };
                }
            }
            // Answers to the viewer and to saves go to them, not here; stale ones are dropped.
            _ => {}
        }
    }
}

/// What the progress bar says: "12.5 MB of 31.2 MB read · 1,234 files".
pub fn progress_label(p: &Progress) -> String {
    if p.total == 0 {
        return "Reading the file".to_string();
    }
    let files = match p.files {
        0 => String::new(),
        n => format!(" · {} unpacked", plural(n, "file", "files")),
    };
    format!(
        "{} of {} read ({} %){files}",
        size(p.read),
        size(p.total),
        count((p.fraction() * 100.0).floor() as u64)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::tree::FileInfo;

    fn overview() -> Box<Overview> {
        let session = crate::session::of_files(&[("a.js", b"a")], None);
        Box::new(Overview::of(&session))
    }

    fn chosen(name: &str) -> AppEvent {
        AppEvent::Chosen {
            name: name.into(),
            count: 1,
        }
    }

    #[test]
    fn an_analysis_runs_to_its_end() {
        let mut app = App::default();
        assert_eq!(app.update(chosen("a.tgz")), [AppCommand::Analyse { id: 1 }]);
        let progress = Progress {
            read: 5,
            total: 10,
            unpacked: 20,
            files: 3,
        };
        app.update(AppEvent::Worker(Response::Progress { id: 1, progress }));
        assert!(matches!(&app.stage, Stage::Working { progress: p, .. } if *p == progress));
        app.update(AppEvent::Worker(Response::Done {
            id: 1,
            overview: overview(),
        }));
        assert!(matches!(app.stage, Stage::Done { digests: None, .. }));
        // The trees come in slices after the verdict.
        let tree = FileTree::build((0..10).map(|i| FileInfo {
            path: Box::leak(format!("f{i}.js").into_boxed_str()),
            size: 1,
            severity: None,
            third_party: false,
        }));
        let nodes: Vec<Node> = tree.slices().flatten().cloned().collect();
        let (first, rest) = nodes.split_at(4);
        for (part, last) in [(first, false), (rest, true)] {
            let Stage::Done { trees, .. } = &app.stage else {
                panic!()
            };
            assert!(trees.get(Tab::Files).is_none(), "not before the last slice");
            app.update(AppEvent::Worker(Response::Tree {
                id: 1,
                tab: Tab::Files,
                nodes: part.to_vec(),
                last,
            }));
        }
        let Stage::Done { trees, .. } = &app.stage else {
            panic!()
        };
        assert_eq!(trees.get(Tab::Files).map(|t| &**t), Some(&tree));
        assert!(trees.get(Tab::Recovered).is_none());
        let digests = Digests::of(b"x");
        app.update(AppEvent::Worker(Response::Digests {
            id: 1,
            digests: digests.clone(),
        }));
        assert!(matches!(&app.stage, Stage::Done { digests: Some(d), .. } if *d == digests));
        // Digests of an older analysis are not this one's.
        app.update(chosen("b.tgz"));
        app.update(AppEvent::Worker(Response::Done {
            id: 2,
            overview: overview(),
        }));
        app.update(AppEvent::Worker(Response::Digests { id: 1, digests }));
        assert!(matches!(app.stage, Stage::Done { digests: None, .. }));
    }

    #[test]
    fn a_second_drop_replaces_the_first_and_its_messages_are_ignored() {
        let mut app = App::default();
        app.update(chosen("first.tgz"));
        assert_eq!(
            app.update(chosen("second.tgz")),
            [AppCommand::RestartWorker, AppCommand::Analyse { id: 2 }]
        );
        // Whatever the first one still says changes nothing.
        app.update(AppEvent::Worker(Response::Done {
            id: 1,
            overview: overview(),
        }));
        app.update(AppEvent::Worker(Response::Failed {
            id: 1,
            message: "late".into(),
        }));
        assert!(matches!(&app.stage, Stage::Working { id: 2, name, .. } if name == "second.tgz"));
        // When idle, choosing does not restart anything.
        app.update(AppEvent::Worker(Response::Done {
            id: 2,
            overview: overview(),
        }));
        assert_eq!(
            app.update(chosen("third.tgz")),
            [AppCommand::Analyse { id: 3 }]
        );
    }

    #[test]
    fn cancel_stops_the_work_and_says_so() {
        let mut app = App::default();
        app.update(chosen("big.tgz"));
        assert_eq!(app.update(AppEvent::Cancel), [AppCommand::RestartWorker]);
        assert_eq!(
            app.stage,
            Stage::Cancelled {
                name: "big.tgz".into()
            }
        );
        app.update(AppEvent::Worker(Response::Done {
            id: 1,
            overview: overview(),
        }));
        assert_eq!(
            app.stage,
            Stage::Cancelled {
                name: "big.tgz".into()
            }
        );
        // Esc with nothing running does nothing.
        assert!(app.update(AppEvent::Cancel).is_empty());
    }

    #[test]
    fn the_worker_says_how_far_it_has_got() {
        let mut app = App::default();
        assert_eq!(app.worker, WorkerState::Starting);
        app.update(AppEvent::Worker(Response::Ready));
        app.update(AppEvent::Worker(Response::Warm));
        assert_eq!(app.worker.as_str(), "warm");
        app.update(chosen("a.tgz"));
        assert_eq!(
            app.worker,
            WorkerState::Warm,
            "an idle worker takes the work"
        );
        app.update(AppEvent::Cancel);
        assert_eq!(app.worker, WorkerState::Starting, "a fresh one starts");
    }

    #[test]
    fn several_files_dropped_get_a_notice() {
        let mut app = App::default();
        app.update(AppEvent::Chosen {
            name: "a.tgz".into(),
            count: 3,
        });
        assert_eq!(
            app.notice.as_deref(),
            Some(
                "3 files were dropped; Leakscope reads one package at a time, so only a.tgz is analysed."
            )
        );
        app.update(chosen("b.tgz"));
        assert_eq!(app.notice, None);
    }

    #[test]
    fn progress_reads_well() {
        let p = Progress {
            read: 12_500_000,
            total: 31_200_000,
            unpacked: 0,
            files: 1234,
        };
        assert_eq!(
            progress_label(&p),
            "12.5 MB of 31.2 MB read (40 %) · 1,234 files unpacked"
        );
        assert_eq!(progress_label(&Progress::default()), "Reading the file");
    }
}
