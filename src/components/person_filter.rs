//! The person filter: chips for the chosen people and a type-ahead over
//! names, aliases and descriptors, each option with its count.

use storyscope_core::explore::Explorer;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::person_chip::initials;
use crate::format::{plural, thousands};
use crate::hooks::use_dataset;

/// Properties of [`PersonFilter`].
#[derive(Properties, PartialEq)]
pub struct PersonFilterProps {
    /// The chosen person ids.
    pub chosen: Vec<String>,
    /// Per person (dataset order): items they would show under the other filters.
    pub counts: Vec<usize>,
    /// Called with the new list of chosen ids.
    pub onchange: Callback<Vec<String>>,
}

/// Chips plus a combobox (ARIA 1.2 pattern: arrow keys move, Enter chooses,
/// Escape closes).
#[function_component(PersonFilter)]
pub fn person_filter(props: &PersonFilterProps) -> Html {
    let dataset = use_dataset();
    let typed = use_state(String::new);
    let open = use_state(|| false);
    let active = use_state(|| 0usize);

    // The suggestions, only while the list is open: the filter renders
    // again with every change of the timeline's counts.
    let options: Vec<_> = if *open {
        Explorer::suggest(&dataset, &typed)
            .into_iter()
            .filter(|s| !props.chosen.contains(&dataset.people[s.person].id))
            .take(12)
            .collect()
    } else {
        Vec::new()
    };
    let active_index = (*active).min(options.len().saturating_sub(1));

    let choose = {
        let chosen = props.chosen.clone();
        let onchange = props.onchange.clone();
        let typed = typed.clone();
        let open = open.clone();
        Callback::from(move |id: String| {
            let mut next = chosen.clone();
            if !next.contains(&id) {
                next.push(id);
            }
            typed.set(String::new());
            open.set(false);
            onchange.emit(next);
        })
    };
    let oninput = {
        let typed = typed.clone();
        let open = open.clone();
        let active = active.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                typed.set(input.value());
                open.set(true);
                active.set(0);
            }
        })
    };
    let onkeydown = {
        let open = open.clone();
        let active = active.clone();
        let choose = choose.clone();
        let ids: Vec<String> = options
            .iter()
            .map(|s| dataset.people[s.person].id.clone())
            .collect();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowDown" => {
                e.prevent_default();
                open.set(true);
                active.set((active_index + 1).min(ids.len().saturating_sub(1)));
            }
            "ArrowUp" => {
                e.prevent_default();
                active.set(active_index.saturating_sub(1));
            }
            "Enter" if *open && !ids.is_empty() => {
                e.prevent_default();
                choose.emit(ids[active_index].clone());
            }
            "Escape" => open.set(false),
            _ => {}
        })
    };
    let onfocus = {
        let open = open.clone();
        Callback::from(move |_: FocusEvent| open.set(true))
    };
    let onblur = {
        let open = open.clone();
        Callback::from(move |_: FocusEvent| open.set(false))
    };
    let expanded = *open && !options.is_empty();

    html! {
        <div class="filter person-filter">
            <label for="person-input">{ "People" }</label>
            if !props.chosen.is_empty() {
                <ul class="chips" aria-label="Chosen people">
                    { for props.chosen.iter().filter_map(|id| dataset.people.iter().position(|p| &p.id == id)).map(|i| {
                        let person = &dataset.people[i];
                        let remove = {
                            let chosen = props.chosen.clone();
                            let onchange = props.onchange.clone();
                            let id = person.id.clone();
                            Callback::from(move |_: MouseEvent| onchange.emit(chosen.iter().filter(|c| **c != id).cloned().collect()))
                        };
                        html! {
                            <li class="chip">
                                <span class="avatar" aria-hidden="true">{ initials(&person.name) }</span>
                                { person.name.clone() }
                                <button type="button" class="chip-remove" onclick={remove} aria-label={format!("Remove {}", person.name)}>{ "×" }</button>
                            </li>
                        }
                    }) }
                </ul>
            }
            <div class="combobox">
                <input id="person-input" type="text" role="combobox" autocomplete="off" placeholder="Name, alias or “the rapper”…"
                    aria-autocomplete="list" aria-expanded={expanded.to_string()} aria-controls="person-options"
                    aria-activedescendant={expanded.then(|| format!("person-option-{active_index}"))}
                    value={(*typed).clone()} {oninput} {onkeydown} {onfocus} {onblur} />
                if expanded {
                    <ul id="person-options" role="listbox" aria-label="People">
                        { for options.iter().enumerate().map(|(n, s)| {
                            let person = &dataset.people[s.person];
                            let count = props.counts.get(s.person).copied().unwrap_or(0);
                            let onmousedown = {
                                let choose = choose.clone();
                                let id = person.id.clone();
                                Callback::from(move |e: MouseEvent| { e.prevent_default(); choose.emit(id.clone()) })
                            };
                            html! {
                                <li id={format!("person-option-{n}")} role="option" aria-selected={(n == active_index).to_string()}
                                    class={classes!("option", (n == active_index).then_some("active"))} data-person={person.id.clone()} {onmousedown}>
                                    <span class="avatar" aria-hidden="true">{ initials(&person.name) }</span>
                                    <span class="option-name">{ person.name.clone() }</span>
                                    if let Some(m) = &s.matched { <span class="option-match">{ format!("“{m}”") }</span> }
                                    <span class="count" aria-label={plural(count, "item", "items")}>{ thousands(count) }</span>
                                </li>
                            }
                        }) }
                    </ul>
                }
            </div>
        </div>
    }
}
