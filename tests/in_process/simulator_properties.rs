//! Property tests of the simulator against facts that hold for every scenario.

use async_playground::domain::basics::decimal::time_label;
use async_playground::domain::basics::named_choice::NamedChoice;
use async_playground::domain::explain::moment::{
    blocked_spans, moment_at, moment_events, CallerState, TaskState,
};
use async_playground::domain::explain::quiz::{from_text, quiz, to_text};
use async_playground::domain::look::timeline_layout::event_times;
use async_playground::domain::model::caller_setup::CallerSetup;
use async_playground::domain::model::draws::draw_all;
use async_playground::domain::model::language::Language;
use async_playground::domain::model::mode::Mode;
use async_playground::domain::model::scenario::{Delay, RetryPolicy, Scenario, TaskKind, TaskSpec};
use async_playground::domain::model::timeline::{Outcome, Received};
use async_playground::domain::semantics::runtime_model::{runtime_model, Threads, ZeroWait};
use async_playground::domain::simulator::simulate;
use proptest::prelude::*;

fn language() -> impl Strategy<Value = Language> {
    proptest::sample::select(Language::ALL.to_vec())
}

/// No task fails, and the caller has no deadline: it awaits as long as its mode says.
fn never_failing(scenario: &mut Scenario) {
    for task in &mut scenario.tasks {
        task.fail_percent = 0;
    }
    scenario.timeout_ms = None;
    awaiting(scenario);
}

/// The caller awaits rather than blocking its thread, which may hang or raise.
fn awaiting(scenario: &mut Scenario) {
    scenario.caller = CallerSetup::default();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn sequential_without_failures_takes_the_sum_of_delays(mut scenario in crate::strategies::scenario(40, 5000), language in language()) {
        never_failing(&mut scenario);
        scenario.mode = Mode::Sequential;
        let timeline = simulate(&scenario, language);
        // A wait takes as long as the runtime's timer (node's setTimeout(0) is 1 ms; tokio's timers
        // end a millisecond late), and an asyncio.sleep(0) or a Task.Delay(0) no time at all.
        let model = runtime_model(language);
        let timer = |ms: u32| match (ms, model.zero_wait) {
            (0, ZeroWait::Yield | ZeroWait::Completed) => 0,
            _ => model.timer_ms(u64::from(ms)),
        };
        let sum: u64 = draw_all(&scenario)
            .iter()
            .zip(&scenario.tasks)
            .map(|(d, t)| if t.kind == TaskKind::Io { timer(d.delay_ms) } else { u64::from(d.delay_ms) })
            .sum();
        prop_assert_eq!(timeline.resume.at_ms, sum as f64);
    }

    #[test]
    fn join_all_over_io_tasks_takes_the_longest_delay(mut scenario in crate::strategies::scenario(40, 5000), language in language()) {
        never_failing(&mut scenario);
        for task in &mut scenario.tasks { task.kind = TaskKind::Io; }
        scenario.mode = Mode::JoinAll;
        let timeline = simulate(&scenario, language);
        let longest = draw_all(&scenario).iter().map(|d| d.delay_ms).max().unwrap();
        let late = u64::from(runtime_model(language).deadlines_round_up);
        prop_assert_eq!(timeline.resume.at_ms, (u64::from(longest) + late) as f64);
    }

    #[test]
    fn buffered_with_equal_delays_takes_whole_rounds(n in 1u32..200, k in 1u32..20, d in 1u32..1000, language in language()) {
        let k = k.min(n);
        let scenario = Scenario {
            tasks: vec![TaskSpec::io(None, d); n as usize],
            mode: Mode::Buffered,
            limit: k,
            seed: 0,
            ..Scenario::default()
        };
        let timeline = simulate(&scenario, language);
        let rounds = u64::from(n.div_ceil(k));
        prop_assert_eq!(timeline.resume.at_ms, (rounds * runtime_model(language).timer_ms(u64::from(d))) as f64);
    }

    /// On one event loop (Rust's current-thread runtime, JavaScript, Python) blocking work never overlaps.
    /// C# is left out on purpose: its pool threads really do run blocking work in parallel.
    #[test]
    fn cpu_bound_spans_never_overlap(
        scenario in crate::strategies::scenario(40, 2000),
        language in proptest::sample::select(vec![Language::Rust, Language::JavaScript, Language::Python]),
    ) {
        let timeline = simulate(&scenario, language);
        // Each attempt blocks; the backoff between two is a wait like any other.
        let mut cpu_spans: Vec<(f64, f64)> = timeline.tasks.iter().zip(&scenario.tasks)
            .filter(|(run, spec)| spec.kind == TaskKind::Cpu && run.outcome != Outcome::Cancelled)
            .flat_map(|(run, _)| match run.attempts.is_empty() {
                true => run.span.into_iter().collect::<Vec<_>>(),
                false => run.attempts.clone(),
            })
            .map(|s| (s.start_ms, s.end_ms))
            .collect();
        cpu_spans.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        for pair in cpu_spans.windows(2) {
            prop_assert!(pair[0].1 <= pair[1].0, "{:?} overlaps {:?}", pair[0], pair[1]);
        }
    }

    #[test]
    fn try_join_all_resumes_at_the_earliest_failure(mut scenario in crate::strategies::scenario(45, 5000), language in language()) {
        for task in &mut scenario.tasks { task.kind = TaskKind::Io; }
        scenario.mode = Mode::TryJoinAll;
        scenario.timeout_ms = None;
        awaiting(&mut scenario);
        scenario.retry = RetryPolicy::default();
        let model = runtime_model(language);
        let mut draws = draw_all(&scenario);
        if let ZeroWait::Timer { .. } = model.zero_wait {
            for draw in &mut draws { draw.delay_ms = model.timer_ms(u64::from(draw.delay_ms)) as u32; }
        }
        let timeline = simulate(&scenario, language);
        let longest = draws.iter().map(|d| d.delay_ms).max().unwrap();
        let expected = if model.in_input_order_above.is_some_and(|threshold| scenario.task_count() > threshold) {
            // FuturesOrdered: the first failure in input order, once every earlier task has finished.
            match draws.iter().position(|d| d.fails) {
                Some(first) => draws[..=first].iter().map(|d| d.delay_ms).max().unwrap(),
                None => longest,
            }
        } else {
            draws.iter().filter(|d| d.fails).map(|d| d.delay_ms).min().unwrap_or(longest)
        };
        prop_assert_eq!(timeline.resume.at_ms, f64::from(expected));
    }

    /// With only I/O, nothing holds the deadline's timer back: the caller resumes by the deadline, and
    /// what it received is a timeout only if it resumed at the deadline.
    #[test]
    fn a_caller_over_io_tasks_resumes_by_its_deadline(mut scenario in crate::strategies::scenario(40, 5000), language in language(), timeout in 1u32..6000) {
        for task in &mut scenario.tasks { task.kind = TaskKind::Io; }
        scenario.timeout_ms = Some(timeout);
        awaiting(&mut scenario);
        let timeline = simulate(&scenario, language);
        let deadline = runtime_model(language).timer_ms(u64::from(timeout)) as f64;
        prop_assert!(timeline.resume.at_ms <= deadline);
        if timeline.resume.received == Received::TimedOut {
            prop_assert_eq!(timeline.resume.at_ms, deadline);
            prop_assert!(timeline.tasks.iter().all(|task| task.outcome != Outcome::Running));
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_timeline(scenario in crate::strategies::scenario(40, 5000), language in language()) {
        prop_assert_eq!(simulate(&scenario, language), simulate(&scenario, language));
    }

    #[test]
    fn spans_are_sane_and_outcomes_follow_the_draws(scenario in crate::strategies::scenario(40, 5000), language in language()) {
        let timeline = simulate(&scenario, language);
        let draws = draw_all(&scenario);
        for (run, draw) in timeline.tasks.iter().zip(&draws) {
            if let Some(span) = run.span {
                prop_assert!(span.start_ms <= span.end_ms);
                // A C# task created after the deadline's cancel starts late and stops at its first wait.
                let cancelled_after_deadline = run.outcome == Outcome::Cancelled
                    && timeline.resume.received == Received::TimedOut;
                // A caller that fires and forgets moves on before its tasks take their first step.
                let forgotten = !scenario.mode.caller_waits();
                prop_assert!(span.start_ms <= timeline.resume.at_ms || run.outcome == Outcome::Abandoned || cancelled_after_deadline || forgotten);
            }
            match run.outcome {
                Outcome::Ok => prop_assert!(!draw.fails),
                // A task the watchdog stopped before it could retry ends with its failed attempt.
                Outcome::Error => prop_assert!(draw.fails || timeline.resume.received == Received::NeverResumed),
                Outcome::NotStarted => prop_assert!(run.span.is_none()),
                Outcome::Cancelled | Outcome::Abandoned => prop_assert!(run.span.is_some()),
                // Only a caller the watchdog found still blocked leaves a task hung.
                Outcome::Hung => prop_assert!(run.span.is_some() && timeline.resume.received == Received::NeverResumed),
                Outcome::Running => prop_assert!(false, "a finished simulation has no running task"),
            }
        }
    }

    #[test]
    fn range_delays_are_drawn_inside_their_range(scenario in crate::strategies::scenario(40, 5000)) {
        for (spec, draw) in scenario.tasks.iter().zip(draw_all(&scenario)) {
            if let Delay::Range { min, max } = spec.delay {
                prop_assert!((min..=max).contains(&draw.delay_ms));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The replay's caption, the thread lane and the code highlight read the moment; the bars read
    /// the timeline. At every event, and between events, they must say the same.
    #[test]
    fn every_moment_agrees_with_the_timeline(scenario in crate::strategies::scenario(12, 2000), language in language()) {
        let timeline = simulate(&scenario, language);
        let events = moment_events(&timeline);
        let times = event_times(&timeline);
        let between = times.windows(2).map(|pair| (pair[0] + pair[1]) / 2.0);
        for t in times.iter().copied().chain(between).chain([-1.0]) {
            let moment = moment_at(&scenario, &timeline, &events, t);
            prop_assert!(moment.at_ms <= t.max(0.0));
            for (index, (task, state)) in timeline.tasks.iter().zip(&moment.tasks).enumerate() {
                let expected = match task.span {
                    Some(span) if span.start_ms <= t && span.end_ms <= t => TaskState::Ended(task.outcome),
                    Some(span) if span.start_ms <= t => TaskState::Waiting,
                    _ => TaskState::NotStarted,
                };
                match expected {
                    TaskState::Waiting => prop_assert!(state.is_live(), "task {} at {}: {:?}", index, t, state),
                    _ => prop_assert_eq!(*state, expected, "task {} at {}", index, t),
                }
            }
            let resumed = matches!(moment.caller, CallerState::Resumed { .. });
            prop_assert_eq!(resumed, timeline.resume.at_ms <= t, "caller at {}", t);
            prop_assert!(!moment.caption.is_empty());
        }
        // The thread lane: blocking work as the bars show it, and on one loop never two at once.
        let mut blocked: Vec<(u32, f64, f64)> = blocked_spans(&scenario, &events, f64::INFINITY)
            .into_iter()
            .map(|(task, span)| (task, span.start_ms, span.end_ms))
            .collect();
        let mut expected: Vec<(u32, f64, f64)> = timeline.tasks.iter().enumerate()
            .filter(|(index, _)| scenario.tasks[*index].kind == TaskKind::Cpu)
            .flat_map(|(index, task)| {
                let attempts = if task.attempts.is_empty() { task.span.into_iter().collect() } else { task.attempts.clone() };
                attempts.into_iter().map(move |span| (index as u32, span.start_ms, span.end_ms))
            })
            .collect();
        let order = |a: &(u32, f64, f64), b: &(u32, f64, f64)| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0));
        blocked.sort_by(order);
        expected.sort_by(order);
        prop_assert_eq!(&blocked, &expected);
        if runtime_model(language).threads == Threads::OneLoop {
            prop_assert!(blocked.windows(2).all(|pair| pair[0].2 <= pair[1].1), "{:?}", blocked);
        }
    }

    /// Predict first asks only real questions, and its right answer is the prediction itself.
    #[test]
    fn the_quiz_answer_is_the_prediction(scenario in crate::strategies::scenario(12, 2000), language in language()) {
        let questions = quiz(&scenario, language);
        let resume_at = time_label(simulate(&scenario, language).resume.at_ms);
        for question in &questions {
            let texts: Vec<&str> = question.choices.iter().map(|c| c.text.as_str()).collect();
            prop_assert!(texts.len() >= 2 && texts.len() <= 4, "{:?}", texts);
            prop_assert!(texts.iter().enumerate().all(|(i, t)| !texts[..i].contains(t)), "{:?}", texts);
            let right = &question.choices[question.answer];
            prop_assert!(right.model.starts_with("what ") && right.model.contains(&format!(" in {}", language.display_name())), "{}", right.model);
        }
        if let Some(resume) = questions.iter().find(|q| q.prompt.starts_with("When")) {
            let right = &resume.choices[resume.answer].text;
            prop_assert!(right.starts_with(&format!("at {resume_at}")), "{} vs {}", right, resume_at);
        }
        prop_assert_eq!(from_text(&to_text(&questions)), questions);
    }
}
