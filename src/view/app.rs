//! The page as a whole: which package is being opened, analysed or shown, what it is
//! compared with, and what happens when another is chosen, typed, cancelled, or reports
//! back. Analyses are numbered, so that whatever a cancelled or replaced one still says is
//! ignored. Events come in (from the person, the shell's fetches, the worker); commands go
//! out for the shell to carry out; the page renders what is here.

use std::rc::Rc;

use crate::diff::{Comparison, FileStatus};
use crate::example;
use crate::protocol::{DiffFormat, IntegrityCheck, Overview, Request, Response, Save};
use crate::registry::{Index, Provenance, Spec};
use crate::session::{Digests, Progress};
use crate::text::{count, plural, size};
use crate::tree::{FileTree, Node, Tab};
use crate::view::link::{Link, Selection};
use crate::view::open::{
    Fetch, FetchEvent, FetchWhat, Network, Next, Opening, Package, RegistryFrom, RegistrySetting,
    Role, Stopped, registry_base,
};
use crate::view::policy::ConnectPolicy;

/// A package on its way to being shown: fetched by name, or read by the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Task {
    /// Opening a published version: its packument and tarball are being fetched.
    Opening { id: u32, opening: Opening },
    /// The worker reads it.
    Working {
        id: u32,
        name: String,
        progress: Progress,
    },
    /// The download does not match the registry's integrity: read only if the person
    /// asks for it.
    Mismatch {
        id: u32,
        name: String,
        message: String,
        check: Box<IntegrityCheck>,
    },
}

impl Task {
    pub fn id(&self) -> u32 {
        match self {
            Task::Opening { id, .. } | Task::Working { id, .. } | Task::Mismatch { id, .. } => *id,
        }
    }

    pub fn name(&self) -> String {
        match self {
            Task::Opening { opening, .. } => opening.label(),
            Task::Working { name, .. } | Task::Mismatch { name, .. } => name.clone(),
        }
    }

    /// What its progress line says, and how far it has got (0 to 1) when that is known.
    pub fn status(&self) -> (String, Option<f64>) {
        match self {
            Task::Opening { opening, .. } => (opening.status(), opening.fraction()),
            Task::Working { progress, .. } => (progress_label(progress), Some(progress.fraction())),
            Task::Mismatch { .. } => ("The integrity check failed".to_string(), None),
        }
    }
}

/// An analysed package, as the page has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub id: u32,
    pub overview: Rc<Overview>,
    /// The two trees, once all their slices have come (a few ms after the verdict).
    pub trees: Trees,
    /// The input's digests, which come a little after the verdict.
    pub digests: Option<Digests>,
}

impl Opened {
    fn new(id: u32, overview: Box<Overview>) -> Opened {
        Opened {
            id,
            // A download is hashed before it is read: its digests come with it.
            digests: overview.input.digests.clone(),
            overview: Rc::from(overview),
            trees: Trees::default(),
        }
    }

    /// Where it came from, when it was opened by name.
    pub fn source(&self) -> Option<&Provenance> {
        self.overview.input.source.as_ref()
    }
}

/// The comparison of the package shown with another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Compare {
    /// The control is open: pick a version, type one, or choose a file.
    Picking,
    Busy(Task),
    Failed(Stopped),
    /// Both are read; the worker compares them. The package the person opened stays
    /// shown; `other` is the one it is compared with, and `shown_is_new` says which of the
    /// two is NEW (the later version; when that cannot be told, the one picked to compare).
    Comparing {
        other: Opened,
        shown_is_new: bool,
    },
    Ready {
        other: Opened,
        shown_is_new: bool,
        comparison: Rc<Comparison>,
        /// The status of each node of the shown package's files tree.
        marks: Rc<Vec<FileStatus>>,
    },
}

/// The package shown, and what it is compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub analysis: Opened,
    /// A file to open as soon as the trees are there (named by the link the page was
    /// opened with).
    pub open: Option<Selection>,
    pub compare: Option<Compare>,
    /// What is being saved, until the worker has made it.
    pub saving: Option<Save>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Stage {
    #[default]
    Idle,
    Busy(Task),
    Done(Box<Shown>),
    Failed {
        name: String,
        stopped: Stopped,
    },
    /// The person stopped the analysis of `name`.
    Cancelled {
        name: String,
    },
}

/// What happens to the page.
#[derive(Debug, Clone, PartialEq)]
pub enum AppEvent {
    /// The page has loaded: its origin, its security policy's text, the registry the
    /// person saved, and the link it was opened with.
    Started {
        origin: String,
        policy: String,
        saved_registry: Option<String>,
        link: Link,
    },
    /// The page's address changed to this link (pasted into the same tab).
    Linked(Link),
    /// "Try an example": the built-in example package is analysed.
    Example,
    /// Files were chosen (dropped or picked); the first is analysed.
    Chosen {
        name: String,
        count: usize,
        role: Role,
    },
    /// A published version was asked for: typed (`name@version`) or clicked.
    Named {
        input: String,
        role: Role,
    },
    /// The registry setting: an address, or empty for the default.
    SetRegistry(String),
    /// The registry form was closed: what it said about the last address is moot.
    CloseRegistryForm,
    /// What a fetch of analysis `id` reported.
    Fetched {
        id: u32,
        event: FetchEvent,
    },
    /// After a failed integrity check: read the download anyway.
    ScanAnyway {
        role: Role,
    },
    /// "Compare with…", its "Close", and "Swap".
    PickCompare,
    EndCompare,
    SwapCompare,
    /// The Cancel button, or Esc.
    Cancel,
    /// The viewer: a file shown in a slot, its rows, the slot let go.
    View(ViewEvent),
    /// A download button: something of the package shown.
    Save(Save),
    /// A download button of the comparison shown, in this format.
    SaveComparison(DiffFormat),
    /// What the worker said.
    Worker(Response),
}

/// What the viewer asks for. Its slots are numbered by the page, so that each file's rows
/// reach the slot that shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ViewEvent {
    Open {
        view: u32,
        tab: Tab,
        path: String,
    },
    Rows {
        view: u32,
        from: usize,
        to: usize,
    },
    Close {
        view: u32,
    },
    /// A line was chosen: where it came from, or what was made from it.
    Line {
        view: u32,
        tab: Tab,
        path: String,
        line: u32,
    },
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

/// Where the bytes of an analysis are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteSource {
    /// The file chosen for this role.
    Chosen,
    /// The tarball this role downloaded last.
    Downloaded,
    /// The built-in example, which the worker makes (`crate::example`).
    Example,
}

/// What the shell must do after an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppCommand {
    /// Stop the worker (whatever it is doing) and start a fresh one.
    RestartWorker,
    /// Hand these bytes to the worker as analysis `id`; it keeps session `keep`.
    Analyse {
        id: u32,
        role: Role,
        input: ByteSource,
        keep: Option<u32>,
        check: Option<Box<IntegrityCheck>>,
    },
    /// Fetch for analysis `id`, reporting with [`AppEvent::Fetched`].
    Fetch { id: u32, role: Role, fetch: Fetch },
    /// Hand the packument this role just fetched to the worker, to resolve `spec` in.
    ReadPackument {
        id: u32,
        role: Role,
        registry: String,
        spec: Spec,
    },
    /// Have the worker resolve `spec` in the packument it keeps.
    Resolve {
        id: u32,
        registry: String,
        spec: Spec,
    },
    /// Stop this role's fetch, if one is running.
    Abort { role: Role },
    Compare {
        old: u32,
        new: u32,
        shown_is_new: bool,
    },
    /// Keep the registry setting in the browser (`None`: forget it).
    SaveRegistry(Option<String>),
    /// Ask the worker something that needs no bytes beside it.
    Ask(Request),
    /// Give the person these bytes as a file to save.
    Download {
        name: String,
        mime: String,
        bytes: Vec<u8>,
    },
}

/// The trees of a finished analysis, gathered from their slices. Cheap to clone and to
/// compare, as the page does on each render: the slices gathered so far are shared, and
/// only how many there are counts.
#[derive(Debug, Clone, Default)]
pub struct Trees {
    pending: Rc<std::cell::RefCell<[Vec<Node>; 2]>>,
    done: [Option<Rc<FileTree>>; 2],
}

impl PartialEq for Trees {
    fn eq(&self, other: &Trees) -> bool {
        let lengths = |t: &Trees| t.pending.borrow().each_ref().map(Vec::len);
        self.done == other.done && lengths(self) == lengths(other)
    }
}

impl Eq for Trees {}

impl Trees {
    /// The tree of a tab, once it is whole.
    pub fn get(&self, tab: Tab) -> Option<&Rc<FileTree>> {
        self.done[tab as usize].as_ref()
    }

    /// Both trees are whole.
    pub fn ready(&self) -> bool {
        self.done.iter().all(Option::is_some)
    }

    fn add(&mut self, tab: Tab, nodes: Vec<Node>, last: bool) {
        let mut pending = self.pending.borrow_mut();
        let pending = &mut pending[tab as usize];
        pending.extend(nodes);
        if last {
            self.done[tab as usize] = Some(Rc::new(FileTree::from(std::mem::take(pending))));
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct App {
    pub stage: Stage,
    pub worker: WorkerState,
    /// Said when several files were dropped: one package is analysed at a time.
    pub notice: Option<String>,
    pub registry: RegistrySetting,
    /// The Python index `pypi:` names are opened from (PyPI, unless a link names another).
    pub pypi: Option<String>,
    /// Why the registry last typed was not taken.
    pub registry_error: Option<String>,
    /// The package last opened by name, with its versions.
    pub package: Option<Rc<Package>>,
    /// The worker keeps that package's packument (a fresh worker does not).
    worker_has_package: bool,
    net: Network,
    /// The link the page was opened with, until its package is shown.
    pending: Option<Link>,
    next: u32,
}

impl App {
    /// A main analysis is under way.
    pub fn busy(&self) -> bool {
        matches!(self.stage, Stage::Busy(_))
    }

    /// What a screen reader says of the page's state, once each time it changes: the work
    /// under way (not each step of its progress), the verdict, or why it stopped.
    pub fn announcement(&self) -> String {
        match &self.stage {
            Stage::Idle => String::new(),
            Stage::Busy(Task::Mismatch { name, .. }) => {
                format!("{name} is not what the registry published; it was not read.")
            }
            Stage::Busy(task) => format!("Analysing {}…", task.name()),
            Stage::Failed { name, stopped } => format!("{name}: {}", stopped.message),
            Stage::Cancelled { name } => format!("Stopped analysing {name}."),
            Stage::Done(shown) => {
                let o = &shown.analysis.overview;
                format!(
                    "{}: {}, {}. {}",
                    o.label,
                    o.verdict.level.as_str(),
                    o.verdict.title,
                    o.verdict.summary
                )
            }
        }
    }

    /// The version of the package listed ([`App::package`]) that is shown, if it is one.
    pub fn shown_version(&self) -> Option<String> {
        let package = self.package.as_ref()?;
        self.shown()
            .and_then(|s| s.analysis.source())
            .filter(|s| s.name == package.name)
            .map(|s| s.version.clone())
    }

    /// What "Compare with…" suggests: the version before the one shown (not a
    /// prerelease), else the package's name, ready for a version.
    pub fn compare_suggestion(&self) -> Option<String> {
        let shown = self.shown()?;
        let name = shown.analysis.overview.name.clone()?;
        // Only what can be opened by name: an npm package or a Python release.
        let index = shown.analysis.overview.ecosystem.index()?;
        let previous = self
            .package
            .as_ref()
            .filter(|p| p.name == name)
            .and_then(|p| {
                let version = shown.analysis.overview.version.as_deref()?;
                let rows = &p.versions.rows;
                let at = rows.iter().position(|r| r.version == version)?;
                rows[at + 1..]
                    .iter()
                    .find(|r| !r.prerelease)
                    .map(|r| r.version.clone())
            });
        Some(Spec::text(index, &name, previous.as_deref().unwrap_or("")))
    }

    /// The fingerprint a link names while no package is shown: the page waits for that
    /// tarball to be dropped (nothing is ever uploaded, so a link cannot bring it).
    pub fn awaited_tarball(&self) -> Option<&str> {
        let link = self.pending.as_ref().filter(|l| l.pkg.is_none())?;
        matches!(self.stage, Stage::Idle)
            .then_some(link.tarball.as_deref())
            .flatten()
    }

    /// The registries the page may use besides its own site, as deployed.
    pub fn allowed_registries(&self) -> Vec<&str> {
        self.net.policy.listed()
    }

    pub fn shown(&self) -> Option<&Shown> {
        match &self.stage {
            Stage::Done(shown) => Some(shown),
            _ => None,
        }
    }

    fn compare_mut(&mut self) -> Option<&mut Compare> {
        match &mut self.stage {
            Stage::Done(shown) => shown.compare.as_mut(),
            _ => None,
        }
    }

    /// The task of `role`, if one is under way.
    fn task_mut(&mut self, role: Role) -> Option<&mut Task> {
        match (role, &mut self.stage) {
            (Role::Main, Stage::Busy(task)) => Some(task),
            (Role::Compare, Stage::Done(shown)) => match &mut shown.compare {
                Some(Compare::Busy(task)) => Some(task),
                _ => None,
            },
            _ => None,
        }
    }

    /// Which role's task analysis `id` is.
    fn role_of(&self, id: u32) -> Option<Role> {
        match &self.stage {
            Stage::Busy(task) if task.id() == id => Some(Role::Main),
            Stage::Done(shown) => match &shown.compare {
                Some(Compare::Busy(task)) if task.id() == id => Some(Role::Compare),
                _ => None,
            },
            _ => None,
        }
    }

    /// The analysis numbered `id`, wherever it is shown.
    fn analysis_mut(&mut self, id: u32) -> Option<&mut Opened> {
        let Stage::Done(shown) = &mut self.stage else {
            return None;
        };
        if shown.analysis.id == id {
            return Some(&mut shown.analysis);
        }
        match &mut shown.compare {
            Some(Compare::Comparing { other, .. } | Compare::Ready { other, .. })
                if other.id == id =>
            {
                Some(other)
            }
            _ => None,
        }
    }

    /// The session the worker must keep while `role` is read.
    fn keep(&self, role: Role) -> Option<u32> {
        match role {
            Role::Main => None,
            Role::Compare => self.shown().map(|s| s.analysis.id),
        }
    }

    fn number(&mut self) -> u32 {
        self.next += 1;
        self.next
    }

    /// Puts a task (or, with `None`, nothing) in `role`'s place.
    fn set_task(&mut self, role: Role, task: Task) {
        match role {
            Role::Main => self.stage = Stage::Busy(task),
            Role::Compare => {
                if let Stage::Done(shown) = &mut self.stage {
                    shown.compare = Some(Compare::Busy(task));
                }
            }
        }
    }

    /// `role`'s task stopped: say why.
    fn stop(&mut self, role: Role, stopped: Stopped) {
        let name = self.task_mut(role).map(|t| t.name()).unwrap_or_default();
        self.fail(role, name, stopped);
    }

    /// `role` could not open `name`.
    fn fail(&mut self, role: Role, name: String, stopped: Stopped) {
        match role {
            Role::Main => self.stage = Stage::Failed { name, stopped },
            Role::Compare => {
                if let Some(compare) = self.compare_mut() {
                    *compare = Compare::Failed(stopped);
                }
            }
        }
    }

    /// Applies one event; the commands are for the shell to carry out, in order.
    pub fn update(&mut self, event: AppEvent) -> Vec<AppCommand> {
        match event {
            AppEvent::Started {
                origin,
                policy,
                saved_registry,
                link,
            } => self.started(origin, &policy, saved_registry, link),
            AppEvent::Linked(link) => self.linked(link),
            AppEvent::Chosen { name, count, role } => {
                self.chosen(name, count, role, ByteSource::Chosen)
            }
            AppEvent::Example => self.chosen(
                example::NAME.to_string(),
                1,
                Role::Main,
                ByteSource::Example,
            ),
            AppEvent::Named { input, role } => self.named(&input, role),
            AppEvent::SetRegistry(input) => self.set_registry(&input),
            AppEvent::CloseRegistryForm => {
                self.registry_error = None;
                Vec::new()
            }
            AppEvent::Fetched { id, event } => self.fetched(id, event),
            AppEvent::ScanAnyway { role } => self.scan_anyway(role),
            AppEvent::PickCompare => {
                if let Stage::Done(shown) = &mut self.stage
                    && !matches!(shown.compare, Some(Compare::Busy(_)))
                {
                    shown.compare = Some(Compare::Picking);
                }
                Vec::new()
            }
            AppEvent::EndCompare => {
                let busy = matches!(self.compare_mut(), Some(Compare::Busy(_)));
                if let Stage::Done(shown) = &mut self.stage {
                    shown.compare = None;
                }
                if busy {
                    vec![AppCommand::Abort {
                        role: Role::Compare,
                    }]
                } else {
                    Vec::new()
                }
            }
            AppEvent::SwapCompare => self.swap(),
            AppEvent::Cancel => self.cancel(),
            AppEvent::View(event) => self.view(event),
            AppEvent::Save(what) => self.save(what),
            AppEvent::SaveComparison(format) => self.save_comparison(format),
            AppEvent::Worker(response) => self.heard(response),
        }
    }

    /// The viewer's requests, about the package shown.
    fn view(&self, event: ViewEvent) -> Vec<AppCommand> {
        let request = match event {
            ViewEvent::Open { view, tab, path } => match self.shown() {
                Some(shown) => Request::Open {
                    session: shown.analysis.id,
                    view,
                    tab,
                    path,
                },
                None => return Vec::new(),
            },
            ViewEvent::Rows { view, from, to } => Request::Rows { view, from, to },
            ViewEvent::Line {
                view,
                tab,
                path,
                line,
            } => match self.shown() {
                Some(shown) => Request::Origin {
                    session: shown.analysis.id,
                    view,
                    tab,
                    path,
                    line,
                },
                None => return Vec::new(),
            },
            ViewEvent::Close { view } => Request::Close { view },
        };
        vec![AppCommand::Ask(request)]
    }

    /// Something of the package shown, to save: the worker makes it.
    fn save(&mut self, what: Save) -> Vec<AppCommand> {
        match self.shown() {
            Some(shown) => self.save_of(shown.analysis.id, what),
            None => Vec::new(),
        }
    }

    /// The comparison shown, to save: from the older to the newer, whichever is shown.
    fn save_comparison(&mut self, format: DiffFormat) -> Vec<AppCommand> {
        let Some(shown) = self.shown() else {
            return Vec::new();
        };
        let Some(Compare::Ready {
            other,
            shown_is_new,
            ..
        }) = &shown.compare
        else {
            return Vec::new();
        };
        let AppCommand::Compare { old, new, .. } =
            compare_command(shown.analysis.id, other.id, *shown_is_new)
        else {
            unreachable!("compare_command makes a Compare")
        };
        self.save_of(new, Save::Comparison { old, format })
    }

    /// Asks the worker to make `what` of `session`, and says so until it comes.
    fn save_of(&mut self, session: u32, what: Save) -> Vec<AppCommand> {
        if let Stage::Done(shown) = &mut self.stage {
            shown.saving = Some(what.clone());
        }
        vec![AppCommand::Ask(Request::Save { session, what })]
    }

    fn started(
        &mut self,
        origin: String,
        policy: &str,
        saved: Option<String>,
        link: Link,
    ) -> Vec<AppCommand> {
        self.net = Network {
            policy: ConnectPolicy::parse(policy),
            origin,
        };
        if let Some(base) = saved.and_then(|s| registry_base(&s, &self.net.origin).ok()) {
            self.registry = RegistrySetting {
                base,
                from: RegistryFrom::Saved,
            };
        }
        self.linked(link)
    }

    /// A link names a package by name (fetched at once, from the link's registry), or a
    /// tarball by fingerprint (whose file opens once that tarball is dropped). A link that
    /// names what is shown already changes nothing.
    fn linked(&mut self, link: Link) -> Vec<AppCommand> {
        let same = |a: &Link, b: &Link| {
            (&a.pkg, &a.registry, &a.pypi, &a.compare, &a.tarball)
                == (&b.pkg, &b.registry, &b.pypi, &b.compare, &b.tarball)
        };
        if self.shown().is_some() && same(&link, &self.link()) {
            return Vec::new();
        }
        if let Some(base) = link
            .registry
            .as_deref()
            .and_then(|r| registry_base(r, &self.net.origin).ok())
        {
            self.registry = RegistrySetting {
                base,
                from: RegistryFrom::Link,
            };
        }
        if let Some(base) = link
            .pypi
            .as_deref()
            .and_then(|r| registry_base(r, &self.net.origin).ok())
        {
            self.pypi = Some(base);
        }
        let pkg = link.pkg.clone();
        self.pending = Some(link).filter(|l| l.pkg.is_some() || l.tarball.is_some());
        match pkg {
            Some(pkg) => self.named(&pkg, Role::Main),
            None => Vec::new(),
        }
    }

    fn chosen(
        &mut self,
        name: String,
        count: usize,
        role: Role,
        input: ByteSource,
    ) -> Vec<AppCommand> {
        let mut commands = Vec::new();
        if role == Role::Main {
            commands.extend(self.clear_main());
            self.package = None;
            self.notice = (count > 1).then(|| {
                format!(
                    "{} were dropped; Leakscope reads one package at a time, so only {name} is analysed.",
                    plural(count, "file", "files")
                )
            });
        } else if self.shown().is_none() {
            return Vec::new();
        } else {
            commands.extend(self.abort_compare());
        }
        let id = self.number();
        self.set_task(
            role,
            Task::Working {
                id,
                name,
                progress: Progress::default(),
            },
        );
        commands.push(AppCommand::Analyse {
            id,
            role,
            input,
            keep: self.keep(role),
            check: None,
        });
        commands
    }

    /// Whatever the main role was doing stops: a running analysis by restarting the
    /// worker (nothing of it may show up afterwards), a fetch by aborting it.
    fn clear_main(&mut self) -> Vec<AppCommand> {
        let mut commands = Vec::new();
        match &self.stage {
            // Only a download is under way: the worker is left alone.
            Stage::Busy(Task::Opening { opening, .. }) if opening.downloading() => {
                commands.push(AppCommand::Abort { role: Role::Main })
            }
            // Waiting for the person: nothing runs.
            Stage::Busy(Task::Mismatch { .. }) => {}
            Stage::Busy(_) => {
                self.worker = WorkerState::Starting;
                self.worker_has_package = false;
                commands.push(AppCommand::RestartWorker);
            }
            Stage::Done(shown) if matches!(shown.compare, Some(Compare::Busy(_))) => {
                commands.push(AppCommand::Abort {
                    role: Role::Compare,
                });
            }
            _ => {}
        }
        commands
    }

    /// A compare task under way stops (its fetch; a scan runs out, and is then ignored).
    fn abort_compare(&mut self) -> Vec<AppCommand> {
        match self.compare_mut() {
            Some(Compare::Busy(_)) => vec![AppCommand::Abort {
                role: Role::Compare,
            }],
            _ => Vec::new(),
        }
    }

    fn named(&mut self, input: &str, role: Role) -> Vec<AppCommand> {
        if role == Role::Compare && self.shown().is_none() {
            return Vec::new();
        }
        let mut commands = match role {
            Role::Main => self.clear_main(),
            Role::Compare => self.abort_compare(),
        };
        if role == Role::Main {
            self.notice = None;
        }
        let input = &self.qualified(input);
        let spec = match Spec::parse(input) {
            Ok(spec) => spec,
            Err(e) => {
                self.fail(role, input.trim().to_string(), e.into());
                return commands;
            }
        };
        let id = self.number();
        let label = spec.label();
        let known = self.package.as_deref().filter(|_| self.worker_has_package);
        let registry = match spec.index {
            Index::Npm => self.registry.base.clone(),
            Index::Pypi => self.pypi_base(),
        };
        match Opening::start(spec, &registry, known, &self.net) {
            Ok((opening, next)) => {
                commands.push(match next {
                    Next::Fetch(fetch) => AppCommand::Fetch { id, role, fetch },
                    Next::Resolve => AppCommand::Resolve {
                        id,
                        registry: opening.registry.clone(),
                        spec: opening.spec.clone(),
                    },
                });
                self.set_task(role, Task::Opening { id, opening });
            }
            Err(stopped) => self.fail(role, label, stopped),
        }
        commands
    }

    /// The Python index in use: a link's, else PyPI.
    fn pypi_base(&self) -> String {
        self.pypi
            .clone()
            .unwrap_or_else(|| crate::registry::pypi::DEFAULT_PYPI.to_string())
    }

    /// A bare version (`2.1.87`, `^2`, `v1.0.0`) is one of the package shown, or of the one
    /// whose versions are listed.
    fn qualified(&self, input: &str) -> String {
        let typed = input.trim();
        let bare = typed
            .trim_start_matches(['^', '~', '=', 'v', 'V'])
            .starts_with(|c: char| c.is_ascii_digit());
        let name = self
            .shown()
            .and_then(|s| s.analysis.overview.name.clone())
            .or_else(|| self.package.as_ref().map(|p| p.name.clone()));
        // A Python release shown: a bare version is one of its releases.
        let index = self
            .shown()
            .and_then(|s| s.analysis.overview.ecosystem.index())
            .unwrap_or(Index::Npm);
        match name {
            Some(name) if bare => Spec::text(index, &name, typed),
            _ => typed.to_string(),
        }
    }

    fn set_registry(&mut self, input: &str) -> Vec<AppCommand> {
        if input.trim().is_empty() {
            self.registry = RegistrySetting::default();
            self.registry_error = None;
            return vec![AppCommand::SaveRegistry(None)];
        }
        let checked = registry_base(input, &self.net.origin).and_then(|base| {
            let probe = crate::registry::packument_url(&base, "leakscope");
            if self.net.policy.allows(&self.net.origin, &probe) {
                Ok(base)
            } else {
                Err(Stopped::from(crate::registry::RegistryError::NotAllowed {
                    origin: crate::view::open::origin_of(&base).to_string(),
                    allowed: self
                        .allowed_registries()
                        .iter()
                        .map(|s| s.to_string())
                        .collect(),
                })
                .message)
            }
        });
        match checked {
            Ok(base) => {
                self.registry_error = None;
                self.registry = RegistrySetting {
                    base: base.clone(),
                    from: RegistryFrom::Saved,
                };
                vec![AppCommand::SaveRegistry(Some(base))]
            }
            Err(why) => {
                self.registry_error = Some(why);
                Vec::new()
            }
        }
    }

    fn fetched(&mut self, id: u32, event: FetchEvent) -> Vec<AppCommand> {
        let Some(role) = self.role_of(id) else {
            return Vec::new();
        };
        let Some(Task::Opening { opening, .. }) = self.task_mut(role) else {
            return Vec::new();
        };
        match event {
            FetchEvent::Progress { received, total } => {
                opening.progress(received, total);
                Vec::new()
            }
            FetchEvent::Failed(failure) => {
                let stopped = opening.failed(&failure);
                self.stop(role, stopped);
                Vec::new()
            }
            FetchEvent::Complete => match opening.complete() {
                Some(FetchWhat::Packument) => vec![AppCommand::ReadPackument {
                    id,
                    role,
                    registry: opening.registry.clone(),
                    spec: opening.spec.clone(),
                }],
                Some(FetchWhat::Tarball) => {
                    let Some(check) = opening.check() else {
                        return Vec::new();
                    };
                    vec![AppCommand::Analyse {
                        id,
                        role,
                        input: ByteSource::Downloaded,
                        keep: self.keep(role),
                        check: Some(Box::new(check)),
                    }]
                }
                None => Vec::new(),
            },
        }
    }

    fn scan_anyway(&mut self, role: Role) -> Vec<AppCommand> {
        let keep = self.keep(role);
        let Some(task) = self.task_mut(role) else {
            return Vec::new();
        };
        let Task::Mismatch {
            id, name, check, ..
        } = task.clone()
        else {
            return Vec::new();
        };
        *task = Task::Working {
            id,
            name,
            progress: Progress::default(),
        };
        vec![AppCommand::Analyse {
            id,
            role,
            input: ByteSource::Downloaded,
            keep,
            check: Some(Box::new(IntegrityCheck {
                anyway: true,
                ..*check
            })),
        }]
    }

    fn cancel(&mut self) -> Vec<AppCommand> {
        if let Stage::Busy(task) = &self.stage {
            let name = task.name();
            let commands = self.clear_main();
            self.stage = Stage::Cancelled { name };
            return commands;
        }
        let commands = self.abort_compare();
        if let Some(c) = self.compare_mut()
            && matches!(c, Compare::Busy(_))
        {
            *c = Compare::Picking;
        }
        commands
    }

    /// The comparison turns round: what changed from the other package to this one
    /// becomes what changed from this one to the other.
    fn swap(&mut self) -> Vec<AppCommand> {
        let Stage::Done(shown) = &mut self.stage else {
            return Vec::new();
        };
        let Some(Compare::Ready {
            other,
            shown_is_new,
            ..
        }) = shown.compare.take()
        else {
            return Vec::new();
        };
        let command = compare_command(shown.analysis.id, other.id, !shown_is_new);
        shown.compare = Some(Compare::Comparing {
            other,
            shown_is_new: !shown_is_new,
        });
        vec![command]
    }

    /// What the worker said: about an analysis under way or shown, or about itself.
    fn heard(&mut self, response: Response) -> Vec<AppCommand> {
        match response {
            Response::Ready => self.worker = WorkerState::Ready,
            Response::Warm => self.worker = WorkerState::Warm,
            Response::Progress { id, progress } => self.progressed(id, progress),
            Response::Done { id, overview } => return self.done(id, overview),
            Response::Tree {
                id,
                tab,
                nodes,
                last,
            } => {
                if let Some(a) = self.analysis_mut(id) {
                    a.trees.add(tab, nodes, last);
                }
                return self.open_pending();
            }
            Response::Digests { id, digests } => {
                if let Some(a) = self.analysis_mut(id) {
                    a.digests = Some(digests);
                }
                return self.open_pending();
            }
            Response::Failed { id, message } => {
                if let Some(role) = self.role_of(id) {
                    self.stop(
                        role,
                        Stopped {
                            message,
                            ..Stopped::default()
                        },
                    );
                }
            }
            Response::Resolved {
                id,
                versions,
                result,
            } => return self.resolved(id, versions, result),
            Response::Mismatch { id, error } => self.mismatched(id, &error),
            Response::Compared {
                old,
                new,
                comparison,
                marks,
            } => self.compared(old, new, comparison, marks),
            Response::Saved { name, mime, bytes } => {
                if let Stage::Done(shown) = &mut self.stage {
                    shown.saving = None;
                }
                return vec![AppCommand::Download { name, mime, bytes }];
            }
            // Answers to the viewer go to its slots, not here; stale ones are dropped.
            Response::File { .. } | Response::Rows { .. } | Response::Origin { .. } => {}
        }
        Vec::new()
    }

    /// How far analysis `id` has got. A download's check is done once the scan reports.
    fn progressed(&mut self, id: u32, progress: Progress) {
        if let Some(role) = self.role_of(id)
            && let Some(task) = self.task_mut(role)
        {
            let name = task.name();
            match task {
                Task::Working { progress: p, .. } => *p = progress,
                _ => *task = Task::Working { id, name, progress },
            }
        }
    }

    /// A download did not match the registry's integrity: it waits for the person.
    fn mismatched(&mut self, id: u32, error: &crate::registry::RegistryError) {
        if let Some(role) = self.role_of(id)
            && let Some(task) = self.task_mut(role)
            && let Task::Opening { opening, .. } = task
            && let Some(check) = opening.check()
        {
            *task = Task::Mismatch {
                id,
                name: opening.label(),
                message: crate::text::capitalise(&error.to_string()),
                check: Box::new(check),
            };
        }
    }

    /// The comparison the page waits for (an older one, swapped since, is dropped).
    fn compared(
        &mut self,
        old: u32,
        new: u32,
        comparison: Box<crate::diff::Comparison>,
        marks: Vec<FileStatus>,
    ) {
        if let Stage::Done(shown) = &mut self.stage
            && let Some(Compare::Comparing {
                other,
                shown_is_new,
            }) = &shown.compare
            && compare_command(shown.analysis.id, other.id, *shown_is_new)
                == (AppCommand::Compare {
                    old,
                    new,
                    shown_is_new: *shown_is_new,
                })
        {
            shown.compare = Some(Compare::Ready {
                other: other.clone(),
                shown_is_new: *shown_is_new,
                comparison: Rc::from(comparison),
                marks: Rc::new(marks),
            });
        }
    }

    /// The worker resolved a spec: on to its tarball, or why not; with the package's versions
    /// when the worker has just read its packument.
    fn resolved(
        &mut self,
        id: u32,
        versions: Option<Box<crate::registry::VersionList>>,
        result: Result<Box<crate::registry::Resolved>, crate::registry::RegistryError>,
    ) -> Vec<AppCommand> {
        let Some(role) = self.role_of(id) else {
            return Vec::new();
        };
        let net = self.net.clone();
        let Some(Task::Opening { opening, .. }) = self.task_mut(role) else {
            return Vec::new();
        };
        let package = versions.map(|versions| Package {
            registry: opening.registry.clone(),
            name: opening.spec.name.clone(),
            versions: *versions,
        });
        let index = opening.spec.index;
        let next = result
            .map_err(|e| Stopped::of(e, index))
            .and_then(|resolved| opening.resolved_as(*resolved, &net));
        if role == Role::Main
            && let Some(package) = package
        {
            self.package = Some(Rc::new(package));
            self.worker_has_package = true;
        }
        match next {
            Ok(fetch) => vec![AppCommand::Fetch { id, role, fetch }],
            Err(stopped) => {
                self.stop(role, stopped);
                Vec::new()
            }
        }
    }

    fn done(&mut self, id: u32, overview: Box<Overview>) -> Vec<AppCommand> {
        match self.role_of(id) {
            Some(Role::Main) => {
                let analysis = Opened::new(id, overview);
                self.stage = Stage::Done(Box::new(Shown {
                    analysis,
                    open: None,
                    compare: None,
                    saving: None,
                }));
                let mut commands = self.open_pending();
                // A link naming a comparison starts it.
                if let Some(other) = self.pending.as_ref().and_then(|l| l.compare.clone())
                    && self.pending.as_ref().is_some_and(|l| l.pkg.is_some())
                {
                    commands.extend(self.named(&other, Role::Compare));
                }
                commands
            }
            Some(Role::Compare) => {
                let Stage::Done(shown) = &mut self.stage else {
                    return Vec::new();
                };
                let other = Opened::new(id, overview);
                // OLD is the earlier version; the package the person opened stays shown.
                let shown_is_new = older(&other.overview, &shown.analysis.overview);
                let command = compare_command(shown.analysis.id, other.id, shown_is_new);
                shown.compare = Some(Compare::Comparing {
                    other,
                    shown_is_new,
                });
                vec![command]
            }
            None => Vec::new(),
        }
    }

    /// The file the page's link names, once the package it names is shown with its trees
    /// (for a dropped tarball: once its fingerprint is known to match).
    fn open_pending(&mut self) -> Vec<AppCommand> {
        let Some(link) = &self.pending else {
            return Vec::new();
        };
        let Stage::Done(shown) = &mut self.stage else {
            return Vec::new();
        };
        let a = &shown.analysis;
        let same = match (&link.pkg, &link.tarball) {
            (Some(_), _) => a.source().is_some(),
            (None, Some(fingerprint)) => {
                a.digests.as_ref().map(|d| d.fingerprint()) == Some(fingerprint.as_str())
            }
            (None, None) => false,
        };
        if !same || !a.trees.ready() {
            return Vec::new();
        }
        shown.open = link.selection().filter(|sel| {
            a.trees
                .get(sel.tab)
                .is_some_and(|t| t.find(&sel.path).is_some())
        });
        self.pending = None;
        Vec::new()
    }

    /// The link that reopens what is shown: by name (with its registry when it is not the
    /// default), else a dropped tarball by fingerprint; and what it is compared with.
    pub fn link(&self) -> Link {
        let Some(shown) = self.shown() else {
            return Link::default();
        };
        let a = &shown.analysis;
        let by_name = |a: &Opened| a.source().map(Provenance::typed);
        let from = |index: Index| {
            a.source()
                .filter(|s| s.index == index)
                .map(|s| s.registry.clone())
        };
        let registry = from(Index::Npm).filter(|r| r != crate::registry::DEFAULT_REGISTRY);
        let pypi = from(Index::Pypi).filter(|r| r != crate::registry::pypi::DEFAULT_PYPI);
        let compare = match &shown.compare {
            Some(Compare::Ready { other, .. }) => by_name(other),
            _ => None,
        };
        Link {
            pkg: by_name(a),
            registry,
            pypi,
            compare,
            tarball: a
                .source()
                .is_none()
                .then(|| a.digests.as_ref().map(|d| d.fingerprint().to_string()))
                .flatten(),
            ..Link::default()
        }
    }
}

/// The worker's comparison of the package shown with the other one, in the direction
/// `shown_is_new` says.
fn compare_command(shown: u32, other: u32, shown_is_new: bool) -> AppCommand {
    let (old, new) = if shown_is_new {
        (other, shown)
    } else {
        (shown, other)
    };
    AppCommand::Compare {
        old,
        new,
        shown_is_new,
    }
}

/// Whether `a` is an older version than `b` of the same package. Undecided (another
/// package, the same version, not semver) is not: the one just picked is taken as the new
/// one.
fn older(a: &Overview, b: &Overview) -> bool {
    let version = |o: &Overview| {
        o.version
            .as_deref()
            .and_then(|v| semver::Version::parse(v).ok())
    };
    match (version(a), version(b)) {
        (Some(va), Some(vb)) => a.name == b.name && va < vb,
        _ => false,
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
    use crate::tree::FileInfo;
    use crate::view::open::FetchFailure;
    use crate::view::open::tests::packument;

    const ORIGIN: &str = "http://127.0.0.1:8090";
    const POLICY: &str = "default-src 'self'; connect-src 'self' https://registry.npmjs.org";

    fn overview_of(name: &str, version: &str, source: bool) -> Box<Overview> {
        let package = format!(r#"{{"name":"{name}","version":"{version}"}}"#);
        let files = [("package.json", package.as_bytes()), ("lib/a.js", b"a()")];
        let session = crate::session::of_files(&files, Some(version.as_bytes()));
        let mut o = Overview::of(&session);
        if source {
            let spec = Spec::parse(&format!("{name}@{version}")).unwrap();
            let resolved = crate::registry::resolve(&packument(), &spec, ORIGIN).unwrap();
            o.input.source = Some(Provenance::new(
                "https://registry.npmjs.org/",
                &spec,
                &resolved,
                Some(crate::registry::Algorithm::Sha1),
            ));
        }
        Box::new(o)
    }

    fn overview() -> Box<Overview> {
        let session = crate::session::of_files(&[("a.js", b"a")], None);
        Box::new(Overview::of(&session))
    }

    fn started(link: &str) -> (App, Vec<AppCommand>) {
        let mut app = App::default();
        let commands = app.update(AppEvent::Started {
            origin: ORIGIN.into(),
            policy: POLICY.into(),
            saved_registry: None,
            link: link.parse().unwrap(),
        });
        (app, commands)
    }

    fn chosen(name: &str) -> AppEvent {
        AppEvent::Chosen {
            name: name.into(),
            count: 1,
            role: Role::Main,
        }
    }

    fn named(input: &str, role: Role) -> AppEvent {
        AppEvent::Named {
            input: input.into(),
            role,
        }
    }

    fn complete(id: u32) -> AppEvent {
        AppEvent::Fetched {
            id,
            event: FetchEvent::Complete,
        }
    }

    fn worker(response: Response) -> AppEvent {
        AppEvent::Worker(response)
    }

    /// What the worker answers a command to read or resolve with [`packument`].
    fn answer(commands: &[AppCommand]) -> AppEvent {
        let (id, registry, spec, fresh) = commands
            .iter()
            .find_map(|c| match c {
                AppCommand::ReadPackument {
                    id, registry, spec, ..
                } => Some((*id, registry, spec, true)),
                AppCommand::Resolve { id, registry, spec } => Some((*id, registry, spec, false)),
                _ => None,
            })
            .unwrap_or_else(|| panic!("nothing for the worker to resolve: {commands:?}"));
        worker(crate::protocol::resolved(
            id,
            registry,
            spec,
            &packument(),
            fresh,
        ))
    }

    fn fetched_url(commands: &[AppCommand]) -> Option<&str> {
        commands.iter().find_map(|c| match c {
            AppCommand::Fetch { fetch, .. } => Some(fetch.url.as_str()),
            _ => None,
        })
    }

    /// Sends both trees of a small package, whole.
    fn trees(app: &mut App, id: u32) {
        let tree = FileTree::build(
            ["package.json", "lib/a.js"]
                .into_iter()
                .map(|path| FileInfo {
                    path,
                    size: 1,
                    severity: None,
                    third_party: false,
                }),
        );
        for tab in [Tab::Files, Tab::Recovered] {
            app.update(worker(Response::Tree {
                id,
                tab,
                nodes: tree.slices().flatten().cloned().collect(),
                last: true,
            }));
        }
    }

    /// Opens `p@<version>` by name up to the verdict; the analysis's number.
    fn open_by_name(app: &mut App, input: &str, role: Role, version: &str) -> u32 {
        let commands = app.update(named(input, role));
        let (AppCommand::Fetch { id, .. } | AppCommand::Resolve { id, .. }) =
            commands.last().unwrap().clone()
        else {
            panic!("{commands:?}")
        };
        // The packument when the worker does not know the package yet, then the tarball.
        let mut commands = commands;
        for _ in 0..4 {
            if commands
                .iter()
                .any(|c| matches!(c, AppCommand::Analyse { .. }))
            {
                break;
            }
            commands = match &commands[..] {
                [AppCommand::Fetch { .. }] => app.update(complete(id)),
                _ => app.update(answer(&commands)),
            };
        }
        assert!(
            matches!(
                &commands[..],
                [AppCommand::Analyse {
                    input: ByteSource::Downloaded,
                    check: Some(_),
                    ..
                }]
            ),
            "{commands:?}"
        );
        app.update(worker(Response::Done {
            id,
            overview: overview_of("p", version, true),
        }));
        id
    }

    #[test]
    fn the_example_is_made_by_the_worker_and_announced_like_any_package() {
        let mut app = App::default();
        assert_eq!(app.announcement(), "");
        assert_eq!(
            app.update(AppEvent::Example),
            [AppCommand::Analyse {
                id: 1,
                role: Role::Main,
                input: ByteSource::Example,
                keep: None,
                check: None
            }]
        );
        assert_eq!(app.announcement(), format!("Analysing {}…", example::NAME));
        let session = crate::analyse(&example::tar());
        app.update(worker(Response::Done {
            id: 1,
            overview: Box::new(Overview::of(&session)),
        }));
        let said = app.announcement();
        assert!(
            said.starts_with("@example/leaky-cli@1.0.0: critical, Leaks secrets."),
            "{said}"
        );
        app.update(AppEvent::Cancel);
        app.update(chosen("b.tgz"));
        app.update(AppEvent::Cancel);
        assert_eq!(app.announcement(), "Stopped analysing b.tgz.");
    }

    #[test]
    fn an_analysis_runs_to_its_end() {
        let mut app = App::default();
        assert_eq!(
            app.update(chosen("a.tgz")),
            [AppCommand::Analyse {
                id: 1,
                role: Role::Main,
                input: ByteSource::Chosen,
                keep: None,
                check: None
            }]
        );
        let progress = Progress {
            read: 5,
            total: 10,
            unpacked: 20,
            files: 3,
        };
        app.update(worker(Response::Progress { id: 1, progress }));
        assert!(
            matches!(&app.stage, Stage::Busy(Task::Working { progress: p, .. }) if *p == progress)
        );
        app.update(worker(Response::Done {
            id: 1,
            overview: overview(),
        }));
        let shown = |app: &App| app.shown().unwrap().analysis.clone();
        assert_eq!(shown(&app).digests, None);
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
            assert!(
                shown(&app).trees.get(Tab::Files).is_none(),
                "not before the last slice"
            );
            app.update(worker(Response::Tree {
                id: 1,
                tab: Tab::Files,
                nodes: part.to_vec(),
                last,
            }));
        }
        assert_eq!(shown(&app).trees.get(Tab::Files).map(|t| &**t), Some(&tree));
        assert!(shown(&app).trees.get(Tab::Recovered).is_none());
        let digests = Digests::of(b"x");
        app.update(worker(Response::Digests {
            id: 1,
            digests: digests.clone(),
        }));
        assert_eq!(shown(&app).digests.as_ref(), Some(&digests));
        assert_eq!(
            app.link().tarball.as_deref(),
            Some(digests.fingerprint()),
            "a dropped tarball is linked by fingerprint"
        );
        // Digests of an older analysis are not this one's.
        app.update(chosen("b.tgz"));
        app.update(worker(Response::Done {
            id: 2,
            overview: overview(),
        }));
        app.update(worker(Response::Digests { id: 1, digests }));
        assert_eq!(shown(&app).digests, None);
    }

    #[test]
    fn a_second_drop_replaces_the_first_and_its_messages_are_ignored() {
        let mut app = App::default();
        app.update(chosen("first.tgz"));
        let commands = app.update(chosen("second.tgz"));
        assert_eq!(commands[0], AppCommand::RestartWorker);
        assert!(matches!(commands[1], AppCommand::Analyse { id: 2, .. }));
        // Whatever the first one still says changes nothing.
        app.update(worker(Response::Done {
            id: 1,
            overview: overview(),
        }));
        app.update(worker(Response::Failed {
            id: 1,
            message: "late".into(),
        }));
        assert!(
            matches!(&app.stage, Stage::Busy(Task::Working { id: 2, name, .. }) if name == "second.tgz")
        );
        // When idle, choosing does not restart anything.
        app.update(worker(Response::Done {
            id: 2,
            overview: overview(),
        }));
        assert!(matches!(
            &app.update(chosen("third.tgz"))[..],
            [AppCommand::Analyse { id: 3, .. }]
        ));
    }

    #[test]
    fn cancel_stops_the_work_and_says_so() {
        let mut app = App::default();
        app.update(chosen("big.tgz"));
        assert_eq!(app.update(AppEvent::Cancel), [AppCommand::RestartWorker]);
        let cancelled = Stage::Cancelled {
            name: "big.tgz".into(),
        };
        assert_eq!(app.stage, cancelled);
        app.update(worker(Response::Done {
            id: 1,
            overview: overview(),
        }));
        assert_eq!(app.stage, cancelled);
        // Esc with nothing running does nothing.
        assert!(app.update(AppEvent::Cancel).is_empty());
        // A download is aborted, the worker left alone.
        let (mut app, _) = started("");
        app.update(named("p", Role::Main));
        assert_eq!(
            app.update(AppEvent::Cancel),
            [AppCommand::Abort { role: Role::Main }]
        );
        assert_eq!(app.stage, Stage::Cancelled { name: "p".into() });
    }

    #[test]
    fn the_worker_says_how_far_it_has_got() {
        let mut app = App::default();
        assert_eq!(app.worker, WorkerState::Starting);
        app.update(worker(Response::Ready));
        app.update(worker(Response::Warm));
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
            role: Role::Main,
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
    fn opening_by_name_fetches_reads_downloads_verifies_and_scans() {
        let (mut app, commands) = started("");
        assert!(commands.is_empty());
        let commands = app.update(named("p", Role::Main));
        assert_eq!(fetched_url(&commands), Some("https://registry.npmjs.org/p"));
        app.update(AppEvent::Fetched {
            id: 1,
            event: FetchEvent::Progress {
                received: 10,
                total: Some(40),
            },
        });
        let Stage::Busy(task) = &app.stage else {
            panic!()
        };
        assert_eq!(task.status().1, Some(0.25));
        let read = app.update(complete(1));
        assert!(
            matches!(&read[..], [AppCommand::ReadPackument { id: 1, role: Role::Main, spec, .. }] if spec.name == "p"),
            "{read:?}"
        );
        let commands = app.update(answer(&read));
        assert_eq!(
            fetched_url(&commands),
            Some("https://registry.npmjs.org/p/-/p-1.1.0.tgz")
        );
        assert_eq!(app.package.as_ref().unwrap().versions.rows.len(), 2);
        let commands = app.update(complete(1));
        let [
            AppCommand::Analyse {
                check: Some(check), ..
            },
        ] = &commands[..]
        else {
            panic!("{commands:?}")
        };
        assert_eq!(check.provenance.version, "1.1.0");
        assert_eq!(check.expected.sri(), "sha1-u7u7u7u7u7u7u7u7u7u7u7u7u7s=");
        assert!(!check.anyway);
        app.update(worker(Response::Progress {
            id: 1,
            progress: Progress::default(),
        }));
        assert!(matches!(&app.stage, Stage::Busy(Task::Working { name, .. }) if name == "p@1.1.0"));
        app.update(worker(Response::Done {
            id: 1,
            overview: overview_of("p", "1.1.0", true),
        }));
        assert_eq!(app.link().to_string(), "pkg=p@1.1.0");
        // Another version of it needs no second packument: the worker kept it.
        let commands = app.update(named("p@1.0.0", Role::Main));
        assert!(
            matches!(&commands[..], [AppCommand::Resolve { .. }]),
            "{commands:?}"
        );
        assert_eq!(
            fetched_url(&app.update(answer(&commands))),
            Some("https://registry.npmjs.org/p/-/p-1.0.0.tgz")
        );
        // A fresh worker does not have it: cancelled while the worker reads the download.
        let id = match app.stage {
            Stage::Busy(ref t) => t.id(),
            _ => panic!(),
        };
        app.update(complete(id));
        assert_eq!(app.update(AppEvent::Cancel), [AppCommand::RestartWorker]);
        assert!(app.package.is_some(), "the versions stay listed");
        assert_eq!(
            fetched_url(&app.update(named("p@1.0.0", Role::Main))),
            Some("https://registry.npmjs.org/p")
        );
    }

    #[test]
    fn a_bare_version_is_one_of_the_package_shown() {
        let (mut app, _) = started("");
        let main = open_by_name(&mut app, "p", Role::Main, "1.1.0");
        assert_eq!(main, 1);
        let commands = app.update(named("1.0.0", Role::Compare));
        assert!(
            matches!(&commands[..], [AppCommand::Resolve { spec, .. }] if spec.label() == "p@1.0.0"),
            "{commands:?}"
        );
        // Not a version: a name of its own.
        assert_eq!(app.qualified(" left-pad "), "left-pad");
        assert_eq!(app.qualified("^1.2"), "p@^1.2");
    }

    #[test]
    fn a_mismatch_is_read_only_when_asked() {
        let (mut app, _) = started("");
        app.update(named("p@1.0.0", Role::Main));
        let read = app.update(complete(1));
        app.update(answer(&read));
        app.update(complete(1));
        let error = crate::registry::RegistryError::IntegrityMismatch {
            algorithm: crate::registry::Algorithm::Sha1,
            expected: "sha1-A".into(),
            actual: "sha1-B".into(),
        };
        app.update(worker(Response::Mismatch { id: 1, error }));
        let Stage::Busy(Task::Mismatch { message, .. }) = &app.stage else {
            panic!("{:?}", app.stage)
        };
        assert!(message.contains("sha1-A") && message.contains("sha1-B"));
        let commands = app.update(AppEvent::ScanAnyway { role: Role::Main });
        let [
            AppCommand::Analyse {
                id: 1,
                check: Some(check),
                ..
            },
        ] = &commands[..]
        else {
            panic!("{commands:?}")
        };
        assert!(check.anyway);
        assert!(matches!(app.stage, Stage::Busy(Task::Working { .. })));
    }

    #[test]
    fn failures_offer_what_there_is() {
        let (mut app, _) = started("");
        app.update(named("p@2", Role::Main));
        let read = app.update(complete(1));
        app.update(answer(&read));
        let Stage::Failed { name, stopped } = &app.stage else {
            panic!("{:?}", app.stage)
        };
        assert_eq!(name, "p@2");
        assert_eq!(stopped.offers, ["p@1.1.0", "p@1.0.0"]);
        assert!(app.package.is_some(), "the versions are still listed");

        app.update(named("nope", Role::Main));
        app.update(AppEvent::Fetched {
            id: 2,
            event: FetchEvent::Failed(FetchFailure::Status(404)),
        });
        assert!(
            matches!(&app.stage, Stage::Failed { stopped, .. } if stopped.message.contains("no package called nope"))
        );
        // Not a name at all: said at once, nothing fetched.
        assert!(app.update(named("Not A Name!", Role::Main)).is_empty());
        assert!(matches!(&app.stage, Stage::Failed { .. }));
        // A registry the page's policy does not allow is never fetched from.
        app.update(AppEvent::SetRegistry("https://npm.acme.example".into()));
        assert!(
            app.registry_error
                .as_deref()
                .unwrap()
                .contains("LEAKSCOPE_REGISTRIES")
        );
        assert!(app.registry.is_default());
    }

    #[test]
    fn the_registry_setting() {
        let (mut app, _) = started("");
        assert_eq!(app.allowed_registries(), ["https://registry.npmjs.org"]);
        assert_eq!(
            app.update(AppEvent::SetRegistry("/registry".into())),
            [AppCommand::SaveRegistry(Some(
                "http://127.0.0.1:8090/registry/".into()
            ))]
        );
        assert_eq!(app.registry.from, RegistryFrom::Saved);
        let commands = app.update(named("@a/b", Role::Main));
        assert_eq!(
            fetched_url(&commands),
            Some("http://127.0.0.1:8090/registry/@a%2fb")
        );
        app.update(AppEvent::SetRegistry("ftp://x".into()));
        assert!(
            app.registry_error
                .as_deref()
                .unwrap()
                .starts_with("\"ftp://x\" is not a registry address.")
        );
        assert!(app.registry_error.is_some());
        assert_eq!(
            app.update(AppEvent::SetRegistry(" ".into())),
            [AppCommand::SaveRegistry(None)]
        );
        assert!(app.registry.is_default() && app.registry_error.is_none());
        // A saved one is used when the page starts; a link's wins, unsaved.
        let mut app = App::default();
        app.update(AppEvent::Started {
            origin: ORIGIN.into(),
            policy: POLICY.into(),
            saved_registry: Some("http://127.0.0.1:8090/registry/".into()),
            link: "pkg=p&registry=%2Fmirror%2F".parse().unwrap(),
        });
        assert_eq!(app.registry.base, "http://127.0.0.1:8090/mirror/");
        assert_eq!(app.registry.from, RegistryFrom::Link);
    }

    #[test]
    fn a_link_reopens_the_package_and_its_file() {
        let (mut app, commands) = started("#pkg=p%401.0.0&file=lib%2Fa.js&line=1");
        assert_eq!(fetched_url(&commands), Some("https://registry.npmjs.org/p"));
        let read = app.update(complete(1));
        app.update(answer(&read));
        app.update(complete(1));
        app.update(worker(Response::Done {
            id: 1,
            overview: overview_of("p", "1.0.0", true),
        }));
        assert_eq!(app.shown().unwrap().open, None, "not before the trees");
        trees(&mut app, 1);
        assert_eq!(
            app.shown().unwrap().open,
            Some(Selection {
                tab: Tab::Files,
                path: "lib/a.js".into(),
                line: Some(1)
            })
        );
        // A link pasted into the same tab opens what it names, unless it is shown already.
        let linked = |s: &str| AppEvent::Linked(s.parse().unwrap());
        assert!(app.update(linked("pkg=p@1.0.0&file=README.md")).is_empty());
        let resolve = app.update(linked("pkg=p@1.1.0"));
        assert_eq!(
            fetched_url(&app.update(answer(&resolve))),
            Some("https://registry.npmjs.org/p/-/p-1.1.0.tgz")
        );
        // A dropped tarball's link opens its file only for the same bytes.
        let (mut app, commands) = started("#tarball=0123456789abcdef&file=lib%2Fa.js");
        assert!(commands.is_empty());
        assert_eq!(app.awaited_tarball(), Some("0123456789abcdef"));
        app.update(chosen("a.tgz"));
        app.update(worker(Response::Done {
            id: 1,
            overview: overview(),
        }));
        trees(&mut app, 1);
        app.update(worker(Response::Digests {
            id: 1,
            digests: Digests::of(b"other bytes"),
        }));
        assert_eq!(app.shown().unwrap().open, None);
    }

    #[test]
    fn compare_suggests_the_version_before_the_one_shown() {
        let (mut app, _) = started("");
        assert_eq!(app.compare_suggestion(), None);
        open_by_name(&mut app, "p", Role::Main, "1.1.0");
        assert_eq!(app.shown_version().as_deref(), Some("1.1.0"));
        assert_eq!(app.compare_suggestion().as_deref(), Some("p@1.0.0"));
        // The oldest has none before it: the name, ready for a version.
        open_by_name(&mut app, "p@1.0.0", Role::Main, "1.0.0");
        assert_eq!(app.compare_suggestion().as_deref(), Some("p@"));
    }

    #[test]
    fn two_versions_are_compared_newest_shown() {
        let (mut app, _) = started("");
        let main = open_by_name(&mut app, "p", Role::Main, "1.1.0");
        trees(&mut app, main);
        app.update(AppEvent::PickCompare);
        assert_eq!(app.shown().unwrap().compare, Some(Compare::Picking));
        let commands = app.update(named("p@1.0.0", Role::Compare));
        let [AppCommand::Resolve { id: other, .. }] = commands[..] else {
            panic!("{commands:?}")
        };
        let fetch = app.update(answer(&commands));
        assert!(
            matches!(
                &fetch[..],
                [AppCommand::Fetch {
                    role: Role::Compare,
                    ..
                }]
            ),
            "{fetch:?}"
        );
        let commands = app.update(complete(other));
        assert!(
            matches!(&commands[..], [AppCommand::Analyse { keep: Some(k), role: Role::Compare, .. }] if *k == main),
            "the worker keeps the package shown: {commands:?}"
        );
        let commands = app.update(worker(Response::Done {
            id: other,
            overview: overview_of("p", "1.0.0", true),
        }));
        assert_eq!(
            commands,
            [AppCommand::Compare {
                old: other,
                new: main,
                shown_is_new: true
            }]
        );
        let session = |v: &[u8]| crate::session::of_files(&[("a.js", v)], None);
        let comparison = Box::new(crate::diff::compare(&session(b"a"), &session(b"b")));
        app.update(worker(Response::Compared {
            old: other,
            new: main,
            comparison,
            marks: vec![FileStatus::Unchanged; 4],
        }));
        assert!(matches!(
            app.shown().unwrap().compare,
            Some(Compare::Ready { .. })
        ));
        assert_eq!(app.link().to_string(), "pkg=p@1.1.0&compare=p@1.0.0");
        // Swapped: the comparison turns round; what the person opened stays shown.
        assert_eq!(
            app.update(AppEvent::SwapCompare),
            [AppCommand::Compare {
                old: main,
                new: other,
                shown_is_new: false
            }]
        );
        assert_eq!(app.shown().unwrap().analysis.id, main);
        assert!(app.update(AppEvent::EndCompare).is_empty());
        assert_eq!(app.shown().unwrap().compare, None);
    }

    /// The viewer and the downloads ask the worker through the page model, about the
    /// package shown: a native test sees every request the page makes.
    #[test]
    fn the_viewer_and_the_downloads_ask_through_the_model() {
        let mut app = App::default();
        let open = ViewEvent::Open {
            view: 7,
            tab: Tab::Files,
            path: "a.js".into(),
        };
        assert!(
            app.update(AppEvent::View(open.clone())).is_empty(),
            "nothing shown"
        );
        assert!(app.update(AppEvent::Save(Save::Json)).is_empty());
        app.update(chosen("a.tgz"));
        app.update(worker(Response::Done {
            id: 1,
            overview: overview(),
        }));
        assert_eq!(
            app.update(AppEvent::View(open)),
            [AppCommand::Ask(Request::Open {
                session: 1,
                view: 7,
                tab: Tab::Files,
                path: "a.js".into()
            })]
        );
        let rows = ViewEvent::Rows {
            view: 7,
            from: 200,
            to: 400,
        };
        assert_eq!(
            app.update(AppEvent::View(rows)),
            [AppCommand::Ask(Request::Rows {
                view: 7,
                from: 200,
                to: 400
            })]
        );
        assert_eq!(
            app.update(AppEvent::View(ViewEvent::Close { view: 7 })),
            [AppCommand::Ask(Request::Close { view: 7 })]
        );
        // A download is made by the worker, said as under way, then handed to the person.
        let zip = Save::Zip { own_only: true };
        assert_eq!(
            app.update(AppEvent::Save(zip.clone())),
            [AppCommand::Ask(Request::Save {
                session: 1,
                what: zip.clone()
            })]
        );
        assert_eq!(app.shown().unwrap().saving, Some(zip));
        let saved = Response::Saved {
            name: "a.zip".into(),
            mime: "application/zip".into(),
            bytes: vec![1, 2],
        };
        assert_eq!(
            app.update(worker(saved)),
            [AppCommand::Download {
                name: "a.zip".into(),
                mime: "application/zip".into(),
                bytes: vec![1, 2]
            }]
        );
        assert_eq!(app.shown().unwrap().saving, None);
        // No comparison, nothing to save of one.
        assert!(
            app.update(AppEvent::SaveComparison(DiffFormat::Sarif))
                .is_empty()
        );
    }

    /// A comparison is saved from the older to the newer, whichever of them is shown.
    #[test]
    fn a_comparison_is_saved_old_to_new() {
        let mut app = App::default();
        app.update(chosen("new.tgz"));
        app.update(worker(Response::Done {
            id: 1,
            overview: overview(),
        }));
        app.update(AppEvent::PickCompare);
        app.update(AppEvent::Chosen {
            name: "old.tgz".into(),
            count: 1,
            role: Role::Compare,
        });
        let commands = app.update(worker(Response::Done {
            id: 2,
            overview: overview(),
        }));
        let [AppCommand::Compare { old, new, .. }] = commands[..] else {
            panic!("{commands:?}")
        };
        let session = |v: &[u8]| crate::session::of_files(&[("a.js", v)], None);
        app.update(worker(Response::Compared {
            old,
            new,
            comparison: Box::new(crate::diff::compare(&session(b"a"), &session(b"b"))),
            marks: Vec::new(),
        }));
        assert_eq!(
            app.update(AppEvent::SaveComparison(DiffFormat::Markdown)),
            [AppCommand::Ask(Request::Save {
                session: new,
                what: Save::Comparison {
                    old,
                    format: DiffFormat::Markdown
                }
            })]
        );
    }

    #[test]
    fn a_newer_file_picked_to_compare_is_new_and_the_first_stays_shown() {
        let mut app = App::default();
        app.update(chosen("old.tgz"));
        app.update(worker(Response::Done {
            id: 1,
            overview: overview_of("p", "1.0.0", false),
        }));
        app.update(AppEvent::Chosen {
            name: "new.tgz".into(),
            count: 1,
            role: Role::Compare,
        });
        let commands = app.update(worker(Response::Done {
            id: 2,
            overview: overview_of("p", "2.0.0", false),
        }));
        assert_eq!(
            commands,
            [AppCommand::Compare {
                old: 1,
                new: 2,
                shown_is_new: false
            }]
        );
        assert_eq!(app.shown().unwrap().analysis.id, 1);
        // The other one's trees still find it.
        trees(&mut app, 2);
        let Some(Compare::Comparing { other, .. }) = &app.shown().unwrap().compare else {
            panic!()
        };
        assert!(other.trees.ready());
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
