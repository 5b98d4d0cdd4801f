//! One row of the task table: a task, or a group of identical unlabelled tasks (`10 ×`), with its
//! fields validated as they are typed. A bad value stays in its field, with the reason beside it.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::domain::page::playground_state::{Action, Direction};

use crate::domain::link::task_list::{delay_text, parse_delay, parse_fail_percent};
use crate::domain::model::scenario::{label_problem, TaskKind, TaskSpec, MAX_TASKS};
use crate::domain::model::task_groups::TaskGroup;

use crate::ui::editor::kind_select::{kind_select, SelectPlace};
use crate::ui::widgets::class_list::class_list;

#[derive(Properties, PartialEq)]
pub struct TaskRowProps {
    pub index: usize,
    pub group: TaskGroup,
    /// Problems the scenario's validation found in this row's tasks.
    #[prop_or_default]
    pub problems: Vec<String>,
    pub is_first: bool,
    pub is_last: bool,
    /// The editor's changes, each an action on the playground's state.
    pub on_edit: Callback<Action>,
}

/// Reads a field's text into the row's new (spec, count), or says why it cannot.
type ParseField = fn(&str, &TaskSpec, u32) -> Result<(TaskSpec, u32), String>;
/// A field's text and error, when what was typed does not parse: (text, reason).
type Draft = Option<(String, String)>;

/// Text typed into a field that does not parse, with the reason.
#[derive(Clone, PartialEq, Default)]
struct Drafts {
    label: Draft,
    count: Draft,
    delay: Draft,
    fail: Draft,
}

impl Drafts {
    /// What is wrong with the row: each draft's reason, then the scenario's problems with its tasks.
    fn messages(&self, problems: &[String]) -> Vec<String> {
        [&self.label, &self.count, &self.delay, &self.fail]
            .into_iter()
            .filter_map(|draft| draft.as_ref().map(|(_, message)| message.clone()))
            .chain(problems.iter().cloned())
            .collect()
    }
}

#[component]
pub fn TaskRow(props: &TaskRowProps) -> Html {
    let drafts = use_state(Drafts::default);
    let TaskGroup {
        spec,
        count,
        first_task,
    } = props.group.clone();
    let name = spec.display_label(first_task);
    let row = props.index;

    let field = |apply: ParseField, slot: fn(&mut Drafts) -> &mut Draft| {
        typed_field(&drafts, props, apply, slot)
    };
    let on_label = field(relabelled, |d| &mut d.label);
    let on_count = field(recounted, |d| &mut d.count);
    let on_delay = field(
        |text, spec, count| Ok((spec.clone().lasting(parse_delay(text)?), count)),
        |d| &mut d.delay,
    );
    let on_fail = field(
        |text, spec, count| Ok((spec.clone().failing(parse_fail_percent(text)?), count)),
        |d| &mut d.fail,
    );
    let on_kind = kind_chosen(props);
    let value = |draft: &Draft, canonical: String| {
        draft.as_ref().map_or(canonical, |(text, _)| text.clone())
    };
    let id = |part: &str| format!("task-{row}-{part}");
    let messages = drafts.messages(&props.problems);
    let invalid = |draft: &Draft| draft.is_some().then_some("true");
    let error_id = (!messages.is_empty()).then(|| id("error"));

    let label_for = |field: &str| format!("{field} of {name}");
    html! {
        <li class={class_list("task-row", &[(!messages.is_empty(), "has-error")])}>
            <input id={id("label")} class="cell-label" type="text" value={value(&drafts.label, spec.label.clone().unwrap_or_default())}
                placeholder={name.clone()} oninput={on_label} aria-label={label_for("Label")}
                aria-invalid={invalid(&drafts.label)} aria-describedby={error_id.clone()} />
            if spec.label.is_none() {
                <input id={id("count")} class="cell-count" type="number" min="1" max={MAX_TASKS.to_string()} value={value(&drafts.count, count.to_string())}
                    oninput={on_count} aria-label={label_for("How many copies")} aria-invalid={invalid(&drafts.count)} aria-describedby={error_id.clone()} />
            } else {
                <span class="cell-count" aria-hidden="true">{"1"}</span>
            }
            <input id={id("delay")} class="cell-delay" type="text" inputmode="numeric" value={value(&drafts.delay, delay_text(spec.delay))}
                title="Milliseconds, or a range such as 100-300" oninput={on_delay} aria-label={label_for("Delay in ms")}
                aria-invalid={invalid(&drafts.delay)} aria-describedby={error_id.clone()} />
            <input id={id("fail")} class="cell-fail" type="number" min="0" max="100" value={value(&drafts.fail, spec.fail_percent.to_string())}
                oninput={on_fail} aria-label={label_for("Failure percentage")} aria-invalid={invalid(&drafts.fail)} aria-describedby={error_id.clone()} />
            { kind_select(spec.kind, on_kind, SelectPlace {
                id: Some(id("kind").into()),
                class: Some("cell-kind".into()),
                aria_label: Some(label_for("Kind").into()),
                ..SelectPlace::default()
            }) }
            { row_actions(props, &name) }
            if let Some(error_id) = error_id {
                <ul id={error_id} class="field-errors">{ for messages.iter().map(|m| html! { <li>{m.clone()}</li> }) }</ul>
            }
        </li>
    }
}

/// A label typed into a row: empty keeps the group unlabelled; a label makes it one task.
fn relabelled(text: &str, spec: &TaskSpec, count: u32) -> Result<(TaskSpec, u32), String> {
    let text = text.trim();
    if text.is_empty() {
        let spec = TaskSpec {
            label: None,
            ..spec.clone()
        };
        return Ok((spec, count));
    }
    if let Some(message) = label_problem(text) {
        return Err(message);
    }
    let spec = TaskSpec {
        label: Some(text.to_owned()),
        ..spec.clone()
    };
    Ok((spec, 1))
}

/// How many copies of an unlabelled task a row holds.
fn recounted(text: &str, spec: &TaskSpec, _: u32) -> Result<(TaskSpec, u32), String> {
    match text.trim().parse::<u32>() {
        Ok(n) if (1..=MAX_TASKS).contains(&n) => Ok((spec.clone(), n)),
        _ => Err(format!(
            "count \"{text}\" must be a whole number from 1 to {MAX_TASKS}"
        )),
    }
}

/// The row's buttons: move it up or down, duplicate it, remove it.
fn row_actions(props: &TaskRowProps, name: &str) -> Html {
    let row = props.index;
    let click = |action: Action| {
        let on_edit = props.on_edit.clone();
        Callback::from(move |_: MouseEvent| on_edit.emit(action.clone()))
    };
    let on_move = |direction: Direction| {
        click(Action::MoveGroup {
            group: row,
            direction,
        })
    };
    html! {
        <span class="task-actions">
            <button type="button" class="icon" onclick={on_move(Direction::Up)} disabled={props.is_first} aria-label={format!("Move {name} up")}>{"↑"}</button>
            <button type="button" class="icon" onclick={on_move(Direction::Down)} disabled={props.is_last} aria-label={format!("Move {name} down")}>{"↓"}</button>
            <button type="button" class="icon" onclick={click(Action::DuplicateGroup(row))} aria-label={format!("Duplicate {name}")}>{"+"}</button>
            <button type="button" class="icon" onclick={click(Action::RemoveGroup(row))} disabled={props.is_first && props.is_last} aria-label={format!("Remove {name}")}>{"✕"}</button>
        </span>
    }
}

/// A field of the row: what is typed is parsed by `apply`; valid text updates the scenario, and
/// invalid text stays in the field as a draft (in `slot`), with the reason beside it.
fn typed_field(
    drafts: &UseStateHandle<Drafts>,
    props: &TaskRowProps,
    apply: ParseField,
    slot: fn(&mut Drafts) -> &mut Draft,
) -> Callback<InputEvent> {
    let (drafts, on_edit, row) = (drafts.clone(), props.on_edit.clone(), props.index);
    let TaskGroup { spec, count, .. } = props.group.clone();
    Callback::from(move |event: InputEvent| {
        let input: HtmlInputElement = event.target_unchecked_into();
        let text = input.value();
        let mut next = (*drafts).clone();
        match apply(&text, &spec, count) {
            Ok((new_spec, new_count)) => {
                *slot(&mut next) = None;
                on_edit.emit(Action::UpdateGroup {
                    group: row,
                    spec: new_spec,
                    count: new_count,
                });
            }
            Err(message) => *slot(&mut next) = Some((text, message)),
        }
        drafts.set(next);
    })
}

/// The row's kind, chosen: it needs no parsing, so it never leaves a draft.
fn kind_chosen(props: &TaskRowProps) -> Callback<TaskKind> {
    let (on_edit, row) = (props.on_edit.clone(), props.index);
    let TaskGroup { spec, count, .. } = props.group.clone();
    Callback::from(move |kind: TaskKind| {
        on_edit.emit(Action::UpdateGroup {
            group: row,
            spec: TaskSpec {
                kind,
                ..spec.clone()
            },
            count,
        });
    })
}
