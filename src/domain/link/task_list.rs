//! The `tasks=` parameter: each task as `label:delay:fail%:kind` or a group `10x500`, read with every bad item named (and the rest kept) and written back in the same grammar.

use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::model::problem::TaskPart;
use crate::domain::model::problem::{Field, Problem};
use crate::domain::model::scenario::{
    label_problem, validate_task, Delay, Scenario, TaskKind, TaskSpec, MAX_TASKS,
};
use crate::domain::model::task_groups::group_tasks;

/// Characters escaped inside a label besides controls and everything non-ASCII (browsers show
/// those decoded in the address bar anyway): the grammar's separators, query syntax, `%` itself and
/// spaces.
pub(crate) const LABEL_ESCAPES: &[u8] = b" %,:&=+#?\"<>'`";

/// `label` with each byte that [`LABEL_ESCAPES`] names, each control and each byte of a non-ASCII
/// character written as `%XX`. (Twenty lines here rather than a crate: the page's wasm is the
/// budget, and the crate's table of all 256 escapes is most of a kilobyte of it.)
pub(crate) fn escape_label(label: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut escaped = String::with_capacity(label.len());
    for &byte in label.as_bytes() {
        if byte.is_ascii_control() || !byte.is_ascii() || LABEL_ESCAPES.contains(&byte) {
            escaped.push('%');
            escaped.push(char::from(HEX[usize::from(byte >> 4)]));
            escaped.push(char::from(HEX[usize::from(byte & 0xF)]));
        } else {
            escaped.push(char::from(byte));
        }
    }
    escaped
}

/// Parse the raw (still percent-encoded) `tasks` value. Items are split before decoding so that an
/// escaped `,` or `:` inside a label stays part of the label.
pub(crate) fn decode_tasks(raw: &str, problems: &mut Vec<Problem>) -> Vec<TaskSpec> {
    // A value whose separators were all escaped (by a tool that encodes everything) has no literal
    // separator left; decode it once so it still reads as a list.
    let owned;
    // (Bytes compared, not a substring searched: the page's wasm then carries no substring search,
    // nor the panic messages that come with it.)
    let escaped_colon = raw
        .as_bytes()
        .windows(3)
        .any(|bytes| bytes.eq_ignore_ascii_case(b"%3a"));
    let raw = if !raw.contains([',', ':']) && escaped_colon {
        owned = decode_component(raw);
        owned.as_str()
    } else {
        raw
    };

    let mut tasks = Vec::new();
    let mut over_limit = false;
    for (position, item) in raw.split(',').enumerate() {
        let item_number = position + 1;
        let shown = decode_component(item);
        if shown.trim().is_empty() {
            problems.push(Problem::new(
                Field::Tasks,
                format!("tasks item {item_number} is empty"),
            ));
            continue;
        }
        match decode_item(item) {
            Ok((count, spec)) => {
                let room = (MAX_TASKS as usize).saturating_sub(tasks.len());
                if count as usize > room {
                    over_limit = true;
                }
                let taken = (count as usize).min(room);
                tasks.extend(std::iter::repeat_n(spec, taken));
            }
            Err((part, message)) => problems.push(Problem::new(
                Field::Task {
                    index: tasks.len() as u32,
                    part,
                },
                format!("tasks item {item_number} \"{}\": {message}", shown.trim()),
            )),
        }
    }
    if over_limit {
        problems.push(Problem::new(
            Field::Tasks,
            format!("the link asks for more than {MAX_TASKS} tasks; kept the first {MAX_TASKS}"),
        ));
    }
    if tasks.is_empty() {
        problems.push(Problem::new(
            Field::Tasks,
            "no usable task in the link; showing the default ten calls of 500 ms",
        ));
        return Scenario::default().tasks;
    }
    tasks
}

pub(crate) type ItemError = (TaskPart, String);

/// One task item: `[LABEL:]DELAY[:FAIL][:cpu]` where DELAY is `MS`, `MIN-MAX`, `COUNTxMS` or
/// `COUNTxMIN-MAX` (counts only without a label). Returns how many tasks it stands for.
pub(crate) fn decode_item(raw_item: &str) -> Result<(u32, TaskSpec), ItemError> {
    let fields: Vec<String> = raw_item
        .split(':')
        .map(|f| decode_component(f).trim().to_owned())
        .collect();
    let mut rest = fields.iter().map(String::as_str);
    let first = rest.next().unwrap_or_default();

    let label = first
        .chars()
        .next()
        .filter(|c| c.is_alphabetic())
        .map(|_| first.to_owned());
    let delay_text = if label.is_some() {
        rest.next().ok_or((
            TaskPart::Delay,
            "a delay in ms is missing after the label".to_owned(),
        ))?
    } else {
        first
    };
    if let Some(label) = &label {
        if let Some(message) = label_problem(label) {
            return Err((TaskPart::Label, message));
        }
    }

    let (count, delay) = parse_count_and_delay(delay_text, label.is_some())?;
    let mut spec = TaskSpec {
        label,
        delay,
        fail_percent: 0,
        kind: TaskKind::Io,
    };
    read_flags(&mut spec, rest)?;
    if let Some((part, message)) = validate_task(&spec).into_iter().next() {
        return Err((part, message));
    }
    Ok((count, spec))
}

/// The fields after the delay: a failure percentage (once) and the task's kind, in any order.
fn read_flags<'a>(
    spec: &mut TaskSpec,
    fields: impl Iterator<Item = &'a str>,
) -> Result<(), ItemError> {
    let mut fail_seen = false;
    for field in fields {
        if let Ok(kind) = TaskKind::from_url_name(field) {
            spec.kind = kind;
            continue;
        }
        let is_number = !field.is_empty() && field.chars().all(|c| c.is_ascii_digit());
        if fail_seen || !is_number {
            return Err((
                TaskPart::Item,
                format!("\"{field}\" is neither a failure percentage (0-100) nor the flag cpu"),
            ));
        }
        fail_seen = true;
        spec.fail_percent = match field.parse::<u8>() {
            Ok(percent) if percent <= 100 => percent,
            _ => {
                return Err((
                    TaskPart::FailPercent,
                    format!("failure rate \"{field}\" is over 100%"),
                ))
            }
        };
    }
    Ok(())
}

pub(crate) fn parse_count_and_delay(text: &str, labelled: bool) -> Result<(u32, Delay), ItemError> {
    let (count, delay_text) = match text.split_once(['x', 'X']) {
        Some(_) if labelled => {
            return Err((
                TaskPart::Delay,
                format!("delay \"{text}\" has a count, but a labelled item is one task; write COUNTxDELAY without a label"),
            ))
        }
        Some((count_text, delay_text)) => (parse_number(count_text, "count", TaskPart::Item)?, delay_text),
        None => (1, text),
    };
    if count == 0 {
        return Err((TaskPart::Item, "count 0 makes no task".to_owned()));
    }
    let delay = match delay_text.split_once('-') {
        Some((min, max)) => Delay::Range {
            min: parse_number(min, "minimum delay", TaskPart::Delay)?,
            max: parse_number(max, "maximum delay", TaskPart::Delay)?,
        },
        None => Delay::Fixed(parse_number(delay_text, "delay", TaskPart::Delay)?),
    };
    Ok((count, delay))
}

/// A delay as typed in the editor: `500` or `100-300`.
pub fn parse_delay(text: &str) -> Result<Delay, String> {
    let (_, delay) = parse_count_and_delay(text.trim(), true).map_err(|(_, message)| message)?;
    let spec = TaskSpec {
        delay,
        ..TaskSpec::io(None, 0)
    };
    match validate_task(&spec).into_iter().next() {
        Some((_, message)) => Err(message),
        None => Ok(delay),
    }
}

/// A failure percentage as typed in the editor.
pub fn parse_fail_percent(text: &str) -> Result<u8, String> {
    let percent = parse_number(text, "failure rate", TaskPart::FailPercent)
        .map_err(|(_, message)| message)?;
    u8::try_from(percent)
        .ok()
        .filter(|p| *p <= 100)
        .ok_or_else(|| format!("failure rate {percent}% is over 100%"))
}

/// How a delay is written in URLs and in the editor.
pub fn delay_text(delay: Delay) -> String {
    match delay {
        Delay::Fixed(ms) => ms.to_string(),
        Delay::Range { min, max } => format!("{min}-{max}"),
    }
}

pub(crate) fn parse_number(text: &str, what: &str, part: TaskPart) -> Result<u32, ItemError> {
    let text = text.trim();
    if text.is_empty() {
        return Err((part, format!("{what} is missing")));
    }
    if !text.chars().all(|c| c.is_ascii_digit()) {
        return Err((part, format!("{what} \"{text}\" is not a number")));
    }
    text.parse::<u32>()
        .map_err(|_| (part, format!("{what} \"{text}\" is too large")))
}

/// The `tasks` value for `tasks`: runs of identical unlabelled tasks fold into `COUNTxDELAY`.
pub fn encode_tasks(tasks: &[TaskSpec]) -> String {
    group_tasks(tasks)
        .iter()
        .map(|group| encode_item(&group.spec, group.count as usize))
        .collect::<Vec<_>>()
        .join(",")
}

pub(crate) fn encode_item(task: &TaskSpec, count: usize) -> String {
    let delay = delay_text(task.delay);
    let mut item = match &task.label {
        Some(label) => format!("{}:{delay}", escape_label(label)),
        None if count > 1 => format!("{count}x{delay}"),
        None => delay,
    };
    if task.fail_percent > 0 {
        item.push_str(&format!(":{}", task.fail_percent));
    }
    if task.kind == TaskKind::Cpu {
        item.push(':');
        item.push_str(TaskKind::Cpu.url_name());
    }
    item
}

/// Percent-decoding as browsers do for query values: `+` is a space, a `%` without two hex digits
/// after it stays as it is, and bad UTF-8 is replaced.
pub(crate) fn decode_component(raw: &str) -> String {
    let hex = |at: usize| {
        raw.as_bytes()
            .get(at)
            .and_then(|&digit| char::from(digit).to_digit(16))
    };
    let mut bytes = Vec::with_capacity(raw.len());
    let mut at = 0;
    while let Some(&byte) = raw.as_bytes().get(at) {
        match (byte, hex(at + 1), hex(at + 2)) {
            (b'%', Some(high), Some(low)) => {
                bytes.push((high * 16 + low) as u8);
                at += 2;
            }
            (b'+', ..) => bytes.push(b' '),
            _ => bytes.push(byte),
        }
        at += 1;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}
