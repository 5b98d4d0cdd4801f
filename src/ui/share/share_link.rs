//! The shareable address of a scenario: the page's own address with the scenario's query, or why the
//! scenario is too big for a link.

use crate::domain::link::url_codec::{encode, MAX_URL_CHARS};
use crate::domain::model::display::DisplayOptions;
use crate::domain::model::scenario::Scenario;
use crate::runtime::page::page_address;

/// The shareable address of a scenario, or why it cannot be one.
pub fn share_link(scenario: &Scenario, display: &DisplayOptions) -> Result<String, String> {
    let query = encode(scenario, display);
    if query.len() > MAX_URL_CHARS {
        return Err(format!(
            "This scenario needs a {}-character link, over the {MAX_URL_CHARS} that links can carry. Export it instead.",
            query.len()
        ));
    }
    Ok(format!("{}?{query}", page_address()))
}
