//! The page shell every page shares: skip link, header, main, and the footer with the data
//! attributions.

use axum::response::Html;
use maud::{DOCTYPE, Markup, html};

use crate::session::Navigator;
use crate::ui::{lang, language_switch, t, t_with};

/// The full page around `body`.
pub fn page(title: &str, navigator: Option<&Navigator>, body: Markup) -> Html<String> {
    let lang = lang();
    Html(
        html! {
            (DOCTYPE)
            html lang=(lang.tag()) dir=(lang.dir()) {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (t_with("layout-title", &[("title", title.into())])) }
                    link rel="icon" href="data:,";
                    link rel="stylesheet" href="/assets/site.css";
                    script src="/assets/site.js" defer {}
                }
                body {
                    a.skip-link href="#main" { (t("layout-skip")) }
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
                a.header__name href="/" { (t("layout-site-name")) }
                nav aria-label=(t("layout-nav-label")) {
                    ul.header__nav {
                        li { a href="/" { (t("layout-nav-search")) } }
                        li { a href="/shortlist" { (t("layout-nav-shortlist")) } }
                        li { a href="/match" { (t("layout-nav-match")) } }
                        li { a href="/about" { (t("layout-nav-about")) } }
                        @if let Some(navigator) = navigator {
                            li { a href="/navigator" { (t_with("layout-nav-navigator", &[("name", navigator.actor.name.as_str().into())])) } }
                        } @else {
                            li { a href="/navigator/sign-in" { (t("layout-nav-sign-in")) } }
                        }
                    }
                }
                (language_switch())
            }
        }
    }
}

fn footer() -> Markup {
    html! {
        footer.footer {
            div.footer__inner {
                h2.visually-hidden { (t("layout-footer-sources")) }
                p { (t("layout-footer-format")) " " (t("layout-footer-demo-before")) " "
                    strong { (t("layout-footer-demo")) } " " (t("layout-footer-fictional")) }
                p.attribution { (required_notices()) }
                details {
                    summary { (t("layout-footer-licences")) }
                    div.attribution { (signpost_geo::ATTRIBUTION) }
                }
                p { a href="/about" { (t("layout-footer-about")) } }
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
