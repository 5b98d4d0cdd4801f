//! `differential`: random scenarios run as generated programs in node, python3, Mono and tokio, each
//! compared with the simulator. Prints every disagreement with its scenario URL, then one closing
//! line `differential: N cases, A agree, D disagree`. Exit status 1 when any case disagrees.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    harness::main()
}

/// The harness starts processes, which a browser cannot.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod harness {
    use std::path::Path;
    use std::process::ExitCode;
    use std::time::Instant;

    use async_playground::differential::generator;
    use async_playground::differential::runtimes::{run_cases, Case};
    use async_playground::differential::verdict::disagreements;
    use async_playground::domain::language::Language;
    use async_playground::domain::named_choice::NamedChoice;
    use async_playground::domain::simulator::{largest_tie, simulate, simulate_tie_order};
    use async_playground::domain::snippets::{jobs, parse_log};
    use async_playground::domain::url_codec::{encode, DisplayOptions};

    const USAGE: &str = "\
usage: differential [--cases N] [--seed S] [--first K] [--parallel P] [--lang rust|csharp|js|python]...

Generates N random scenarios from seed S (cases K to K+N-1), runs each one's generated program in
node, python3, Mono and tokio, and compares every run with the simulator's prediction.
  --cases     how many scenarios (default 40)
  --seed      the seed they are drawn from (default 1)
  --first     the first case number (default 0), to rerun one case: --first 17 --cases 1
  --parallel  programs running at once (default 2)
  --lang      only these languages (repeatable; default all four)";

    struct Options {
        cases: u32,
        seed: u64,
        first: u32,
        parallel: usize,
        languages: Vec<Language>,
    }

    fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options {
            cases: 40,
            seed: 1,
            first: 0,
            parallel: 2,
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
                "--cases" => options.cases = number(value()?)?.min(1_000_000) as u32,
                "--seed" => options.seed = number(value()?)?,
                "--first" => options.first = number(value()?)?.min(u64::from(u32::MAX / 2)) as u32,
                "--parallel" => options.parallel = number(value()?)?.clamp(1, 16) as usize,
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
        let cases: Vec<Case> = (options.first..options.first + options.cases)
            .map(|number| Case {
                name: format!("case_{number}"),
                scenario: generator::scenario(options.seed, number),
            })
            .collect();
        let work_dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join("differential");
        let mut disagreeing = vec![false; cases.len()];
        let mut races = 0;
        for &language in &options.languages {
            let started = Instant::now();
            let outputs = run_cases(language, &cases, &work_dir, options.parallel);
            let mut wrong = 0;
            for ((case, output), disagrees) in cases.iter().zip(outputs).zip(disagreeing.iter_mut())
            {
                let display = DisplayOptions {
                    language,
                    ..DisplayOptions::default()
                };
                let problems = match output {
                    Ok(text) => {
                        let labels: Vec<String> = jobs(&case.scenario)
                            .into_iter()
                            .map(|job| job.label)
                            .collect();
                        let log = parse_log(&text);
                        let problems =
                            disagreements(&simulate(&case.scenario, language), &labels, &log);
                        // A tie racing the thread pool may go either way: accept another order of it,
                        // and say so.
                        let other_order =
                            (1..largest_tie(&case.scenario, language)).find(|&rotation| {
                                disagreements(
                                    &simulate_tie_order(&case.scenario, language, rotation),
                                    &labels,
                                    &log,
                                )
                                .is_empty()
                            });
                        match other_order {
                            Some(rotation) if !problems.is_empty() => {
                                races += 1;
                                println!(
                                    "RACE {} in {language}: ?{} went as a tie on the thread pool taken in another order ({rotation}); accepted",
                                    case.name,
                                    encode(&case.scenario, &display)
                                );
                                Vec::new()
                            }
                            _ => problems,
                        }
                    }
                    Err(error) => vec![error],
                };
                if !problems.is_empty() {
                    wrong += 1;
                    *disagrees = true;
                    println!(
                        "DISAGREE {} in {language}: ?{}",
                        case.name,
                        encode(&case.scenario, &display)
                    );
                    for problem in problems {
                        println!("  - {problem}");
                    }
                }
            }
            println!(
                "{language}: {} cases, {wrong} disagree ({} s)",
                cases.len(),
                started.elapsed().as_secs()
            );
        }
        let disagree = disagreeing.iter().filter(|d| **d).count();
        println!("races accepted: {races} (ties on a thread pool, each listed above as RACE)");
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
