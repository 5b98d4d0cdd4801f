//! `use_shortcuts`: the page's keyboard shortcuts, the commands of the shortcut table
//! (`src/domain/page/shortcuts.rs`), given to the latest callback by one keydown listener, which
//! `use_page` starts with the page. Keys typed into a form field, or with a modifier, are left alone.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use crate::domain::page::shortcuts::{command_for, Command};

/// The callback the shortcuts go to, the latest one the App rendered.
pub type ShortcutTarget = Rc<RefCell<Callback<Command>>>;

/// The tag name of the element the key was pressed on.
fn target_tag(event: &KeyboardEvent) -> Option<String> {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .map(|element| element.tag_name())
}

/// Where the shortcuts go: `on_command`, the latest one each render.
#[hook]
pub fn use_shortcuts(on_command: Callback<Command>) -> ShortcutTarget {
    let latest = use_mut_ref(|| on_command.clone());
    *latest.borrow_mut() = on_command;
    latest
}

/// Listen for shortcuts on the document for as long as the returned listener is kept. Started
/// once, with the page (an effect of its own would cost the page's wasm most of a kilobyte).
pub fn listen_for_shortcuts(target: ShortcutTarget) -> Option<Closure<dyn Fn(KeyboardEvent)>> {
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
        target.borrow().emit(command);
        // Escape also closes whatever else is open (a native dialog, say).
        if command != Command::CloseHelp {
            event.prevent_default();
        }
    });
    web_sys::window()?
        .document()?
        .add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref())
        .ok()?;
    Some(listener)
}
