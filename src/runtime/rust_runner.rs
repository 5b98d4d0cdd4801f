//! Runs a scenario for real with Rust's own combinators: a `for` loop, `join_all`, `try_join_all`,
//! `select_all`, `select_ok` and `buffer_unordered`, each task awaiting the clock's timer or blocking
//! the thread. Generic over [`Clock`], so the same code runs in the browser and in native tests.

use futures::future::{join_all, select_all, select_ok, try_join_all, LocalBoxFuture};
use futures::stream::FuturesUnordered;
use futures::{FutureExt, StreamExt};

use crate::domain::model::draws::{draw_all, TaskDraw};
use crate::domain::model::mode::Mode;
use crate::domain::model::run_event::EventKind;
use crate::domain::model::scenario::{RetryPolicy, Scenario, TaskKind};
use crate::domain::model::timeline::Received;

use super::clock::Clock;
use super::deadline::within;
use super::reporter::Reporter;

/// A task's result: its index either way, so the caller can name who failed.
type TaskResult = Result<u32, u32>;

/// Reports the task cancelled if it is dropped after starting and before finishing, which is exactly
/// what Rust cancellation is.
struct CancelOnDrop<C: Clock> {
    reporter: Reporter<C>,
    task: u32,
    finished: bool,
}

impl<C: Clock> Drop for CancelOnDrop<C> {
    fn drop(&mut self) {
        if !self.finished {
            self.reporter
                .report(EventKind::TaskCancelled { task: self.task });
        }
    }
}

/// One task. Like every Rust future it does nothing until first polled, so "started" is reported then.
/// A failed attempt with a retry left waits its backoff on the same timer, then tries again.
async fn task<C: Clock>(
    reporter: Reporter<C>,
    task: u32,
    kind: TaskKind,
    draw: TaskDraw,
    retry: RetryPolicy,
) -> TaskResult {
    let mut guard = CancelOnDrop {
        reporter: reporter.clone(),
        task,
        finished: false,
    };
    reporter.report(EventKind::TaskStarted { task });
    for attempt in 1..=draw.attempts {
        match kind {
            TaskKind::Io => reporter.clock.sleep(draw.delay_ms).await,
            TaskKind::Cpu => reporter.clock.block_for(draw.delay_ms),
        }
        if attempt < draw.attempts {
            reporter.report(EventKind::AttemptFailed { task });
            let backoff_ms = retry.wait_before_retry_ms(attempt);
            reporter.clock.sleep(backoff_ms).await;
            reporter.report(EventKind::TaskStarted { task });
        }
    }
    guard.finished = true;
    reporter.report(EventKind::TaskFinished {
        task,
        failed: draw.fails,
    });
    if draw.fails {
        Err(task)
    } else {
        Ok(task)
    }
}

/// `buffer_unordered` yields in completion order; the caller's view lists failures in task order.
fn results_received(results: &[TaskResult]) -> Received {
    Received::results(results.iter().filter_map(|result| result.err()).collect())
}

/// Run `scenario` with Rust's combinators, reporting every event; finishes with `CallerResumed`
/// (after any cancellations it causes) and `Done`. A deadline works as `tokio::time::timeout`: it is
/// set first, the awaited future is polled before it, and when it passes first that future is
/// dropped, cancelling every task inside.
pub async fn run_rust<C: Clock>(scenario: &Scenario, reporter: Reporter<C>) {
    if !scenario.mode.caller_waits() {
        return fire_and_forget(scenario, reporter).await;
    }
    let deadline = scenario.deadline_ms().map(|ms| reporter.clock.sleep(ms));
    let waiting = wait_for_tasks(scenario, reporter.clone());
    let received = within(waiting, deadline)
        .await
        .unwrap_or(Received::TimedOut);
    reporter.report(EventKind::CallerResumed { received });
    reporter.report(EventKind::Done);
}

/// `tokio::spawn` for every task, and the caller goes on at once. Each spawned task is polled as it
/// is woken, as in a pool; a program that ends there drops them all unpolled, so none starts.
async fn fire_and_forget<C: Clock>(scenario: &Scenario, reporter: Reporter<C>) {
    let spawned: FuturesUnordered<_> = task_futures(scenario, &reporter).into_iter().collect();
    reporter.report(EventKind::CallerResumed {
        received: Received::Started,
    });
    if !scenario.program_exits {
        spawned.for_each(|_| async {}).await;
    }
    reporter.report(EventKind::Done);
}

/// One future per task, none of them polled yet.
fn task_futures<C: Clock>(
    scenario: &Scenario,
    reporter: &Reporter<C>,
) -> Vec<LocalBoxFuture<'static, TaskResult>> {
    let draws = draw_all(scenario);
    scenario
        .tasks
        .iter()
        .zip(&draws)
        .enumerate()
        .map(|(index, (spec, draw))| {
            task(
                reporter.clone(),
                index as u32,
                spec.kind,
                *draw,
                scenario.retry,
            )
            .boxed_local()
        })
        .collect()
}

/// The caller's await in `scenario`'s mode, and what it received.
async fn wait_for_tasks<C: Clock>(scenario: &Scenario, reporter: Reporter<C>) -> Received {
    let tasks = task_futures(scenario, &reporter);
    match scenario.mode {
        Mode::Sequential => {
            let mut received = Received::AllOk;
            for future in tasks {
                if let Err(task) = future.await {
                    received = Received::Error { task };
                    break; // the remaining futures are dropped unpolled: they never start
                }
            }
            received
        }
        Mode::JoinAll | Mode::AllSettled => results_received(&join_all(tasks).await),
        Mode::TryJoinAll => match try_join_all(tasks).await {
            Ok(_) => Received::AllOk,
            Err(task) => Received::Error { task },
        },
        Mode::Select => {
            let (result, index, rest) = select_all(tasks).await;
            drop(rest); // the losers come back still pending; dropping them cancels them
            Received::First {
                task: index as u32,
                failed: result.is_err(),
            }
        }
        Mode::SelectOk => match select_ok(tasks).await {
            Ok((task, rest)) => {
                drop(rest);
                Received::FirstSuccess { task }
            }
            Err(_) => Received::AllFailed {
                tasks: reporter.failures_so_far(),
            },
        },
        Mode::Buffered => {
            let limit = scenario.concurrency() as usize;
            let results: Vec<TaskResult> = futures::stream::iter(tasks)
                .buffer_unordered(limit)
                .collect()
                .await;
            results_received(&results)
        }
        Mode::FireAndForget => Received::Started,
    }
}
