//! A list of problems found in the dataset, each with its place, what is
//! wrong and how to fix it. Its text reads exactly as `storyscope validate`
//! prints the problem.

use storyscope_core::Problem;
use yew::prelude::*;

use crate::data::DATASET_URL;

/// The most problems listed; past it, a line says how many more there are.
pub const MAX_SHOWN: usize = 50;

/// The problems as a list, at most [`MAX_SHOWN`] of them.
pub fn problem_list(problems: &[Problem]) -> Html {
    let more = problems.len().saturating_sub(MAX_SHOWN);
    html! {
        <ul class="problems">
            { for problems.iter().take(MAX_SHOWN).map(problem) }
            if more > 0 {
                <li class="more">
                    { format!("… and {} more. ", crate::format::plural(more, "problem", "problems")) }
                    <code>{ format!("storyscope validate {DATASET_URL}") }</code>
                    { " lists them all." }
                </li>
            }
        </ul>
    }
}

fn problem(p: &Problem) -> Html {
    // A line and column is in the file; a JSON path speaks for itself.
    let place = if p.at_line_column() {
        format!("{DATASET_URL}:{}", p.location)
    } else {
        p.location.clone()
    };
    let what = match p.fix {
        Some(_) => format!("{}. ", p.message),
        None => p.message.clone(),
    };
    html! {
        <li class={classes!("problem", p.severity.to_string())}>
            <code class="where">{ place }</code>
            <span class="severity">{ format!(": {}: ", p.severity) }</span>
            <span class="what">{ what }</span>
            if let Some(fix) = &p.fix {
                <span class="fix">{ format!("Fix: {fix}") }</span>
            }
        </li>
    }
}
