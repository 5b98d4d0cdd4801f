//! The keyboard shortcuts, listed in a popover from the one table in `src/domain/page/shortcuts.rs`.

use yew::prelude::*;

use crate::domain::page::shortcuts::SHORTCUTS;

pub struct ShortcutsHelpProps {
    pub open: bool,
    pub on_toggle: Callback<bool>,
}

/// A function, not a component: it has no state, and each component costs the page's wasm most of
/// a kilobyte.
pub fn shortcuts_help(props: &ShortcutsHelpProps) -> Html {
    let toggle = {
        let (on_toggle, open) = (props.on_toggle.clone(), props.open);
        Callback::from(move |_: MouseEvent| on_toggle.emit(!open))
    };
    html! {
        <div class="shortcuts">
            <button type="button" class="ghost" aria-expanded={props.open.to_string()} aria-controls="shortcuts-list" onclick={toggle}>
                {"Keyboard shortcuts"}
            </button>
            if props.open {
                <div id="shortcuts-list" class="popover" role="dialog" aria-label="Keyboard shortcuts">
                    <dl>
                        { for SHORTCUTS.iter().map(|shortcut| html! {
                            <><dt><kbd>{shortcut.shown_as}</kbd></dt><dd>{shortcut.what}</dd></>
                        }) }
                    </dl>
                </div>
            }
        </div>
    }
}
