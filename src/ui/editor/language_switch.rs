//! Rust, C#, JavaScript or Python: whose failure semantics the timeline, results and code show.

use yew::prelude::*;

use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::model::language::Language;

/// The switch showing `language`; `on_change` hears the reader's choice. A function, not a
/// component: it has no state, and each component costs the page's wasm most of a kilobyte.
pub fn language_switch(language: Language, on_change: &Callback<Language>) -> Html {
    html! {
        <fieldset class="segmented">
            <legend>{"Semantics of"}</legend>
            { for Language::ALL.iter().map(|&choice| {
                let on_change = on_change.clone();
                let id = format!("language-{}", choice.url_name());
                html! {
                    <>
                        <input type="radio" name="language" id={id.clone()} value={choice.url_name()}
                            checked={choice == language}
                            onchange={Callback::from(move |_| on_change.emit(choice))} />
                        <label for={id}>{choice.display_name()}</label>
                    </>
                }
            }) }
        </fieldset>
    }
}
