//! The page shell every page shares: skip link, header, main, and the footer with the data
//! attributions.

use axum::response::Html;
use maud::{DOCTYPE, Markup, html};

use crate::session::Navigator;

/// The full page around `body`.
pub fn page(title: &str, navigator: Option<&Navigator>, body: Markup) -> Html<String> {
    Html(
        html! {
            (DOCTYPE)
            html lang="en-GB" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " - Signpost" }
                    link rel="icon" href="data:,";
                    link rel="stylesheet" href="/assets/site.css";
                    script src="/assets/site.js" defer {}
                }
                body {
                    a.skip-link href="#main" { "Skip to main content" }
                    (header(navigator))
                    main.main #main tabindex="-1" { (body) }
                    (footer())
                }
            }
        }
        .into_string(),
    )
}

fn header(navigator: Option<&Navigator>) -> Markup {
    html! {
        header.header {
            div.header__inner {
                a.header__name href="/" { "Signpost" }
                nav aria-label="Site" {
                    ul.header__nav {
                        li { a href="/" { "Search" } }
                        li { a href="/shortlist" { "Shortlist" } }
                        li { a href="/match" { "Match a person" } }
                        li { a href="/about" { "About the data" } }
                        @if let Some(navigator) = navigator {
                            li { a href="/navigator" { "Navigator: " (navigator.actor.name) } }
                        } @else {
                            li { a href="/navigator/sign-in" { "Navigator sign in" } }
                        }
                    }
                }
            }
        }
    }
}

fn footer() -> Markup {
    html! {
        footer.footer {
            div.footer__inner {
                h2.visually-hidden { "Data sources" }
                p { "Services are listed in the Open Referral UK (HSDS 3.0) format. Records marked "
                    strong { "demonstration data" } " describe fictional services." }
                p.attribution { (required_notices()) }
                details {
                    summary { "Place and postcode data: all sources and licences" }
                    div.attribution { (signpost_geo::ATTRIBUTION) }
                }
                p { a href="/about" { "About Signpost and its data" } }
            }
        }
    }
}

/// The notices the gazetteer's licences require on every page ("Source: ...", "Contains ...").
pub fn required_notices() -> String {
    signpost_geo::ATTRIBUTION
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("Source:") || line.starts_with("Contains "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A hidden CSRF field for a navigator's form.
pub fn csrf_field(navigator: &Navigator) -> Markup {
    html! { input type="hidden" name="csrf" value=(navigator.csrf); }
}
