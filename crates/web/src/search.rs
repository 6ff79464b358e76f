//! `/search?q=`: what was understood as removable chips, results with their reasons, a map, filters
//! with counts, pagination, and suggestions when nothing matches.
//!
//! The whole search lives in `q`: a chip or filter link is the same search with one part taken out
//! or put in, written back as text with [`signpost_query::canonical_query`], so every page of
//! results is a plain link that can be bookmarked, shared or opened without JavaScript.
//!
//! A page runs one search. The counts beside the distance and "open, cost and who for" links come
//! from that search's own pass ([`signpost_app::Directory::search_counted`]); a chip that takes a
//! part out widens the search beyond what the pass saw, so it carries no count. After no results
//! the page offers the app's suggestions (the same the API answers), each with its count.
//!
//! Results matching only some of the search's words come after those matching them all, under a
//! heading of their own.

use axum::extract::{Query, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use signpost_app::search::{CountsAsked, OpenAt, Toggle};
use signpost_app::suggest::{applied_radius, wider_radius};
pub use signpost_app::suggest::{query_text, without_part};
use signpost_app::{Code, SearchInput, SearchOutput, SearchResult};
use signpost_domain::Gender;
use signpost_geo::{METRES_PER_MILE, Point};
use signpost_i18n::NameKind;
use signpost_query::{Open, ParsedQuery};

use crate::error::WebError;
use crate::home::search_form;
use crate::language;
use crate::layout;
use crate::map::{self, MapInput, Pin};
use crate::referrals::refer_link;
use crate::service::{demo_tag, facts};
use crate::session::Navigator;
use crate::shortlist::encode;
use crate::state::WebState;
use crate::ui::{code_name, lang, reason, record_name, t, t_with};

/// Results on one page.
pub const PER_PAGE: usize = 10;
/// Radii offered as distance filters, in miles.
const RADII_MILES: [f64; 4] = [1.0, 3.0, 5.0, 10.0];
/// At most this many values of one facet are offered.
const FACET_VALUES: usize = 12;
/// The radius the engine applies when a place has none.
const DEFAULT_RADIUS_M: f64 = 5.0 * METRES_PER_MILE;

#[derive(Debug, Deserialize)]
pub struct SearchParams {
    q: Option<String>,
    page: Option<String>,
}

/// The link to the search for `query`.
pub fn search_href(query: &ParsedQuery) -> String {
    let text = query_text(query);
    if text.is_empty() {
        "/".to_owned()
    } else {
        format!("/search?q={}", encode(&text))
    }
}

/// "1 mile", "3 miles": whole numbers of miles as people say them.
fn miles_label(miles: f64) -> String {
    t_with("results-within-miles", &[("miles", miles.into())])
}

/// A chip: what was understood, as a link to the search without it.
struct Chip {
    label: String,
    without: ParsedQuery,
}

fn chips(query: &ParsedQuery) -> Vec<Chip> {
    let mut chips: Vec<Chip> = query
        .understood
        .iter()
        .map(|part| Chip {
            label: signpost_app::query::chip_label_in(lang(), part),
            without: without_part(query, part),
        })
        .collect();
    if !query.text.trim().is_empty() {
        let mut without = query.clone();
        without.text.clear();
        chips.push(Chip {
            label: t_with("results-chip-words", &[("words", query.text.trim().into())]),
            without,
        });
    }
    chips
}

/// The filters of the "open, cost and who for" group that `query` does not set yet, with the
/// catalogue keys of their labels.
fn toggles(query: &ParsedQuery) -> Vec<(&'static str, Toggle)> {
    let mut toggles = Vec::new();
    if query.open.is_none() {
        toggles.push(("results-filter-open-now", Toggle::Open(OpenAt::Now)));
    }
    if query.free.is_none() {
        toggles.push(("results-filter-free", Toggle::Free));
    }
    if query.gender.is_none() {
        toggles.push(("results-filter-women", Toggle::Gender(Gender::Female)));
        toggles.push(("results-filter-men", Toggle::Gender(Gender::Male)));
    }
    toggles
}

/// `query` with `toggle` put in.
fn with_toggle(query: &ParsedQuery, toggle: Toggle) -> ParsedQuery {
    let mut q = query.clone();
    match toggle {
        Toggle::Open(_) => q.open = Some(Open::Now { now: true }),
        Toggle::Free => q.free = Some(true),
        Toggle::Gender(gender) => q.gender = Some(gender),
    }
    q
}

/// What the page counts in its one search: every offered radius (the wider one of "no results"
/// among them) and every offered filter.
fn counts_asked(query: &ParsedQuery) -> CountsAsked {
    let radii_m = if query.near.is_some() {
        RADII_MILES
            .iter()
            .map(|miles| miles * METRES_PER_MILE)
            .chain([wider_radius(applied_radius(query))])
            .collect()
    } else {
        Vec::new()
    };
    CountsAsked {
        radii_m,
        toggles: toggles(query).into_iter().map(|(_, t)| t).collect(),
    }
}

/// One filter link: a label, the search it leads to, and how many services that search finds.
struct Filter {
    label: Markup,
    query: ParsedQuery,
    count: Option<usize>,
    current: bool,
}

struct FilterGroup {
    title: String,
    filters: Vec<Filter>,
}

/// Facet values (most common first) as filters that narrow to that value.
fn facet_filters(
    counts: &std::collections::BTreeMap<String, usize>,
    selected: &[String],
    name: impl Fn(&str) -> Markup,
    narrow: impl Fn(&str) -> ParsedQuery,
) -> Vec<Filter> {
    if !selected.is_empty() {
        return Vec::new();
    }
    let mut values: Vec<(&String, &usize)> = counts.iter().filter(|(_, n)| **n > 0).collect();
    values.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    values
        .into_iter()
        .take(FACET_VALUES)
        .map(|(code, n)| Filter {
            label: name(code),
            query: narrow(code),
            count: Some(*n),
            current: false,
        })
        .collect()
}

fn filter_groups(out: &SearchOutput) -> Vec<FilterGroup> {
    let query = &out.query;
    let mut groups = Vec::new();
    if query.near.is_some() {
        let applied = out.radius_m.unwrap_or(DEFAULT_RADIUS_M);
        let filters = RADII_MILES
            .iter()
            .map(|miles| {
                let metres = miles * METRES_PER_MILE;
                let mut q = query.clone();
                q.radius_m = Some(metres);
                Filter {
                    label: html! { (miles_label(*miles)) },
                    query: q,
                    count: out.counts.within(metres),
                    current: (metres - applied).abs() < 1.0,
                }
            })
            .collect();
        groups.push(FilterGroup {
            title: t("results-filter-distance"),
            filters,
        });
    }
    groups.push(FilterGroup {
        title: t("results-filter-open-cost"),
        filters: toggles(query)
            .into_iter()
            .map(|(label, toggle)| Filter {
                label: html! { (t(label)) },
                query: with_toggle(query, toggle),
                count: out.counts.with(toggle),
                current: false,
            })
            .collect(),
    });
    let facets = &out.facets;
    groups.push(FilterGroup {
        title: t("results-filter-language"),
        filters: facet_filters(
            &facets.languages,
            &query.languages,
            language::name_markup,
            |code| {
                let mut q = query.clone();
                q.languages = vec![code.to_owned()];
                q
            },
        ),
    });
    groups.push(FilterGroup {
        title: t("results-filter-category"),
        filters: facet_filters(
            &facets.categories,
            &query.categories,
            |code| html! { (code_name(NameKind::Category, code)) },
            |code| {
                let mut q = query.clone();
                q.categories = vec![code.to_owned()];
                q
            },
        ),
    });
    groups.push(FilterGroup {
        title: t("results-filter-faith"),
        filters: facet_filters(
            &facets.faiths,
            &query.faiths,
            |code| html! { (code_name(NameKind::Faith, code)) },
            |code| {
                let mut q = query.clone();
                q.faiths = vec![code.to_owned()];
                q
            },
        ),
    });
    groups.retain(|g| !g.filters.is_empty());
    groups
}

/// `/search?q=...&page=N`
pub async fn page(
    State(state): State<WebState>,
    RawQuery(raw): RawQuery,
    Query(params): Query<SearchParams>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    if !query_is_utf8(raw.as_deref()) {
        return Err(WebError::refused(
            Code::InvalidParameter,
            t("results-not-utf8"),
        ));
    }
    let q = params.q.unwrap_or_default().trim().to_owned();
    if q.is_empty() {
        return Ok(Redirect::to("/").into_response());
    }
    let page = params
        .page
        .and_then(|p| p.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    let input = SearchInput {
        q: q.clone(),
        page,
        per_page: PER_PAGE,
        ..SearchInput::default()
    };
    let out = state.directory.search_counted(&input, counts_asked).await?;
    let navigator = state.sessions.navigator(&headers);
    let chips = chips(&out.query);
    let body = if out.total == 0 {
        no_results(&q, &out, &chips)
    } else {
        results_body(
            &state,
            &q,
            &out,
            &chips,
            &filter_groups(&out),
            navigator.as_ref(),
        )
    };
    let title = t_with(
        "results-title",
        &[("count", out.total.into()), ("query", q.as_str().into())],
    );
    Ok(layout::page(&title, navigator.as_ref(), body).into_response())
}

/// Whether a raw query string is UTF-8 text once percent-decoded (no query string is): axum's
/// `Query` would read other bytes as replacement characters. The page and the API both refuse
/// the others.
pub fn query_is_utf8(raw: Option<&str>) -> bool {
    raw.is_none_or(|raw| {
        percent_encoding::percent_decode_str(raw)
            .decode_utf8()
            .is_ok()
    })
}

fn services_found(total: usize) -> String {
    t_with("results-found", &[("count", total.into())])
}

fn understood_block(out: &SearchOutput, chips: &[Chip]) -> Markup {
    html! {
        div.understood {
            @if !out.query.explanation.is_empty() { p { (signpost_app::query::explanation_in(lang(), &out.query)) } }
            @if !chips.is_empty() {
                h2.visually-hidden { (t("results-understood")) }
                p.hint #chips-hint { (t("results-chips-hint")) }
                ul.chips aria-describedby="chips-hint" {
                    @for chip in chips {
                        li {
                            a.chip href=(search_href(&chip.without)) aria-label=(t_with("results-chip-remove", &[("part", chip.label.as_str().into())])) {
                                (chip.label) span.chip__x aria-hidden="true" { "×" }
                            }
                        }
                    }
                }
            }
            @for note in &out.query.notes { div.notice { p { (note) } } }
            @if out.relaxed {
                div.notice { p { (t("results-relaxed")) } }
            }
        }
    }
}

fn results_body(
    state: &WebState,
    q: &str,
    out: &SearchOutput,
    chips: &[Chip],
    groups: &[FilterGroup],
    navigator: Option<&Navigator>,
) -> Markup {
    let first_number = (out.page.max(1) - 1) * out.per_page + 1;
    let (full, partial) = by_words_matched(&out.results);
    html! {
        (search_form(q))
        h1 { (services_found(out.total)) }
        (understood_block(out, chips))
        div.layout.layout--results {
            div {
                (results_map(state, out, first_number))
                form data-shortlist-form action="/shortlist" method="get" {
                    input type="hidden" name="q" value=(q);
                    h2.visually-hidden #results-title { (t("results-heading")) }
                    @if !full.is_empty() {
                        ol.results start=(first_number) aria-labelledby="results-title" {
                            @for (i, result) in full.iter().enumerate() {
                                (result_item(result, first_number + i, navigator))
                            }
                        }
                    }
                    @if !partial.is_empty() {
                        h2 #partial-title { (t("results-partial")) }
                        ol.results start=(first_number + full.len()) aria-labelledby="partial-title" {
                            @for (i, result) in partial.iter().enumerate() {
                                (result_item(result, first_number + full.len() + i, navigator))
                            }
                        }
                    }
                    div.shortlist-bar {
                        button type="submit" { (t("results-view-shortlist")) }
                        span data-shortlist-summary hidden { " " span data-shortlist-count { "0" } " " (t("results-ticked")) }
                    }
                }
                (pagination(out))
            }
            (filters_panel(groups))
        }
    }
}

/// A page's results split into those matching every word of the search and those after them,
/// which match only some (the engine ranks every full match first).
fn by_words_matched(results: &[SearchResult]) -> (&[SearchResult], &[SearchResult]) {
    let full = results
        .iter()
        .take_while(|r| r.unmatched_words.is_empty())
        .count();
    results.split_at(full)
}

fn result_item(result: &SearchResult, number: usize, navigator: Option<&Navigator>) -> Markup {
    let service = &result.service;
    let href = format!("/services/{}", encode(&service.id));
    let pick = format!("pick-{number}");
    html! {
        li.result {
            h3 { a href=(href) { bdi { (record_name(service)) } } (demo_tag(service)) }
            @if let Some(org) = service.organization_name() { p.result__org { (org) } }
            @if !result.why.is_empty() {
                p.visually-hidden { (t("results-why")) }
                ul.why { @for why in &result.why { li { (reason(why)) } } }
            }
            (facts(service, result.distance_m))
            @if result.freshness.stale {
                p.result__stale { (not_checked_note(result)) }
            }
            div.checkbox {
                input id=(pick) type="checkbox" name="ids" value=(service.id);
                label for=(pick) { (t("results-add-to-shortlist")) span.visually-hidden { ": " bdi { (record_name(service)) } } }
            }
            (refer_link(navigator, service))
        }
    }
}

/// "Not checked since 1 September 2025" on a stale result.
fn not_checked_note(result: &SearchResult) -> String {
    match result.freshness.checked {
        Some(date) => t_with(
            "results-not-checked-since",
            &[("date", crate::format::long_date(&date.to_string()).into())],
        ),
        None => t("results-never-checked"),
    }
}

fn results_map(state: &WebState, out: &SearchOutput, first_number: usize) -> Markup {
    let Some(near) = &out.query.near else {
        return html! {};
    };
    let pins: Vec<Pin> = out
        .results
        .iter()
        .enumerate()
        .map(|(i, r)| Pin {
            number: first_number + i,
            name: record_name(&r.service).to_owned(),
            points: r
                .service
                .points()
                .iter()
                .map(|p| Point::new(p.lat, p.lon))
                .collect(),
        })
        .collect();
    map::figure(
        state.directory.places(),
        &MapInput {
            centre: Point::new(near.lat, near.lon),
            label: &near.label,
            radius_m: out.radius_m.unwrap_or(DEFAULT_RADIUS_M),
            pins: &pins,
        },
    )
}

fn filters_panel(groups: &[FilterGroup]) -> Markup {
    html! {
        section.filters aria-labelledby="filters-title" {
            h2 #filters-title { (t("results-filters")) }
            @for group in groups {
                h3 { (group.title) }
                ul {
                    @for filter in &group.filters {
                        li {
                            @if filter.current {
                                strong aria-current="true" { (filter.label) }
                                @if let Some(n) = filter.count { " (" (n) ")" }
                            } @else if filter.count == Some(0) {
                                span.hint { (filter.label) " (0)" }
                            } @else {
                                a href=(search_href(&filter.query)) {
                                    (filter.label)
                                    @if let Some(n) = filter.count { " (" (n) ")" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn pagination(out: &SearchOutput) -> Markup {
    let pages = out.total.div_ceil(out.per_page.max(1));
    if pages <= 1 {
        return html! {};
    }
    let href = |page: usize| format!("/search?q={}&page={page}", encode(&out.query.input));
    html! {
        nav aria-label=(t("results-pages")) {
            ul.pagination {
                @if out.page > 1 { li { a href=(href(out.page - 1)) rel="prev" { (t("results-previous")) } } }
                @for page in 1..=pages {
                    li {
                        @if page == out.page { strong aria-current="page" { (t_with("results-page", &[("page", page.into())])) } }
                        @else { a href=(href(page)) { (t_with("results-page", &[("page", page.into())])) } }
                    }
                }
                @if out.page < pages { li { a href=(href(out.page + 1)) rel="next" { (t("results-next")) } } }
            }
        }
    }
}

fn no_results(q: &str, out: &SearchOutput, chips: &[Chip]) -> Markup {
    html! {
        (search_form(q))
        h1 { (services_found(0)) }
        (understood_block(out, chips))
        h2 { (t("results-try")) }
        ul {
            @for suggestion in &out.suggestions {
                li {
                    a href=(search_href(&suggestion.query)) { (suggestion.label) }
                    " (" (t_with("results-count", &[("count", suggestion.total.into())])) ")"
                }
            }
            li { (t("results-try-spelling")) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_query_strings_of_utf8_text_pass() {
        assert!(query_is_utf8(None));
        assert!(query_is_utf8(Some("q=caf%C3%A9+near+B11&page=2")));
        assert!(query_is_utf8(Some("q=%25FF")));
        assert!(!query_is_utf8(Some("q=%FF%FE")));
        assert!(!query_is_utf8(Some("q=ok&near=%C3")));
    }
    use signpost_query::UnderstoodKind;

    fn parsed(input: &str) -> ParsedQuery {
        let places = signpost_geo::Gazetteer::bundled().expect("gazetteer");
        signpost_query::parse(input, places)
    }

    #[test]
    fn removing_a_chip_keeps_every_other_part() {
        let query = parsed("Bengali-speaking mentoring within 3 miles of WS1 1AA");
        let language = query
            .understood
            .iter()
            .find(|u| u.kind == UnderstoodKind::Language)
            .expect("language chip");
        let again = parsed(&query_text(&without_part(&query, language)));
        assert!(again.languages.is_empty());
        assert_eq!(again.categories, ["mentoring"]);
        assert_eq!(
            again.near.as_ref().map(|n| n.label.as_str()),
            Some("WS1 1AA")
        );
        assert!(
            again.radius_m.is_some_and(|r| (r - 4_828.032).abs() < 0.01),
            "{:?}",
            again.radius_m
        );
    }

    #[test]
    fn removing_the_place_takes_the_radius_and_keeps_free_text() {
        let query = parsed("halal food within 3 miles of WS1 1AA");
        let place = query
            .understood
            .iter()
            .find(|u| u.kind == UnderstoodKind::Near)
            .expect("place chip");
        let again = parsed(&query_text(&without_part(&query, place)));
        assert_eq!(again.near, None);
        assert_eq!(again.radius_m, None);
        assert_eq!(again.text, query.text);
    }

    #[test]
    fn every_chip_of_a_rich_query_round_trips() {
        let query =
            parsed("free female Punjabi-speaking counselling for Sikh women in Walsall open now");
        assert!(query.understood.len() >= 4, "{:?}", query.understood);
        let parts = |q: &ParsedQuery| -> Vec<(UnderstoodKind, String)> {
            q.understood
                .iter()
                .map(|u| (u.kind, u.value.clone()))
                .collect()
        };
        for part in &query.understood {
            let again = parsed(&query_text(&without_part(&query, part)));
            let left = parts(&again);
            assert!(
                !left.contains(&(part.kind, part.value.clone())),
                "{part:?} still in {left:?}"
            );
            for other in parts(&query).into_iter().filter(|o| {
                o.0 != part.kind
                    && !(part.kind == UnderstoodKind::Near && o.0 == UnderstoodKind::Radius)
            }) {
                assert!(
                    left.contains(&other),
                    "removing {part:?} lost {other:?}: {left:?}"
                );
            }
        }
    }

    #[test]
    fn whole_miles_read_naturally() {
        assert_eq!(miles_label(1.0), "Within 1 mile");
        assert_eq!(miles_label(10.0), "Within 10 miles");
    }

    #[test]
    fn a_place_counts_every_offered_radius_and_the_wider_one() {
        let asked = counts_asked(&parsed("mentoring within 8 miles of WS1 1AA"));
        let miles: Vec<f64> = asked
            .radii_m
            .iter()
            .map(|m| (m / METRES_PER_MILE * 100.0).round() / 100.0)
            .collect();
        assert_eq!(miles, [1.0, 3.0, 5.0, 10.0, 16.0]);
        assert!(counts_asked(&parsed("mentoring")).radii_m.is_empty());
    }

    #[test]
    fn only_filters_not_yet_set_are_offered_and_counted() {
        let all = counts_asked(&parsed("mentoring near WS1 1AA"));
        assert_eq!(
            all.toggles,
            [
                Toggle::Open(OpenAt::Now),
                Toggle::Free,
                Toggle::Gender(Gender::Female),
                Toggle::Gender(Gender::Male)
            ]
        );
        let query = parsed("free mentoring for women open now near WS1 1AA");
        assert!(counts_asked(&query).toggles.is_empty(), "{query:?}");
        let free = with_toggle(&parsed("mentoring"), Toggle::Free);
        assert_eq!(parsed(&query_text(&free)).free, Some(true));
    }

    #[test]
    fn an_empty_search_links_home() {
        let query = parsed("");
        assert_eq!(search_href(&query), "/");
    }
}
