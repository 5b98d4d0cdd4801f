//! Where each participant of a run stands in its program, so the code panel can follow a replay: the
//! caller on its await line until it resumes, then on the line that takes what it received (the catch
//! block, when that threw); each task on its timer's await, its blocking call or its backoff.
//!
//! The lines are found in the program's text, by the writer: by the generators' [`Markers`] for the
//! tasks, and by the log protocol's `resume` lines for the caller. Only their numbers cross to the
//! page, which keeps string searching out of its wasm. A test finds every one in every program.

use super::{markers, Markers};
use crate::domain::explain::moment::{listed, CallerState, Moment, TaskState};
use crate::domain::model::language::Language;
use crate::domain::model::scenario::Scenario;
use crate::domain::programs::program_log::{ResumeLine, RESUME_KEYWORDS};

/// The lines (0-based) of one program that a replay highlights.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProgramSpots {
    waits: Option<u32>,
    blocks: Option<u32>,
    backs_off: Option<u32>,
    /// Where the caller awaits; `None` for a caller that awaits nothing (fire and forget).
    caller_awaits: Option<u32>,
    /// Where a caller that blocks on its tasks holds its thread (`.Result`, `block_on`, the spin).
    caller_blocks: Option<u32>,
    /// Where the caller goes on holding each form of [`ResumeLine`], in [`RESUME_KEYWORDS`] order.
    resumes: Vec<Option<u32>>,
}

/// One highlighted line, and who stands on it: "the caller", "fetch, db".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spot {
    pub line: u32,
    pub who: String,
}

/// A line that opens a function, or in JavaScript (whose caller is top-level code after the task's
/// functions) closes one: the search for the caller's await must not walk into a task's code. C#'s
/// top-level code has blocks that close at the margin too, but its functions come after it.
fn bounds_a_function(line: &str, language: Language) -> bool {
    let code = line.trim_start();
    let closes_top_level =
        language == Language::JavaScript && line.starts_with('}') && !line.starts_with("} ");
    closes_top_level
        || [
            "fn ",
            "async fn ",
            "def ",
            "async def ",
            "function ",
            "static ",
            "public static ",
        ]
        .iter()
        .any(|start| code.starts_with(start))
}

/// The line suspends the code on it: an `await`, or Python's `async with`, whose exit is awaited.
fn awaits(line: &str) -> bool {
    let code = line.trim_start();
    let comment = ["//", "#"].iter().any(|start| code.starts_with(start));
    !comment && (code.contains("await") || code.starts_with("async with"))
}

impl ProgramSpots {
    /// The spots of `text`, a program in `language`.
    pub fn find(text: &str, language: Language) -> ProgramSpots {
        let lines: Vec<&str> = text.lines().collect();
        let Markers {
            waits,
            blocks,
            backs_off,
            caller_blocks,
        } = markers(language);
        let line_number = |index: usize| u32::try_from(index).ok();
        let first_from = |start: usize, wanted: &str| {
            (start..lines.len())
                .find(|&index| lines[index].contains(wanted))
                .and_then(line_number)
        };
        // The caller's await is the nearest before the first thing it does once resumed.
        let caller_awaits = lines
            .iter()
            .position(|line| line.contains("resume "))
            .and_then(|resume| {
                lines[..resume]
                    .iter()
                    .rposition(|line| awaits(line) || bounds_a_function(line, language))
                    .filter(|&index| awaits(lines[index]))
            });
        // The line that logs what the caller holds, or, where a program logs a value it chose
        // (`resume {received}`), the first log of its resumption.
        let after = caller_awaits.unwrap_or(0);
        let resumes = RESUME_KEYWORDS
            .iter()
            .map(|keyword| {
                let logs = format!("resume {}", keyword.trim_end_matches([' ', '=']));
                first_from(after, &logs).or_else(|| first_from(after, "resume "))
            })
            .collect();
        ProgramSpots {
            waits: first_from(0, waits),
            blocks: first_from(0, blocks),
            backs_off: first_from(0, backs_off),
            caller_awaits: caller_awaits.and_then(line_number),
            caller_blocks: first_from(0, caller_blocks),
            resumes,
        }
    }

    /// The flat form, to cross from the writer to the page: every line, `u32::MAX` for none.
    pub fn to_numbers(&self) -> Vec<u32> {
        [self.waits, self.blocks, self.backs_off, self.caller_awaits]
            .iter()
            .chain(&self.resumes)
            .chain([&self.caller_blocks])
            .map(|line| line.unwrap_or(u32::MAX))
            .collect()
    }

    /// Back from the flat form; a short or garbled one gives fewer spots, never a wrong panic.
    pub fn from_numbers(numbers: &[u32]) -> ProgramSpots {
        let line = |index: usize| numbers.get(index).copied().filter(|&n| n != u32::MAX);
        ProgramSpots {
            waits: line(0),
            blocks: line(1),
            backs_off: line(2),
            caller_awaits: line(3),
            resumes: (4..4 + RESUME_KEYWORDS.len()).map(line).collect(),
            caller_blocks: line(4 + RESUME_KEYWORDS.len()),
        }
    }

    /// The lines to highlight at `moment` of a run of `scenario`: the caller's, then the tasks' in
    /// task order. (Unsorted: a sort would add its code to the page's wasm.)
    pub fn at(&self, scenario: &Scenario, moment: &Moment) -> Vec<Spot> {
        let mut spots: Vec<(u32, Vec<String>)> = Vec::new();
        let mut stand = |line: Option<u32>, who: String| {
            let Some(line) = line else {
                return;
            };
            match spots.iter_mut().find(|(at, _)| *at == line) {
                Some((_, names)) => names.push(who),
                None => spots.push((line, vec![who])),
            }
        };
        match &moment.caller {
            CallerState::Awaiting { .. } => stand(self.caller_awaits, "the caller".to_owned()),
            CallerState::Blocked => stand(
                self.caller_blocks.or(self.caller_awaits),
                "the caller".to_owned(),
            ),
            CallerState::Resumed { received, .. } => {
                let line = ResumeLine::keyword_index_of(received);
                stand(
                    self.resumes.get(line).copied().flatten(),
                    "the caller".to_owned(),
                );
            }
        }
        for (index, state) in moment.tasks.iter().enumerate() {
            let line = match state {
                TaskState::Waiting | TaskState::Ready => self.waits,
                TaskState::Blocking => self.blocks,
                TaskState::BackingOff => self.backs_off,
                TaskState::NotStarted | TaskState::Ended(_) => None,
            };
            stand(line, scenario.label_of(index as u32));
        }
        spots
            .into_iter()
            .map(|(line, names)| Spot {
                line,
                who: listed(&names),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::basics::named_choice::NamedChoice;
    use crate::domain::explain::moment::{moment_at, moment_events};
    use crate::domain::model::mode::Mode;
    use crate::domain::programs::snippets::program;
    use crate::domain::simulator::simulate;

    fn spots_at(link: &str, language: Language, t_ms: f64) -> (Vec<String>, Vec<Spot>) {
        let scenario: Scenario = link.parse().unwrap();
        let timeline = simulate(&scenario, language);
        let moment = moment_at(&scenario, &timeline, &moment_events(&timeline), t_ms);
        let text = program(&scenario, language);
        let spots = ProgramSpots::find(&text, language).at(&scenario, &moment);
        (text.lines().map(str::to_owned).collect(), spots)
    }

    /// A caller blocked in `.Result` stands on `.Result`, not on the await inside the lambda.
    #[test]
    fn a_blocked_caller_stands_on_its_blocking_call() {
        let link = "tasks=load:300,save:200&mode=join_all&wait=block&context=ui";
        for (language, blocking_call) in [
            (Language::CSharp, "runJobs().Result"),
            (Language::Rust, "futures::executor::block_on("),
            (Language::JavaScript, "while (received === undefined"),
        ] {
            let (lines, spots) = spots_at(link, language, 250.0);
            let caller = spots
                .iter()
                .find(|spot| spot.who == "the caller")
                .unwrap_or_else(|| panic!("{language:?}: {spots:?}"));
            assert!(
                lines[caller.line as usize].contains(blocking_call),
                "{language:?}: {}",
                lines[caller.line as usize]
            );
        }
    }

    #[test]
    fn every_participant_has_a_line_in_every_program() {
        let options = [
            "",
            "&timeout=250",
            "&retries=1",
            "&mode=fire_and_forget&exit=1",
        ];
        for &mode in Mode::ALL {
            for option in options {
                let link = format!(
                    "tasks=fetch:500,db:300:100,parse:200:cpu&mode={}{option}",
                    mode.url_name()
                );
                let scenario: Scenario = link.parse().unwrap();
                for &language in Language::ALL {
                    let text = program(&scenario, language);
                    let spots = ProgramSpots::find(&text, language);
                    let context = format!("{link} in {language:?}");
                    assert!(spots.waits.is_some() && spots.blocks.is_some(), "{context}");
                    assert_eq!(
                        spots.backs_off.is_some(),
                        option.contains("retries"),
                        "{context}"
                    );
                    let lines: Vec<&str> = text.lines().collect();
                    let caller_awaits = spots.caller_awaits.map(|line| lines[line as usize]);
                    assert_eq!(
                        caller_awaits.is_some(),
                        scenario.mode.caller_waits(),
                        "{context}"
                    );
                    assert!(caller_awaits.is_none_or(awaits), "{context}");
                    let timeline = simulate(&scenario, language);
                    let events = moment_events(&timeline);
                    let end = moment_at(&scenario, &timeline, &events, f64::INFINITY);
                    let caller = spots.at(&scenario, &end);
                    assert!(
                        caller.iter().any(|spot| spot.who.contains("the caller")),
                        "{context}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_caller_moves_from_its_await_to_its_catch_block() {
        let link = "tasks=fetch:500,db:300:100,parse:200:cpu&mode=join_all";
        // (when, who, the line they stand on), in JavaScript: db fails at 300 ms.
        let expected = [
            (
                250.0,
                "the caller",
                "await Promise.all(jobs.map((job) => work(job)));",
            ),
            (
                250.0,
                "fetch and db",
                "const timer = setTimeout(settle, job.ms);",
            ),
            (300.0, "the caller", "log(`resume error ${error.label}`);"),
            (300.0, "fetch", "const timer = setTimeout(settle, job.ms);"),
        ];
        for (t_ms, who, line) in expected {
            let (lines, spots) = spots_at(link, Language::JavaScript, t_ms);
            let spot = spots.iter().find(|spot| spot.who == who).unwrap();
            assert_eq!(lines[spot.line as usize].trim(), line, "{who} at {t_ms} ms");
        }
        let (lines, blocked) = spots_at(link, Language::Python, 100.0);
        let spot = blocked.iter().find(|spot| spot.who == "parse").unwrap();
        assert_eq!(lines[spot.line as usize].trim(), "time.sleep(ms / 1000)");
        // C#'s caller logs the AggregateException's first exception in its catch block.
        let (lines, after) = spots_at(link, Language::CSharp, 600.0);
        let spot = after.iter().find(|spot| spot.who == "the caller").unwrap();
        assert!(
            lines[spot.line as usize].contains("resume aggregate "),
            "{}",
            lines[spot.line as usize]
        );
    }
}
