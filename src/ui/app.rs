//! The root component: the page header and the three regions of the playground.

use yew::prelude::*;

use super::header::Header;
use super::panel::Panel;

/// The whole page. Wide screens put the editor, timeline and code side by side; narrow ones stack them.
#[component]
pub fn App() -> Html {
    html! {
        <>
            <Header />
            <main id="main" class="workspace">
                <Panel id="scenario" title="Scenario" area="editor">
                    <p class="panel-empty">
                        {"Ten calls of 500 ms each: the default scenario. Tasks, their delays and failure rates are edited here."}
                    </p>
                </Panel>
                <Panel id="timeline" title="Timeline" area="timeline">
                    <p class="panel-empty">
                        {"One after another they take about 5000 ms; awaited together with "}
                        <code>{"join_all"}</code>{" they take about 500 ms. Each run's timeline is drawn here."}
                    </p>
                </Panel>
                <Panel id="code" title="Code" area="code">
                    <p class="panel-empty">
                        {"The same scenario as Rust, C#, JavaScript and Python appears here."}
                    </p>
                </Panel>
            </main>
        </>
    }
}
