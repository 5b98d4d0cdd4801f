//! `use_url_sync`: the address bar always holds the current scenario, so copying it shares it. Written
//! with `history.replaceState`, debounced, so typing in a field does not flood the history API.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::domain::scenario::Scenario;
use crate::domain::url_codec::{encode, DisplayOptions, MAX_URL_CHARS};
use crate::runtime::page::replace_query;

const DEBOUNCE_MS: u32 = 250;

#[hook]
pub fn use_url_sync(scenario: &Scenario, display: &DisplayOptions) {
    let pending: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    use_effect_with((scenario.clone(), *display), move |(scenario, display)| {
        let query = encode(scenario, display);
        // Replacing the timeout drops (cancels) the one still waiting.
        *pending.borrow_mut() = (query.len() <= MAX_URL_CHARS)
            .then(|| Timeout::new(DEBOUNCE_MS, move || replace_query(&query)));
    });
}
