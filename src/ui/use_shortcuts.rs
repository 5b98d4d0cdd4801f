//! `use_shortcuts`: one keydown listener for the page, giving the commands of the shortcut table
//! (`src/domain/shortcuts.rs`) to a callback. Keys typed into a form field, or with a modifier, are
//! left alone.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use crate::domain::shortcuts::{command_for, Command};

/// The tag name of the element the key was pressed on.
fn target_tag(event: &KeyboardEvent) -> Option<String> {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .map(|element| element.tag_name())
}

/// Listen for shortcuts while the component lives. The latest `on_command` is used each time, so
/// the listener is registered once.
#[hook]
pub fn use_shortcuts(on_command: Callback<Command>) {
    let latest = use_mut_ref(|| on_command.clone());
    *latest.borrow_mut() = on_command;
    use_effect_with((), move |_| {
        let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |event: KeyboardEvent| {
            if event.ctrl_key() || event.meta_key() || event.alt_key() {
                return;
            }
            let tag = target_tag(&event);
            if matches!(tag.as_deref(), Some("INPUT" | "SELECT" | "TEXTAREA")) {
                return; // the key belongs to the field
            }
            let Some(command) = command_for(&event.key()) else {
                return;
            };
            if command == Command::TogglePlay && tag.as_deref() == Some("BUTTON") {
                return; // Space on a button presses the button
            }
            latest.borrow().emit(command);
            // Escape also closes whatever else is open (a native dialog, say).
            if command != Command::CloseHelp {
                event.prevent_default();
            }
        });
        let document = web_sys::window().and_then(|w| w.document());
        if let Some(document) = &document {
            let _ = document
                .add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(document) = document {
                let _ = document.remove_event_listener_with_callback(
                    "keydown",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
}
