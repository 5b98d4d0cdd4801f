//! How and where the caller waits for its tasks (`wait=`, `context=`, `configure_await=`, `runtime=`
//! in a link): awaiting them, or blocking its thread with the language's blocking call, and what that
//! call did to a run ([`BlockedCall`], which a timeline records). Which one it does in each language
//! is the semantics' (`src/domain/semantics/blocking.rs`).

use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::model::mode::Mode;

/// How the caller waits for the mode's combined task (`wait=`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Wait {
    /// `await`: the caller's thread is free while it waits.
    #[default]
    Await,
    /// The language's blocking call: the caller's thread is held until the result is there.
    Block,
}

impl NamedChoice for Wait {
    const PARAMETER: &'static str = "wait";
    const ALL: &'static [Wait] = &[Wait::Await, Wait::Block];

    fn url_name(self) -> &'static str {
        match self {
            Wait::Await => "await",
            Wait::Block => "block",
        }
    }
}

/// Where a C# caller runs (`context=`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CallerContext {
    /// A console app or a pool thread: no `SynchronizationContext`, continuations run on the pool.
    #[default]
    Pool,
    /// A UI thread (WinForms, WPF, classic ASP.NET): a single-threaded `SynchronizationContext`
    /// to which every `await` posts its continuation.
    Ui,
}

impl NamedChoice for CallerContext {
    const PARAMETER: &'static str = "context";
    const ALL: &'static [CallerContext] = &[CallerContext::Pool, CallerContext::Ui];

    fn url_name(self) -> &'static str {
        match self {
            CallerContext::Pool => "pool",
            CallerContext::Ui => "ui",
        }
    }
}

/// Which tokio runtime a Rust caller runs on (`runtime=`), by tokio's own names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum RustRuntime {
    /// `#[tokio::main(flavor = "current_thread")]`: one thread runs the tasks and drives the timers.
    #[default]
    CurrentThread,
    /// `#[tokio::main(flavor = "multi_thread")]`: other workers drive the timers while one is blocked.
    MultiThread,
}

impl NamedChoice for RustRuntime {
    const PARAMETER: &'static str = "runtime";
    const ALL: &'static [RustRuntime] = &[RustRuntime::CurrentThread, RustRuntime::MultiThread];

    fn url_name(self) -> &'static str {
        match self {
            RustRuntime::CurrentThread => "current_thread",
            RustRuntime::MultiThread => "multi_thread",
        }
    }
}

/// How and where the caller waits. Every part is left out of a link at its default, so links
/// written before it read as they did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CallerSetup {
    pub wait: Wait,
    pub context: CallerContext,
    /// C#: `false` (`configure_await=false`) writes `.ConfigureAwait(false)` on every `await` of the
    /// awaited code, so its continuations run on the pool instead of the caller's context.
    pub configure_await: bool,
    pub runtime: RustRuntime,
}

/// One way the editor offers a caller to wait: its name, and the parts of the setup it sets (a part
/// it leaves as `None` keeps what the setup holds, so a choice made in another language stays).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WayToWait {
    pub name: &'static str,
    pub wait: Wait,
    pub context: Option<CallerContext>,
    pub configure_await: Option<bool>,
    pub runtime: Option<RustRuntime>,
}

impl WayToWait {
    /// Awaiting, wherever the caller runs.
    pub const AWAIT: WayToWait = WayToWait {
        name: "await",
        wait: Wait::Await,
        context: None,
        configure_await: None,
        runtime: None,
    };

    /// The language's blocking call, wherever the caller runs.
    pub const BLOCK: WayToWait = WayToWait {
        wait: Wait::Block,
        ..WayToWait::AWAIT
    };

    /// `setup` waiting this way.
    pub fn applied_to(self, setup: CallerSetup) -> CallerSetup {
        CallerSetup {
            wait: self.wait,
            context: self.context.unwrap_or(setup.context),
            configure_await: self.configure_await.unwrap_or(setup.configure_await),
            runtime: self.runtime.unwrap_or(setup.runtime),
        }
    }

    /// Whether `setup` already waits this way.
    pub fn held_by(self, setup: CallerSetup) -> bool {
        self.applied_to(setup) == setup
    }
}

impl CallerSetup {
    /// Whether a caller set up so blocks its thread when it awaits with `mode`: only a caller that
    /// waits at all can block on what it waits for.
    pub fn blocks_in(self, mode: Mode) -> bool {
        self.wait == Wait::Block && mode.caller_waits()
    }
}

impl Default for CallerSetup {
    fn default() -> Self {
        CallerSetup {
            wait: Wait::Await,
            context: CallerContext::Pool,
            configure_await: true,
            runtime: RustRuntime::CurrentThread,
        }
    }
}

/// What a caller's blocking call does to the run, as the simulator needs it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BlockedCall {
    /// Nothing blocks: the caller awaits, or has nothing to wait for (fire and forget).
    #[default]
    None,
    /// The call holds the caller's thread, which nothing else needs: the run is the awaited one
    /// (C# on the pool or with `ConfigureAwait(false)`).
    HoldsItsThread,
    /// Every continuation is posted to the caller's thread, which is blocked: they wait until the
    /// call returns, if it ever does (`.Result` on a UI thread).
    ContinuationsWaitForTheThread,
    /// The blocked thread is the only one that drives the timers: none fires again (`block_on` on
    /// tokio's current-thread runtime).
    TimersStop,
    /// Other threads drive the timers, but each timer the blocked call sees end spends a unit of
    /// the runtime's cooperative budget, which only the runtime's own poll refills: past
    /// `blocking::COOP_BUDGET` timers, none ends for it again (`block_on` on tokio's multi-thread runtime).
    BudgetRunsOut,
    /// The caller spins on the thread the event loop needs: nothing else runs until it stops
    /// (a JavaScript busy-wait).
    LoopStops,
    /// The call refuses at once, before any task is created (`asyncio.run` in a running loop).
    Raises,
}

impl BlockedCall {
    /// Every kind, in the order the flat form of a timeline numbers them.
    pub const ALL: [BlockedCall; 7] = [
        BlockedCall::None,
        BlockedCall::HoldsItsThread,
        BlockedCall::ContinuationsWaitForTheThread,
        BlockedCall::TimersStop,
        BlockedCall::BudgetRunsOut,
        BlockedCall::LoopStops,
        BlockedCall::Raises,
    ];

    /// Whether the caller may never resume: its blocking call waits on something only its own
    /// blocked thread could bring about, until the watchdog ends the program.
    pub fn can_hang(self) -> bool {
        matches!(
            self,
            BlockedCall::ContinuationsWaitForTheThread
                | BlockedCall::TimersStop
                | BlockedCall::BudgetRunsOut
                | BlockedCall::LoopStops
        )
    }
}
