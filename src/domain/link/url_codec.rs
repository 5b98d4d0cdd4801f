//! The scenario URL (a contract, see README "Scenario URLs"): parse and write `tasks`, `mode`, `limit`,
//! `timeout`, `retries`, `backoff`, `exit`, `wait`, `context`, `configure_await`, `runtime`, `seed`
//! and the display parameters, keeping whatever is good when some of it is not.

use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::link::task_list::{decode_component, decode_tasks, encode_tasks};
use crate::domain::model::caller_setup::CallerSetup;
use crate::domain::model::comparison::Comparison;
use crate::domain::model::display::{DisplayOptions, Theme};
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::model::problem::{Field, Problem};
use crate::domain::model::scenario::{
    timeout_problem, Delay, RetryPolicy, Scenario, DEFAULT_BACKOFF_MS, MAX_DELAY_MS, MAX_RETRIES,
    MAX_TASKS, MAX_TIMEOUT_MS,
};

/// The format version this app writes as `v=`.
pub const FORMAT_VERSION: u32 = 1;
/// Longer inputs are refused whole: no browser or blog platform carries them reliably.
pub const MAX_URL_CHARS: usize = 200_000;

/// The result of reading a URL: always a usable scenario, plus every problem met on the way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedUrl {
    pub scenario: Scenario,
    pub display: DisplayOptions,
    pub problems: Vec<Problem>,
}

/// The query part of `input`, which may be a whole URL, `?a=b`, or `a=b`.
fn query_of(input: &str) -> &str {
    let input = input.trim();
    let without_fragment = input.split_once('#').map_or(input, |(before, _)| before);
    match without_fragment.split_once('?') {
        Some((_, query)) => query,
        None if without_fragment.contains('=') => without_fragment,
        None => "",
    }
}

/// Read a scenario URL. Never panics; a malformed or out-of-range part produces a [`Problem`] naming
/// it, and the scenario keeps everything else, with defaults where nothing usable was given.
pub fn decode(input: &str) -> DecodedUrl {
    if input.len() > MAX_URL_CHARS {
        return DecodedUrl {
            scenario: Scenario::default(),
            display: DisplayOptions::default(),
            problems: vec![Problem::new(
                Field::Url,
                format!(
                    "the link is {} characters long, over the limit of {MAX_URL_CHARS}; showing the default scenario",
                    input.len()
                ),
            )],
        };
    }
    decode_any_length(input)
}

/// A scenario written as a link or its query, the way README's examples and the tests write them.
/// Unlike [`decode`], any problem is an error: the caller wanted exactly this scenario.
impl std::str::FromStr for Scenario {
    type Err = Vec<Problem>;

    fn from_str(link: &str) -> Result<Self, Self::Err> {
        let decoded = decode(link);
        if decoded.problems.is_empty() {
            Ok(decoded.scenario)
        } else {
            Err(decoded.problems)
        }
    }
}

/// [`decode`] without the length limit, for a query the page wrote itself and hands to its own
/// worker: a scenario may outgrow what a link can carry.
pub fn decode_any_length(input: &str) -> DecodedUrl {
    let mut decoded = DecodedUrl {
        scenario: Scenario::default(),
        display: DisplayOptions::default(),
        problems: Vec::new(),
    };
    let mut limit_text = None;
    for pair in query_of(input).split('&').filter(|pair| !pair.is_empty()) {
        let (key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = decode_component(raw_value);
        let problems = &mut decoded.problems;
        match decode_component(key).as_str() {
            "tasks" => decoded.scenario.tasks = decode_tasks(raw_value, problems),
            "mode" => set_choice(&mut decoded.scenario.mode, &value, Field::Mode, problems),
            "limit" => limit_text = Some(value),
            "seed" => match value.trim().parse::<u64>() {
                Ok(seed) => decoded.scenario.seed = seed,
                Err(_) => problems.push(Problem::new(
                    Field::Seed,
                    format!("seed \"{value}\" is not a whole number from 0 to {}", u64::MAX),
                )),
            },
            "timeout" => decode_timeout(&value, &mut decoded.scenario, problems),
            "retries" => decode_retries(&value, &mut decoded.scenario, problems),
            "backoff" => decode_backoff(&value, &mut decoded.scenario, problems),
            "exit" => set_flag(&mut decoded.scenario.program_exits, "exit", &value, problems),
            "wait" => set_choice(&mut decoded.scenario.caller.wait, &value, Field::Caller, problems),
            "context" => set_choice(&mut decoded.scenario.caller.context, &value, Field::Caller, problems),
            "runtime" => set_choice(&mut decoded.scenario.caller.runtime, &value, Field::Caller, problems),
            "configure_await" => match value.trim() {
                "true" => decoded.scenario.caller.configure_await = true,
                "false" => decoded.scenario.caller.configure_await = false,
                other => problems.push(Problem::new(
                    Field::Caller,
                    format!("configure_await \"{other}\" must be true or false"),
                )),
            },
            "lang" => set_choice(&mut decoded.display.language, &value, Field::Display("lang"), problems),
            "theme" => set_choice(&mut decoded.display.theme, &value, Field::Display("theme"), problems),
            "compare" => set_choice(&mut decoded.display.compare, &value, Field::Display("compare"), problems),
            "autorun" => set_flag(&mut decoded.display.autorun, "autorun", &value, problems),
            "embed" => set_flag(&mut decoded.display.embed, "embed", &value, problems),
            "code" => set_flag(&mut decoded.display.code, "code", &value, problems),
            "predict" => set_flag(&mut decoded.display.predict, "predict", &value, problems),
            "v" => match value.trim().parse::<u32>() {
                Ok(version) if version <= FORMAT_VERSION => {}
                _ => problems.push(Problem::new(
                    Field::Display("v"),
                    format!(
                        "format version \"{value}\" is not one this app knows (it writes v={FORMAT_VERSION}); reading the link as v{FORMAT_VERSION}"
                    ),
                )),
            },
            // Other parameters (analytics tags, a host's own) are not ours to judge.
            _ => {}
        }
    }
    if let Some(text) = limit_text {
        decode_limit(&text, &mut decoded.scenario, &mut decoded.problems);
    }
    keep_the_backoff_in_range(&mut decoded.scenario, &mut decoded.problems);
    decoded
}

/// `retries=N`: 0 to [`MAX_RETRIES`]; more is named and clamped, and what is no number is named
/// and left out.
fn decode_retries(text: &str, scenario: &mut Scenario, problems: &mut Vec<Problem>) {
    let text = text.trim();
    match text.parse::<u64>() {
        Ok(retries) => {
            let kept = retries.min(u64::from(MAX_RETRIES)) as u8;
            if retries > u64::from(MAX_RETRIES) {
                problems.push(Problem::new(
                    Field::Retries,
                    format!("retries {retries} is over the maximum of {MAX_RETRIES}; using {kept}"),
                ));
            }
            scenario.retry.retries = kept;
        }
        Err(_) => problems.push(Problem::new(
            Field::Retries,
            format!("retries \"{text}\" is not a whole number; a failed task is not retried"),
        )),
    }
}

/// `backoff=MS`: the wait before the first retry; what is no number is named, and the default kept.
fn decode_backoff(text: &str, scenario: &mut Scenario, problems: &mut Vec<Problem>) {
    let text = text.trim();
    match text.parse::<u64>() {
        Ok(ms) => scenario.retry.backoff_ms = u32::try_from(ms).unwrap_or(u32::MAX),
        Err(_) => problems.push(Problem::new(
            Field::Retries,
            format!(
                "backoff \"{text}\" is not a whole number of ms; using {} ms",
                scenario.retry.backoff_ms
            ),
        )),
    }
}

/// A backoff whose doubling would pass [`MAX_DELAY_MS`] before the last retry is named, and cut
/// to the largest that does not.
fn keep_the_backoff_in_range(scenario: &mut Scenario, problems: &mut Vec<Problem>) {
    if let Some(problem) = scenario.retry.problem() {
        let largest = MAX_DELAY_MS >> (scenario.retry.retries - 1);
        scenario.retry.backoff_ms = largest;
        problems.push(Problem::new(
            Field::Retries,
            format!("{problem}; using a backoff of {largest} ms"),
        ));
    }
}

fn set_choice<T: NamedChoice>(
    slot: &mut T,
    value: &str,
    field: Field,
    problems: &mut Vec<Problem>,
) {
    match T::from_url_name(value.trim()) {
        Ok(choice) => *slot = choice,
        Err(unknown) => problems.push(Problem::new(field, unknown.to_string())),
    }
}

fn set_flag(slot: &mut bool, name: &'static str, value: &str, problems: &mut Vec<Problem>) {
    match value.trim() {
        "1" | "true" | "" => *slot = true,
        "0" | "false" => *slot = false,
        other => problems.push(Problem::new(
            Field::Display(name),
            format!("{name} \"{other}\" must be 1 or 0"),
        )),
    }
}

/// K may exceed the number of tasks (a pool larger than the work runs everything at once), so it is
/// checked only against the largest scenario the app holds.
fn decode_limit(text: &str, scenario: &mut Scenario, problems: &mut Vec<Problem>) {
    match text.trim().parse::<u64>() {
        Ok(limit) if (1..=u64::from(MAX_TASKS)).contains(&limit) => scenario.limit = limit as u32,
        Ok(limit) => {
            let kept = limit.clamp(1, u64::from(MAX_TASKS)) as u32;
            problems.push(Problem::new(
                Field::Limit,
                format!("limit {limit} must be between 1 and {MAX_TASKS}; using {kept}"),
            ));
            scenario.limit = kept;
        }
        Err(_) => problems.push(Problem::new(
            Field::Limit,
            format!("limit \"{text}\" is not a whole number"),
        )),
    }
}

/// `timeout=MS`: a whole number of ms from 1 to [`MAX_TIMEOUT_MS`]; out of range, it is clamped and
/// named, and a value that is no number is named and left out, so the caller waits as the mode says.
fn decode_timeout(text: &str, scenario: &mut Scenario, problems: &mut Vec<Problem>) {
    let text = text.trim();
    match text.parse::<u64>() {
        Ok(ms) => {
            let kept = ms.clamp(1, u64::from(MAX_TIMEOUT_MS)) as u32;
            if let Some(problem) = timeout_problem(u32::try_from(ms).unwrap_or(u32::MAX)) {
                problems.push(Problem::new(
                    Field::Timeout,
                    format!("{problem}; using {kept} ms"),
                ));
            }
            scenario.timeout_ms = Some(kept);
        }
        Err(_) => problems.push(Problem::new(
            Field::Timeout,
            format!("{}; the caller waits with no deadline", not_a_timeout(text)),
        )),
    }
}

fn not_a_timeout(text: &str) -> String {
    format!("timeout \"{text}\" is not a whole number of ms")
}

/// A number of retries as typed in the editor, under `retry`'s backoff; empty for none.
pub fn parse_retries(text: &str, retry: RetryPolicy) -> Result<RetryPolicy, String> {
    let text = text.trim();
    let retries = match text {
        "" => 0,
        _ => text.parse::<u8>().map_err(|_| {
            format!("retries \"{text}\" is not a whole number from 0 to {MAX_RETRIES}")
        })?,
    };
    checked(RetryPolicy { retries, ..retry })
}

/// The first backoff as typed in the editor, under `retry`'s number of retries; empty for the
/// default.
pub fn parse_backoff(text: &str, retry: RetryPolicy) -> Result<RetryPolicy, String> {
    let text = text.trim();
    let backoff_ms = match text {
        "" => DEFAULT_BACKOFF_MS,
        _ => text
            .parse::<u32>()
            .map_err(|_| format!("backoff \"{text}\" is not a whole number of ms"))?,
    };
    checked(RetryPolicy {
        backoff_ms,
        ..retry
    })
}

fn checked(retry: RetryPolicy) -> Result<RetryPolicy, String> {
    match retry.problem() {
        Some(problem) => Err(problem),
        None => Ok(retry),
    }
}

/// A deadline as typed in the editor: `Ok(None)` for an empty field.
pub fn parse_timeout(text: &str) -> Result<Option<u32>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let ms = text.parse::<u32>().map_err(|_| not_a_timeout(text))?;
    match timeout_problem(ms) {
        Some(problem) => Err(problem),
        None => Ok(Some(ms)),
    }
}

/// The query string (without `?`) for a scenario and its display options. Parameters at their
/// defaults are left out, so the canonical case reads `tasks=10x500&mode=join_all&v=1`.
pub fn encode(scenario: &Scenario, display: &DisplayOptions) -> String {
    let mut parameters = vec![
        format!("tasks={}", encode_tasks(&scenario.tasks)),
        format!("mode={}", scenario.mode.url_name()),
    ];
    if scenario.mode == Mode::Buffered {
        parameters.push(format!("limit={}", scenario.limit));
    }
    if let Some(ms) = scenario.deadline_ms() {
        parameters.push(format!("timeout={ms}"));
    }
    if scenario.mode == Mode::FireAndForget && scenario.program_exits {
        parameters.push("exit=1".to_owned());
    }
    if scenario.retry.retries > 0 {
        parameters.push(format!("retries={}", scenario.retry.retries));
        if scenario.retry.backoff_ms != DEFAULT_BACKOFF_MS {
            parameters.push(format!("backoff={}", scenario.retry.backoff_ms));
        }
    }
    encode_caller(scenario.caller, &mut parameters);
    let uses_dice = scenario
        .tasks
        .iter()
        .any(|task| task.fail_percent > 0 || matches!(task.delay, Delay::Range { .. }));
    if uses_dice || scenario.seed != Scenario::default().seed {
        parameters.push(format!("seed={}", scenario.seed));
    }
    encode_display(display, &mut parameters);
    parameters.push(format!("v={FORMAT_VERSION}"));
    parameters.join("&")
}

/// How the caller waits, where it is not the default.
fn encode_caller(caller: CallerSetup, parameters: &mut Vec<String>) {
    let default_caller = CallerSetup::default();
    if caller.wait != default_caller.wait {
        parameters.push(format!("wait={}", caller.wait.url_name()));
    }
    if caller.context != default_caller.context {
        parameters.push(format!("context={}", caller.context.url_name()));
    }
    if caller.configure_await != default_caller.configure_await {
        parameters.push(format!("configure_await={}", caller.configure_await));
    }
    if caller.runtime != default_caller.runtime {
        parameters.push(format!("runtime={}", caller.runtime.url_name()));
    }
}

/// The display options, where they are not the defaults.
fn encode_display(display: &DisplayOptions, parameters: &mut Vec<String>) {
    if display.language != Language::default() {
        parameters.push(format!("lang={}", display.language.url_name()));
    }
    if display.compare != Comparison::default() {
        parameters.push(format!("compare={}", display.compare.url_name()));
    }
    let flags = [
        (display.autorun, "autorun=1"),
        (display.embed, "embed=1"),
        (display.code, "code=1"),
        (display.predict, "predict=1"),
    ];
    for (set, parameter) in flags {
        if set {
            parameters.push(parameter.to_owned());
        }
    }
    if display.theme != Theme::default() {
        parameters.push(format!("theme={}", display.theme.url_name()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::link::task_list::{escape_label, parse_delay, parse_fail_percent};
    use crate::domain::model::scenario::TaskSpec;

    #[test]
    fn percent_escapes_read_as_browsers_read_them() {
        assert_eq!(decode_component("a+b%2Bc%20d"), "a b+c d");
        assert_eq!(decode_component("%C3%A9t%C3%A9"), "été");
        // A `%` without two hex digits after it is itself; bad UTF-8 is replaced, not refused.
        assert_eq!(decode_component("100%"), "100%");
        assert_eq!(decode_component("%4"), "%4");
        assert_eq!(decode_component("%zz%"), "%zz%");
        assert_eq!(decode_component("%FF!"), "\u{fffd}!");
        assert_eq!(escape_label("a b,c:d%"), "a%20b%2Cc%3Ad%25");
        assert_eq!(escape_label("été\t'`"), "%C3%A9t%C3%A9%09%27%60");
        for label in [
            "a b",
            "x&y=z#?",
            "naïve \"quoted\" <tag>",
            "tab\tnew\nline",
            "+plus+",
        ] {
            assert_eq!(decode_component(&escape_label(label)), label);
        }
    }

    fn messages(decoded: &DecodedUrl) -> Vec<String> {
        decoded.problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_scenario_parses_from_its_link_only_when_the_link_is_sound() {
        let scenario: Scenario = "tasks=a:100,db:50:100&mode=try_join_all".parse().unwrap();
        let (a, db) = (TaskSpec::io(Some("a"), 100), TaskSpec::io(Some("db"), 50));
        assert_eq!(scenario.tasks, [a, db.failing(100)]);
        assert_eq!(scenario.mode, Mode::TryJoinAll);
        assert_eq!(scenario.seed, Scenario::default().seed);
        let problems = "tasks=a:1,db:3oo".parse::<Scenario>().unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].to_string().contains("\"3oo\""), "{problems:?}");
    }

    #[test]
    fn the_short_canonical_link_is_enough() {
        let decoded = decode("?tasks=10x500&mode=join_all");
        assert_eq!(messages(&decoded), Vec::<String>::new());
        assert_eq!(decoded.scenario, Scenario::default());
        assert_eq!(
            encode(&Scenario::default(), &DisplayOptions::default()),
            "tasks=10x500&mode=join_all&v=1"
        );
    }

    #[test]
    fn full_urls_query_strings_and_fragments_are_all_accepted() {
        for input in [
            "https://example.org/play/?tasks=a:5&mode=select#top",
            "?tasks=a:5&mode=select",
            "tasks=a:5&mode=select",
        ] {
            let decoded = decode(input);
            assert!(
                decoded.problems.is_empty(),
                "{input}: {:?}",
                decoded.problems
            );
            assert_eq!(decoded.scenario.mode, Mode::Select, "{input}");
            assert_eq!(
                decoded.scenario.tasks,
                vec![TaskSpec::io(Some("a"), 5)],
                "{input}"
            );
        }
    }

    #[test]
    fn every_item_form_of_the_grammar_parses() {
        let decoded = decode(
            "tasks=500,fetch:500,db:300:25,10x500,20x1000-5000,parse:200:0:cpu,3x50:10:cpu,40-60",
        );
        assert!(decoded.problems.is_empty(), "{:?}", decoded.problems);
        let tasks = &decoded.scenario.tasks;
        assert_eq!(tasks.len(), 1 + 1 + 1 + 10 + 20 + 1 + 3 + 1);
        assert_eq!(tasks[0], TaskSpec::io(None, 500));
        assert_eq!(tasks[1], TaskSpec::io(Some("fetch"), 500));
        assert_eq!(tasks[2], TaskSpec::io(Some("db"), 300).failing(25));
        assert_eq!(
            tasks[13].delay,
            Delay::Range {
                min: 1000,
                max: 5000
            }
        );
        assert_eq!(tasks[33], TaskSpec::io(Some("parse"), 200).cpu());
        assert_eq!(tasks[34], TaskSpec::io(None, 50).failing(10).cpu());
        assert_eq!(tasks[37].delay, Delay::Range { min: 40, max: 60 });
    }

    #[test]
    fn a_bad_item_is_named_and_the_rest_are_kept() {
        let decoded = decode("tasks=fetch:500,cache:20,db:3oo,api:100&mode=join_all");
        assert_eq!(
            messages(&decoded),
            vec!["tasks item 3 \"db:3oo\": delay \"3oo\" is not a number"]
        );
        let labels: Vec<_> = decoded
            .scenario
            .tasks
            .iter()
            .map(|t| t.label.clone().unwrap())
            .collect();
        assert_eq!(labels, ["fetch", "cache", "api"]);
    }

    #[test]
    fn every_problem_is_reported_and_defaults_fill_in() {
        let decoded = decode(
            "tasks=a:1:101,b:2:xx&mode=jion_all&limit=x&seed=-1&lang=go&theme=pink&embed=2&compare=modes&v=9",
        );
        let all = messages(&decoded).join("\n");
        for expected in [
            "tasks item 1 \"a:1:101\": failure rate \"101\" is over 100%",
            "tasks item 2 \"b:2:xx\": \"xx\" is neither a failure percentage (0-100) nor the flag cpu",
            "no usable task in the link",
            "mode \"jion_all\" is not one of sequential, join_all",
            "limit \"x\" is not a whole number",
            "seed \"-1\" is not a whole number",
            "lang \"go\" is not one of rust, csharp, js, python",
            "theme \"pink\" is not one of auto, light, dark",
            "compare \"modes\" is not one of none, sequential, languages",
            "embed \"2\" must be 1 or 0",
            "format version \"9\" is not one this app knows",
        ] {
            assert!(all.contains(expected), "missing {expected:?} in:\n{all}");
        }
        assert_eq!(decoded.scenario, Scenario::default());
        assert_eq!(decoded.display.compare, Comparison::None);
    }

    #[test]
    fn out_of_range_limit_is_clamped_with_a_message() {
        let decoded = decode("tasks=4x10&mode=buffered&limit=0");
        assert_eq!(decoded.scenario.limit, 1);
        assert!(messages(&decoded)[0].contains("limit 0 must be between 1 and 10000; using 1"));
        let decoded = decode("tasks=4x10&mode=buffered&limit=20000");
        assert_eq!(decoded.scenario.limit, 10_000);
    }

    /// Family 4 of the truth issue: a pool larger than the work is legal, and a link the app wrote
    /// for a buffered scenario with fewer tasks than the default limit reads back with no problem.
    #[test]
    fn a_limit_above_the_number_of_tasks_reads_back_without_a_problem() {
        let decoded = decode("tasks=4x10&mode=buffered&limit=9");
        assert_eq!((decoded.scenario.limit, decoded.problems.len()), (9, 0));
        let two_tasks = Scenario {
            tasks: vec![TaskSpec::io(None, 10); 2],
            mode: Mode::Buffered,
            ..Scenario::default()
        };
        let link = encode(&two_tasks, &DisplayOptions::default());
        assert!(link.contains("limit=3"), "{link}");
        assert_eq!(decode(&link).problems, vec![]);
    }

    #[test]
    fn a_timeout_reads_back_in_any_mode_and_is_left_out_when_unset() {
        for &mode in Mode::ALL.iter().filter(|mode| mode.caller_waits()) {
            let scenario = Scenario {
                mode,
                timeout_ms: Some(750),
                ..Scenario::default()
            };
            let link = encode(&scenario, &DisplayOptions::default());
            assert!(link.contains("&timeout=750&"), "{link}");
            let decoded = decode(&link);
            assert_eq!((decoded.scenario, decoded.problems), (scenario, vec![]));
        }
        assert!(!encode(&Scenario::default(), &DisplayOptions::default()).contains("timeout"));
    }

    #[test]
    fn fire_and_forget_writes_exit_and_no_deadline_and_links_before_it_read_as_before() {
        let link = "tasks=a:5,b:9:100&mode=fire_and_forget&exit=1&seed=1&v=1";
        let decoded = decode(link);
        assert_eq!(decoded.problems, vec![]);
        assert!(decoded.scenario.program_exits);
        assert_eq!(encode(&decoded.scenario, &DisplayOptions::default()), link);
        // A deadline is kept for the modes that wait, and not written for a caller that waits for
        // nothing; `exit` is written only with fire and forget.
        let kept = decode("tasks=a:5&mode=fire_and_forget&timeout=300&v=1").scenario;
        assert_eq!((kept.timeout_ms, kept.deadline_ms()), (Some(300), None));
        let link = encode(&kept, &DisplayOptions::default());
        assert_eq!(link, "tasks=a:5&mode=fire_and_forget&v=1");
        let waiting = Scenario {
            mode: Mode::JoinAll,
            ..decoded.scenario
        };
        assert!(!encode(&waiting, &DisplayOptions::default()).contains("exit"));
        let named = decode("tasks=a:5&mode=fire_and_forget&exit=soon").problems;
        assert!(
            named[0]
                .to_string()
                .contains("exit \"soon\" must be 1 or 0"),
            "{named:?}"
        );
    }

    #[test]
    fn how_the_caller_waits_reads_back_and_is_left_out_at_its_defaults() {
        use crate::domain::model::caller_setup::{CallerContext, RustRuntime, Wait};
        let link = "tasks=a:5&mode=join_all&wait=block&context=ui&configure_await=false&runtime=multi_thread&v=1";
        let decoded = decode(link);
        assert!(decoded.problems.is_empty(), "{:?}", messages(&decoded));
        let caller = decoded.scenario.caller;
        assert_eq!(caller.wait, Wait::Block);
        assert_eq!(caller.context, CallerContext::Ui);
        assert!(!caller.configure_await);
        assert_eq!(caller.runtime, RustRuntime::MultiThread);
        assert_eq!(encode(&decoded.scenario, &decoded.display), link);
        let plain = encode(&Scenario::default(), &DisplayOptions::default());
        for name in ["wait", "context", "configure_await", "runtime"] {
            assert!(!plain.contains(name), "{plain}");
        }
    }

    #[test]
    fn unknown_ways_of_waiting_are_named_and_fall_back_to_the_default() {
        let decoded = decode("tasks=a:5&wait=sleep&context=gui&configure_await=maybe&runtime=2");
        let all = messages(&decoded);
        assert_eq!(all.len(), 4, "{all:?}");
        assert!(
            all[0].contains("wait \"sleep\" is not one of await, block"),
            "{all:?}"
        );
        assert!(
            all[1].contains("context \"gui\" is not one of pool, ui"),
            "{all:?}"
        );
        assert!(
            all[2].contains("configure_await \"maybe\" must be true or false"),
            "{all:?}"
        );
        assert!(all[3].contains("current_thread, multi_thread"), "{all:?}");
        assert_eq!(decoded.scenario.caller, CallerSetup::default());
    }

    #[test]
    fn retries_read_back_and_are_left_out_when_unset() {
        let link = "tasks=a:5:50,b:9&mode=all_settled&retries=3&backoff=40&v=1";
        let decoded = decode(link);
        assert!(decoded.problems.is_empty(), "{:?}", messages(&decoded));
        assert_eq!(
            decoded.scenario.retry,
            RetryPolicy {
                retries: 3,
                backoff_ms: 40
            }
        );
        let written = encode(&decoded.scenario, &DisplayOptions::default());
        assert!(written.contains("&retries=3&backoff=40&"), "{written}");
        // The default backoff is left out, and so is a backoff without retries.
        let default_backoff = decode("tasks=a:5&retries=2&backoff=100").scenario;
        let written = encode(&default_backoff, &DisplayOptions::default());
        assert!(
            written.contains("retries=2") && !written.contains("backoff"),
            "{written}"
        );
        let no_retries = decode("tasks=a:5&backoff=300").scenario;
        assert!(!encode(&no_retries, &DisplayOptions::default()).contains("backoff"));
    }

    #[test]
    fn bad_retries_and_backoffs_are_named_and_the_rest_kept() {
        for (query, retries, backoff_ms, message) in [
            (
                "retries=15",
                10,
                100,
                "retries 15 is over the maximum of 10; using 10",
            ),
            (
                "retries=often",
                0,
                100,
                "retries \"often\" is not a whole number",
            ),
            ("retries=-1", 0, 100, "is not a whole number"),
            (
                "retries=2&backoff=soon",
                2,
                100,
                "backoff \"soon\" is not a whole number of ms",
            ),
            (
                "backoff=400000&retries=3",
                3,
                150_000,
                "backoff 400000 ms doubles to 1600000 ms before retry 3, over the maximum of \
                 600000 ms; using a backoff of 150000 ms",
            ),
            (
                "retries=10&backoff=99999999999",
                10,
                1171,
                "over the maximum",
            ),
        ] {
            let decoded = decode(&format!("tasks=a:5&mode=select&{query}"));
            assert_eq!(decoded.scenario.mode, Mode::Select, "{query}");
            assert_eq!(
                decoded.scenario.retry,
                RetryPolicy {
                    retries,
                    backoff_ms
                },
                "{query}"
            );
            assert_eq!(decoded.problems[0].field, Field::Retries, "{query}");
            assert!(
                messages(&decoded)[0].contains(message),
                "{query}: {:?}",
                messages(&decoded)
            );
            // What the app then writes reads back with no problem.
            let written = encode(&decoded.scenario, &DisplayOptions::default());
            assert!(decode(&written).problems.is_empty(), "{written}");
        }
    }

    #[test]
    fn retries_typed_in_the_editor_are_checked_with_the_backoff() {
        let retry = RetryPolicy {
            retries: 2,
            backoff_ms: 200_000,
        };
        assert_eq!(parse_retries("", retry).map(|r| r.retries), Ok(0));
        assert_eq!(parse_retries(" 2 ", retry), Ok(retry));
        assert!(parse_retries("3", retry)
            .unwrap_err()
            .contains("doubles to 800000 ms"));
        assert!(parse_retries("11", retry)
            .unwrap_err()
            .contains("over the maximum of 10"));
        assert!(parse_retries("x", retry)
            .unwrap_err()
            .contains("\"x\" is not a whole number"));
        assert_eq!(parse_backoff("", retry).map(|r| r.backoff_ms), Ok(100));
        assert_eq!(parse_backoff("50", retry).map(|r| r.backoff_ms), Ok(50));
        assert!(parse_backoff("-1", retry)
            .unwrap_err()
            .contains("not a whole number of ms"));
    }

    #[test]
    fn a_deadline_typed_in_the_editor_reads_as_the_url_does() {
        assert_eq!(parse_timeout(" "), Ok(None));
        assert_eq!(parse_timeout(" 750 "), Ok(Some(750)));
        assert_eq!(
            parse_timeout("soon"),
            Err("timeout \"soon\" is not a whole number of ms".to_string())
        );
        assert!(parse_timeout("0")
            .unwrap_err()
            .contains("before anything starts"));
        assert!(parse_timeout("900000")
            .unwrap_err()
            .contains("over the maximum"));
    }

    #[test]
    fn a_bad_timeout_is_named_and_the_rest_kept() {
        let decoded = decode("tasks=a:5&mode=select&timeout=soon");
        assert_eq!(decoded.scenario.timeout_ms, None);
        assert_eq!(decoded.scenario.mode, Mode::Select);
        assert_eq!(decoded.problems[0].field, Field::Timeout);
        assert!(messages(&decoded)[0].contains("timeout \"soon\" is not a whole number of ms"));
        for (text, kept, message) in [
            (
                "0",
                1,
                "timeout 0 ms would stop waiting before anything starts",
            ),
            ("-5", 0, "timeout \"-5\" is not a whole number"),
            (
                "900000",
                600_000,
                "timeout 900000 ms is over the maximum of 600000 ms; using 600000 ms",
            ),
            ("99999999999999999999999", 0, "is not a whole number"),
        ] {
            let decoded = decode(&format!("tasks=a:5&timeout={text}"));
            assert_eq!(
                decoded.scenario.timeout_ms,
                (kept > 0).then_some(kept),
                "{text}"
            );
            assert!(
                messages(&decoded)[0].contains(message),
                "{text}: {:?}",
                messages(&decoded)
            );
            assert_eq!(decoded.scenario.tasks, vec![TaskSpec::io(Some("a"), 5)]);
        }
    }

    #[test]
    fn too_many_tasks_keeps_the_first_ten_thousand() {
        let decoded = decode("tasks=9000x5,2000x7");
        assert_eq!(decoded.scenario.tasks.len(), MAX_TASKS as usize);
        assert_eq!(
            decoded.scenario.tasks[MAX_TASKS as usize - 1].delay,
            Delay::Fixed(7)
        );
        assert!(messages(&decoded)[0].contains("more than 10000 tasks"));
    }

    #[test]
    fn an_over_long_link_is_refused_whole() {
        let decoded = decode(&format!("tasks={}", "a:1,".repeat(MAX_URL_CHARS)));
        assert_eq!(decoded.problems[0].field, Field::Url);
        assert_eq!(decoded.scenario, Scenario::default());
    }

    #[test]
    fn labels_with_separators_markup_and_emoji_round_trip() {
        let scenario = Scenario {
            tasks: vec![
                TaskSpec::io(Some("a,b:c&d=e+f%g h#i?"), 5),
                TaskSpec::io(Some("x<img src=\"y\" onerror='z'>"), 6),
                TaskSpec::io(Some("rocket🚀"), 7).failing(3).cpu(),
            ],
            ..Scenario::default()
        };
        let query = encode(&scenario, &DisplayOptions::default());
        assert!(!query.contains('<') && !query.contains('"'), "{query}");
        let decoded = decode(&query);
        assert!(decoded.problems.is_empty(), "{:?}", decoded.problems);
        assert_eq!(decoded.scenario, scenario);
    }

    #[test]
    fn a_fully_escaped_task_list_still_reads() {
        let decoded = decode("tasks=fetch%3A500%2Cdb%3A300%3A25");
        assert!(decoded.problems.is_empty(), "{:?}", decoded.problems);
        assert_eq!(decoded.scenario.tasks.len(), 2);
    }

    #[test]
    fn editor_fields_parse_with_the_same_messages() {
        assert_eq!(parse_delay(" 250 "), Ok(Delay::Fixed(250)));
        assert_eq!(
            parse_delay("100-300"),
            Ok(Delay::Range { min: 100, max: 300 })
        );
        assert_eq!(
            parse_delay("3oo"),
            Err("delay \"3oo\" is not a number".to_owned())
        );
        assert!(parse_delay("900000")
            .unwrap_err()
            .contains("over the maximum"));
        assert!(parse_delay("5x10").unwrap_err().contains("has a count"));
        assert_eq!(parse_fail_percent("25"), Ok(25));
        assert_eq!(
            parse_fail_percent("101"),
            Err("failure rate 101% is over 100%".to_owned())
        );
        assert_eq!(
            parse_fail_percent(""),
            Err("failure rate is missing".to_owned())
        );
    }

    #[test]
    fn display_options_round_trip() {
        let display = DisplayOptions {
            language: Language::CSharp,
            compare: Comparison::Languages,
            autorun: true,
            code: true,
            predict: true,
            embed: true,
            theme: Theme::Dark,
        };
        let scenario = Scenario {
            mode: Mode::Buffered,
            limit: 4,
            seed: 99,
            ..Scenario::default()
        };
        let query = encode(&scenario, &display);
        assert_eq!(query, "tasks=10x500&mode=buffered&limit=4&seed=99&lang=csharp&compare=languages&autorun=1&embed=1&code=1&predict=1&theme=dark&v=1");
        let decoded = decode(&query);
        assert_eq!((decoded.scenario, decoded.display), (scenario, display));
    }
}
