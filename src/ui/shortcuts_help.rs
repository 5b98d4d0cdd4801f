//! The keyboard shortcuts, listed in a popover.

use yew::prelude::*;

/// (keys, what they do), shared with the handler in `app.rs` by convention and by the e2e test.
pub const SHORTCUTS: [(&str, &str); 9] = [
    ("R", "run the scenario for real"),
    ("C", "compare with one after another"),
    ("X", "reset"),
    ("Space or K", "play or pause the replay"),
    ("← / →", "previous / next event"),
    ("Home / End", "start / end of the run"),
    ("[ / ]", "slower / faster replay"),
    ("?", "show or hide these shortcuts"),
    ("Esc", "close this list"),
];

#[derive(Properties, PartialEq)]
pub struct ShortcutsHelpProps {
    pub open: bool,
    pub on_toggle: Callback<bool>,
}

#[component]
pub fn ShortcutsHelp(props: &ShortcutsHelpProps) -> Html {
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
                        { for SHORTCUTS.iter().map(|(keys, what)| html! {
                            <><dt><kbd>{*keys}</kbd></dt><dd>{*what}</dd></>
                        }) }
                    </dl>
                </div>
            }
        </div>
    }
}
