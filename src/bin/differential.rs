//! `differential`: random scenarios run as generated programs in node, python3, Mono and tokio, each
//! compared with the simulator. Prints every disagreement with its scenario URL, then one closing
//! line `differential: N cases, A agree, D disagree`. Exit status 1 when any case disagrees.

#![warn(clippy::too_many_lines)]

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    harness::main()
}

/// The harness starts processes, which a browser cannot.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod harness {
    use std::cell::RefCell;
    use std::path::Path;
    use std::process::ExitCode;
    use std::time::Instant;

    use async_playground::differential::generator;
    use async_playground::differential::runtimes::{
        judged_with_reruns, run_cases, Case, ProgramOutput, RERUNS,
    };
    use async_playground::differential::verdict::{
        backoff_abort_race, deadline_slack_ms, disagreements, labels_of, pool_cancel_races,
        pool_deadline_tie, pool_first_tie, semaphore_cancel_race,
    };
    use async_playground::differential::words::word_disagreements;
    use async_playground::domain::basics::named_choice::NamedChoice;
    use async_playground::domain::link::url_codec::{decode, encode};
    use async_playground::domain::model::display::DisplayOptions;
    use async_playground::domain::model::language::Language;
    use async_playground::domain::model::scenario::Scenario;
    use async_playground::domain::model::timeline::Timeline;
    use async_playground::domain::programs::program_log::ProgramLog;
    use async_playground::domain::semantics::runtime_model::{
        runtime_model, Iteration, Threads, TimerOrder,
    };
    use async_playground::domain::simulator::{simulate, simulate_tie_order, tie_variants};

    const USAGE: &str = "\
usage: differential [--cases N] [--seed S] [--first K] [--parallel P] [--reruns R] [--census C] [--scenario QUERY] [--lang rust|csharp|js|python]...

Generates N random scenarios from seed S (cases K to K+N-1), runs each one's generated program in
node, python3, Mono and tokio, and compares every run with the simulator's prediction.
  --cases     how many scenarios (default 40)
  --seed      the seed they are drawn from (default 1)
  --first     the first case number (default 0), to rerun one case: --first 17 --cases 1
  --parallel  programs running at once (default 2)
  --reruns    how many times a disagreeing case runs again alone before it counts (default 2)
  --census    run each case accepted as a RACE C more times alone and count which order each run
              took; where another order is more common than the prediction, the case disagrees
              (the prediction shown by default must be the runtime's most common order)
  --scenario  judge this scenario too (a link or its query; repeatable): alone unless --cases is
              given, and always counted with --census
  --scenarios a file of such links, one a line (# starts a comment)
  --lang      only these languages (repeatable; default all four)";

    struct Options {
        cases: u32,
        seed: u64,
        first: u32,
        parallel: usize,
        reruns: u32,
        census: u32,
        scenarios: Vec<Scenario>,
        /// `--cases` was given: generated cases run beside the named scenarios.
        generated: bool,
        languages: Vec<Language>,
    }

    fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options {
            cases: 40,
            seed: 1,
            first: 0,
            parallel: 2,
            reruns: RERUNS,
            census: 0,
            scenarios: Vec::new(),
            generated: false,
            languages: Vec::new(),
        };
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
            let number = |text: &String| {
                text.parse::<u64>()
                    .map_err(|_| format!("{flag} \"{text}\" is not a whole number"))
            };
            match flag.as_str() {
                "--cases" => {
                    options.cases = number(value()?)?.min(1_000_000) as u32;
                    options.generated = true;
                }
                "--seed" => options.seed = number(value()?)?,
                "--first" => options.first = number(value()?)?.min(u64::from(u32::MAX / 2)) as u32,
                "--parallel" => options.parallel = number(value()?)?.clamp(1, 16) as usize,
                "--reruns" => options.reruns = number(value()?)?.min(10) as u32,
                "--census" => options.census = number(value()?)?.min(1_000) as u32,
                "--scenario" => options.scenarios.push(scenario_of(value()?)?),
                "--scenarios" => {
                    let path = value()?;
                    let text = std::fs::read_to_string(path)
                        .map_err(|error| format!("--scenarios {path}: {error}"))?;
                    for line in text.lines().map(str::trim) {
                        if !line.is_empty() && !line.starts_with('#') {
                            options.scenarios.push(scenario_of(line)?);
                        }
                    }
                }
                "--lang" => options
                    .languages
                    .push(Language::from_url_name(value()?).map_err(|e| e.to_string())?),
                "-h" | "--help" => return Err(String::new()),
                other => return Err(format!("unknown argument \"{other}\"")),
            }
        }
        if options.languages.is_empty() {
            options.languages = Language::ALL.to_vec();
        }
        Ok(options)
    }

    /// The scenario `link` opens, or what is wrong with it.
    fn scenario_of(link: &str) -> Result<Scenario, String> {
        let decoded = decode(link);
        match decoded.problems.first() {
            Some(problem) => Err(format!("scenario \"{link}\": {problem}")),
            None => Ok(decoded.scenario),
        }
    }

    /// Where a runtime is truly nondeterministic, the run may match another prediction: say which.
    /// Only ties race: wake-ups on a thread pool due in the same millisecond taken in another order
    /// or one at a time, a fail-fast cancel that tied tasks did or did not outrun, node timers due
    /// in the millisecond the loop turned to them, asyncio timers due in one millisecond that fired
    /// in two iterations, and a deadline falling within the machine's timing slack of a task's end or
    /// the caller's resumption.
    fn race(
        scenario: &Scenario,
        language: Language,
        labels: &[String],
        log: &ProgramLog,
    ) -> Option<String> {
        if let Some(note) = deadline_race(scenario, language, labels, log) {
            return Some(note);
        }
        let model = runtime_model(language);
        let matching_variant = (1..tie_variants(scenario, language)).find(|&variant| {
            disagreements(
                &simulate_tie_order(scenario, language, variant),
                labels,
                log,
            )
            .is_empty()
        });
        if model.timer_order == TimerOrder::PerDuration {
            return node_race(matching_variant, &simulate(scenario, language), labels, log);
        }
        if model.iteration == Iteration::Snapshot {
            return matching_variant.map(|variant| {
                format!("went as timers due in one millisecond firing in two loop iterations (variant {variant}): the program set them over more than a millisecond")
            });
        }
        if model.threads != Threads::Pool {
            return None;
        }
        if let Some(variant) = matching_variant {
            return Some(format!(
                "went as a tie on the thread pool taken another way (variant {variant})"
            ));
        }
        pool_race(&simulate(scenario, language), labels, log)
    }

    /// A race of node's timers that explains the log: a tie variant that matches it, or a backoff
    /// that ended in the millisecond of the abort.
    fn node_race(
        matching_variant: Option<u32>,
        predicted: &Timeline,
        labels: &[String],
        log: &ProgramLog,
    ) -> Option<String> {
        match matching_variant {
            Some(1) => {
                return Some(
                    "went as node's loop seeing a timer due in the next millisecond as due"
                        .to_owned(),
                )
            }
            Some(variant) => {
                return Some(format!("went as timers of different durations due in the same millisecond falling due in another order (variant {variant}): node's lateness decides it"))
            }
            None => {}
        }
        let raced = backoff_abort_race(predicted, labels, log)?;
        let names: Vec<&str> = raced.iter().map(|&index| labels[index].as_str()).collect();
        Some(format!(
            "{} ended a backoff in the millisecond of the abort and were cancelled in it",
            names.join(", ")
        ))
    }

    /// A race on the thread pool that explains the log, where no tie variant matches it: the
    /// cancelled token's callbacks, a finish in the millisecond the caller resumed, or a fail-fast
    /// cancel.
    fn pool_race(predicted: &Timeline, labels: &[String], log: &ProgramLog) -> Option<String> {
        if let Some(raced) = semaphore_cancel_race(predicted, labels, log) {
            let names: Vec<&str> = raced.iter().map(|&index| labels[index].as_str()).collect();
            return Some(format!(
                "{} raced the cancelled token's callbacks to the semaphore: a freed slot started them, or the callbacks cancelled them where they queued",
                names.join(", ")
            ));
        }
        if pool_first_tie(predicted, labels, log).is_some() {
            return Some("tasks that finished in the millisecond the caller resumed raced it on the thread pool".to_owned());
        }
        let mut raced = pool_cancel_races(predicted, labels, log)?;
        raced.sort_unstable();
        raced.dedup();
        let names: Vec<&str> = raced.iter().map(|&index| labels[index].as_str()).collect();
        Some(format!(
            "{} ended a wait in the millisecond of the fail-fast cancel and raced it on the thread pool",
            names.join(", ")
        ))
    }

    /// The run went as the prediction with the deadline moved by at most the language's timing slack,
    /// earlier (the runtime was late) or later: the deadline fell that near something it raced. The
    /// nearest such deadline is the one named.
    fn deadline_race(
        scenario: &Scenario,
        language: Language,
        labels: &[String],
        log: &ProgramLog,
    ) -> Option<String> {
        let timeout = scenario.timeout_ms?;
        let slack = deadline_slack_ms(language);
        (1..=slack)
            .flat_map(|shift| [timeout.checked_sub(shift), Some(timeout + shift)])
            .flatten()
            .filter(|&moved| moved > 0)
            .find(|&moved| {
                let moved_deadline = Scenario {
                    timeout_ms: Some(moved),
                    ..scenario.clone()
                };
                let predicted = simulate(&moved_deadline, language);
                disagreements(&predicted, labels, log).is_empty()
                    || (runtime_model(language).threads == Threads::Pool
                        && (pool_deadline_tie(&predicted, labels, log)
                            || semaphore_cancel_race(&predicted, labels, log).is_some()))
            })
            .map(|moved| {
                format!("went as if the {timeout} ms deadline had fallen at {moved} ms: it was within {slack} ms of what it raced")
            })
    }

    /// What the census calls a run that went as the prediction.
    const PREDICTED: &str = "as predicted";

    /// Runs `case` `runs` times alone and counts the order each run took: as predicted, as one of
    /// the named races (by its note), or disagreeing.
    fn census(case: &Case, language: Language, work_dir: &Path, runs: u32) -> Vec<(String, u32)> {
        let labels = labels_of(&case.scenario);
        let mut counts: Vec<(String, u32)> = Vec::new();
        for _ in 0..runs {
            let output = run_cases(language, std::slice::from_ref(case), work_dir, 1);
            let order = match output.into_iter().next() {
                Some(Ok(text)) => {
                    let log = ProgramLog::parse(&text);
                    if disagreements(&simulate(&case.scenario, language), &labels, &log).is_empty()
                    {
                        PREDICTED.to_owned()
                    } else {
                        race(&case.scenario, language, &labels, &log)
                            .unwrap_or_else(|| "disagreeing".to_owned())
                    }
                }
                _ => "failing to run".to_owned(),
            };
            match counts.iter_mut().find(|(seen, _)| *seen == order) {
                Some((_, count)) => *count += 1,
                None => counts.push((order, 1)),
            }
        }
        counts
    }

    fn census_count(counts: &[(String, u32)], order: &str) -> u32 {
        counts
            .iter()
            .find(|(seen, _)| seen == order)
            .map_or(0, |(_, count)| *count)
    }

    /// "as predicted 16 of 20; went as timers … 4 of 20".
    fn census_line(counts: &[(String, u32)]) -> String {
        let runs: u32 = counts.iter().map(|(_, count)| count).sum();
        let predicted = census_count(counts, PREDICTED);
        std::iter::once(format!("{PREDICTED} {predicted} of {runs}"))
            .chain(
                counts
                    .iter()
                    .filter(|(order, _)| order != PREDICTED)
                    .map(|(order, count)| format!("{order}: {count} of {runs}")),
            )
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The cases a run judges: the generated ones, the named scenarios, or both.
    fn cases_of(options: &Options) -> Vec<Case> {
        let generated = options.generated || options.scenarios.is_empty();
        (options.first..options.first + options.cases)
            .filter(|_| generated)
            .map(|number| Case {
                name: format!("case_{number}"),
                scenario: generator::scenario(options.seed, number),
            })
            .chain(
                options
                    .scenarios
                    .iter()
                    .enumerate()
                    .map(|(number, scenario)| Case {
                        name: format!("scenario_{number}"),
                        scenario: scenario.clone(),
                    }),
            )
            .collect()
    }

    /// What is wrong with `output`, a run of `case` in `language`, against the prediction: the
    /// outcomes, then (if those agree) the words. A disagreement that a known race explains is
    /// accepted, and `race_note` says which.
    fn judge(
        case: &Case,
        language: Language,
        labels: &[String],
        output: ProgramOutput,
        race_note: &RefCell<Option<String>>,
    ) -> Vec<String> {
        let text = match output {
            Ok(text) => text,
            Err(error) => return vec![error],
        };
        let log = ProgramLog::parse(&text);
        let predicted = simulate(&case.scenario, language);
        let mut problems = disagreements(&predicted, labels, &log);
        let note = (!problems.is_empty())
            .then(|| race(&case.scenario, language, labels, &log))
            .flatten();
        // A run that went as predicted is told in the prediction's words: they must say what the
        // log shows.
        if problems.is_empty() {
            problems = word_disagreements(&case.scenario, &predicted, labels, &log);
        }
        let accepted = note.is_some();
        *race_note.borrow_mut() = note;
        if accepted {
            Vec::new()
        } else {
            problems
        }
    }

    /// Run a tied case `runs` times and print how often each order came: says whether an order
    /// other than the prediction came more often.
    fn census_finds_a_likelier_order(
        case: &Case,
        language: Language,
        link: &str,
        work_dir: &Path,
        runs: u32,
    ) -> bool {
        let counts = census(case, language, work_dir, runs);
        let predicted = census_count(&counts, PREDICTED);
        let minority = counts
            .iter()
            .any(|(order, count)| order != PREDICTED && *count > predicted);
        let verdict = if minority {
            "; the prediction is not the most common order"
        } else {
            ""
        };
        println!(
            "CENSUS {} in {language}: ?{link} {}{verdict}",
            case.name,
            census_line(&counts)
        );
        minority
    }

    /// What one case's run in one language came to.
    struct Verdict {
        disagrees: bool,
        /// A disagreement a known race explains was accepted.
        raced: bool,
        /// It disagreed, and agreed when run again alone.
        agreed_on_a_rerun: bool,
    }

    /// Judge `output`, the run of `case` in `language` (run again alone if it disagreed, and
    /// counted over many runs if it ties), and print what came of it.
    fn judge_case(
        case: &Case,
        language: Language,
        output: ProgramOutput,
        work_dir: &Path,
        options: &Options,
    ) -> Verdict {
        let display = DisplayOptions {
            language,
            ..DisplayOptions::default()
        };
        let link = encode(&case.scenario, &display);
        let labels: Vec<String> = labels_of(&case.scenario);
        // The race a run was accepted as, if it was.
        let race_note = RefCell::new(None);
        let judge = |output: ProgramOutput| judge(case, language, &labels, output, &race_note);
        let (problems, agreed_on_a_rerun) =
            judged_with_reruns(language, case, output, work_dir, options.reruns, judge);
        let raced = race_note.borrow().is_some();
        if let Some(note) = race_note.take() {
            println!("RACE {} in {language}: ?{link} {note}; accepted", case.name);
        }
        // A tie the runtime settles by timing (or a scenario named by hand): how often each order
        // comes, and whether the prediction is the most common.
        let tied = raced
            || tie_variants(&case.scenario, language) > 1
            || case.name.starts_with("scenario_");
        let mut disagrees = options.census > 0
            && tied
            && census_finds_a_likelier_order(case, language, &link, work_dir, options.census);
        if agreed_on_a_rerun {
            println!(
                "RERUN {} in {language}: ?{link} agreed when run again alone; the first run:",
                case.name
            );
        } else if !problems.is_empty() {
            disagrees = true;
            println!("DISAGREE {} in {language}: ?{link}", case.name);
        }
        for problem in &problems {
            println!("  - {problem}");
        }
        Verdict {
            disagrees,
            raced,
            agreed_on_a_rerun,
        }
    }

    pub fn main() -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let options = match parse(&args) {
            Ok(options) => options,
            Err(message) => {
                if !message.is_empty() {
                    eprintln!("differential: {message}");
                }
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        };
        let cases = cases_of(&options);
        let work_dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join("differential");
        let mut disagreeing = vec![false; cases.len()];
        let mut races = 0;
        let mut reruns = 0;
        for &language in &options.languages {
            let started = Instant::now();
            let outputs = run_cases(language, &cases, &work_dir, options.parallel);
            let mut wrong = 0;
            for ((case, output), disagrees) in cases.iter().zip(outputs).zip(disagreeing.iter_mut())
            {
                let verdict = judge_case(case, language, output, &work_dir, &options);
                races += u32::from(verdict.raced);
                reruns += u32::from(verdict.agreed_on_a_rerun);
                if verdict.disagrees {
                    wrong += 1;
                    *disagrees = true;
                }
            }
            println!(
                "{language}: {} cases, {wrong} disagree ({} s)",
                cases.len(),
                started.elapsed().as_secs()
            );
        }
        let disagree = disagreeing.iter().filter(|d| **d).count();
        println!("races accepted: {races} (ties the runtime settles by timing, each listed above as RACE)");
        println!("agreed only when run again alone: {reruns} (a stalled first run, each listed above as RERUN)");
        println!(
            "differential: {} cases, {} agree, {disagree} disagree",
            cases.len(),
            cases.len() - disagree
        );
        if disagree == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }
}
