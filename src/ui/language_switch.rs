//! Rust, C#, JavaScript or Python: whose failure semantics the timeline, results and code show.

use yew::prelude::*;

use crate::domain::language::Language;
use crate::domain::named_choice::NamedChoice;

#[derive(Properties, PartialEq)]
pub struct LanguageSwitchProps {
    pub language: Language,
    pub on_change: Callback<Language>,
}

#[component]
pub fn LanguageSwitch(props: &LanguageSwitchProps) -> Html {
    html! {
        <fieldset class="segmented">
            <legend>{"Semantics of"}</legend>
            { for Language::ALL.iter().map(|&language| {
                let on_change = props.on_change.clone();
                let id = format!("language-{}", language.url_name());
                html! {
                    <>
                        <input type="radio" name="language" id={id.clone()} value={language.url_name()}
                            checked={language == props.language}
                            onchange={Callback::from(move |_| on_change.emit(language))} />
                        <label for={id}>{language.display_name()}</label>
                    </>
                }
            }) }
        </fieldset>
    }
}
