//! The output files as text for the caller to write: the rates CSV and a self-contained HTML
//! heatmap of groups × metrics (docs/equality.md).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use crate::rri::RateRow;
use crate::waits::{WAIT_STEPS, Wait, days_text};

/// The header of the rates CSV, as the contract names its columns.
pub const CSV_HEADER: &str = "group,metric,count,base,rate,rri,ci_low,ci_high,flag";

/// RRIs this far from 1 (or further) take the full colour: 2 above, 1/2 below.
const FULL_COLOUR_LOG2: f64 = 1.0;
/// Colour-blind-safe diverging ends (ColorBrewer PuOr), light enough for black text: lower rates
/// purple, higher orange, 1 white.
const LOWER_END: (f64, f64, f64) = (153.0, 142.0, 195.0);
const HIGHER_END: (f64, f64, f64) = (241.0, 163.0, 64.0);

/// `group,metric,count,base,rate,rri,ci_low,ci_high,flag`, one line per row in input order;
/// numbers in the shortest form that reads back to the same value.
pub fn rates_csv(rows: &[RateRow]) -> String {
    let mut out = format!("{CSV_HEADER}\n");
    for row in rows {
        let (low, high) = row.interval.unzip();
        let fields = [
            csv_field(&row.group),
            csv_field(&row.metric),
            row.count.to_string(),
            row.base.to_string(),
            number(row.rate),
            number(row.rri),
            number(low),
            number(high),
            row.flag.as_str().to_owned(),
        ];
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

fn number(value: Option<f64>) -> String {
    value.map_or(String::new(), |v| v.to_string())
}

pub(crate) fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The heatmap: one table row per group and one column per metric, each in first-seen order,
/// then (when `waits` are given) a column per step with the group's median wait.
pub fn heatmap_html(rows: &[RateRow], reference: &str, waits: &[Wait]) -> String {
    let groups = first_seen(rows.iter().map(|r| r.group.as_str()));
    let metrics = first_seen(rows.iter().map(|r| r.metric.as_str()));
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Signpost equality monitoring</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>Equality monitoring: relative rate index</h1>\n\
         <p>Each cell compares a group's rate with the rate of the reference group, \
         <strong>{}</strong>, for the same metric: the relative rate index (RRI), its 95&nbsp;% \
         interval, and whether the interval lies above 1 (higher), below 1 (lower) or holds 1 \
         (similar).</p>\n",
        escape(reference)
    );
    html.push_str(&table(rows, &groups, &metrics, reference, waits));
    html.push_str(&legend());
    html.push_str("</body>\n</html>\n");
    html
}

fn first_seen<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    names.filter(|name| seen.insert(*name)).collect()
}

fn table(
    rows: &[RateRow],
    groups: &[&str],
    metrics: &[&str],
    reference: &str,
    waits: &[Wait],
) -> String {
    let mut html = String::from(
        "<table>\n<caption>Relative rate index by group and metric</caption>\n<thead>\n<tr><th scope=\"col\">Group</th>",
    );
    for metric in metrics {
        let _ = write!(html, "<th scope=\"col\">{}</th>", escape(metric));
    }
    let wait_steps: &[&str] = if waits.is_empty() { &[] } else { &WAIT_STEPS };
    for step in wait_steps {
        let _ = write!(
            html,
            "<th scope=\"col\">median wait to {}</th>",
            escape(step)
        );
    }
    html.push_str("</tr>\n</thead>\n<tbody>\n");
    let by_cell: HashMap<(&str, &str), &RateRow> = rows
        .iter()
        .map(|r| ((r.group.as_str(), r.metric.as_str()), r))
        .collect();
    for group in groups {
        let label = if *group == reference {
            format!("{} <span class=\"note\">(reference)</span>", escape(group))
        } else {
            escape(group)
        };
        let _ = write!(html, "<tr><th scope=\"row\">{label}</th>");
        for metric in metrics {
            let row = by_cell.get(&(*group, *metric));
            html.push_str(&row.map_or_else(no_data_cell, |row| cell(row)));
        }
        for step in wait_steps {
            let wait = waits.iter().find(|w| w.group == *group && w.step == *step);
            html.push_str(&wait.map_or_else(no_data_cell, wait_cell));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n");
    html
}

fn no_data_cell() -> String {
    "<td class=\"none\">no data</td>".to_owned()
}

fn cell(row: &RateRow) -> String {
    let Some(rri) = row.rri else {
        return "<td class=\"suppressed\">suppressed<a href=\"#suppressed\" aria-label=\"why suppressed\">*</a></td>"
            .to_owned();
    };
    let interval = row.interval.map_or(String::new(), |(low, high)| {
        format!(
            "<br><span class=\"ci\">95&nbsp;% CI {}&ndash;{}</span>",
            two_places(low),
            two_places(high)
        )
    });
    format!(
        "<td style=\"background:{}\"><strong>{}</strong>{interval}<br>{}<br><span class=\"note\">{} of {}</span></td>",
        colour(rri),
        two_places(rri),
        row.flag.as_str(),
        row.count,
        row.base
    )
}

fn wait_cell(wait: &Wait) -> String {
    match wait.shown_median() {
        Some(days) => format!(
            "<td class=\"wait\">{}<br><span class=\"note\">{} referrals</span></td>",
            days_text(days),
            wait.referrals
        ),
        None => "<td class=\"suppressed\">suppressed<a href=\"#suppressed\" aria-label=\"why suppressed\">*</a></td>".to_owned(),
    }
}

/// The cell's shade on a scale of -4 (half the reference rate or lower) through 0 (the same
/// rate) to 4 (double or higher): the heatmap's colour in steps, for pages that colour cells
/// with classes rather than inline styles.
pub fn shade_step(rri: f64) -> i8 {
    let position = (rri.log2() / FULL_COLOUR_LOG2).clamp(-1.0, 1.0);
    (position * 4.0).round() as i8
}

fn two_places(value: f64) -> String {
    format!("{value:.2}")
}

/// White at RRI 1, shading on a log scale towards purple (lower) or orange (higher), full at
/// half or double the reference rate.
fn colour(rri: f64) -> String {
    let position = (rri.log2() / FULL_COLOUR_LOG2).clamp(-1.0, 1.0);
    let end = if position < 0.0 {
        LOWER_END
    } else {
        HIGHER_END
    };
    let weight = position.abs();
    let mix = |to: f64| (255.0 + (to - 255.0) * weight).round();
    format!("rgb({},{},{})", mix(end.0), mix(end.1), mix(end.2))
}

fn legend() -> String {
    let mut html = String::from("<h2>How to read it</h2>\n<ul class=\"legend\">\n");
    for (rri, words) in [
        (0.5, "0.50 or less: half the reference rate or lower"),
        (0.75, "0.75"),
        (1.0, "1.00: the same rate as the reference group"),
        (1.5, "1.50"),
        (2.0, "2.00 or more: double the reference rate or higher"),
    ] {
        let _ = writeln!(
            html,
            "<li><span class=\"swatch\" style=\"background:{}\"></span> RRI {words}</li>",
            colour(rri)
        );
    }
    html.push_str(
        "<li><span class=\"swatch suppressed\"></span> suppressed</li>\n<li><span class=\"swatch none\"></span> no data: the counts have no row for this group and metric</li>\n</ul>\n",
    );
    html.push_str(&format!(
        "<p>The colour follows the RRI on a log scale; each cell also gives it in figures, with its \
         95&nbsp;% interval, the flag, and the count out of its base. Flags: <strong>higher</strong> or \
         <strong>lower</strong> when the whole interval lies above or below 1, \
         <strong>similar</strong> when it holds 1.</p>\n\
         <p id=\"suppressed\">* <strong>Suppressed</strong>: the group's count or base, or the \
         reference group's, is below {}. Small numbers give unreliable rates and could identify \
         people, so neither the rate nor the numbers are shown.</p>\n",
        crate::counts::SMALLEST_SHOWN
    ));
    html
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;color:#111;max-width:70rem}\
table{border-collapse:collapse}caption{text-align:left;font-weight:bold;margin-bottom:.5rem}\
th,td{border:1px solid #666;padding:.4rem .6rem;text-align:center}th[scope=row]{text-align:left}\
.ci,.note{font-size:.85em}\
.suppressed{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#ccc 4px,#ccc 8px)}\
.none{background:#eee;color:#333}\
.legend{list-style:none;padding:0}.legend li{margin:.3rem 0}\
.swatch{display:inline-block;width:2rem;height:1rem;border:1px solid #666;vertical-align:middle}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_white_at_1_and_full_at_half_or_double() {
        assert_eq!(colour(1.0), "rgb(255,255,255)");
        assert_eq!(colour(2.0), "rgb(241,163,64)");
        assert_eq!(colour(8.0), "rgb(241,163,64)");
        assert_eq!(colour(0.5), "rgb(153,142,195)");
        assert_eq!(colour(0.01), "rgb(153,142,195)");
    }

    #[test]
    fn shade_steps_follow_the_colour_scale() {
        assert_eq!(shade_step(1.0), 0);
        assert_eq!(shade_step(2.0), 4);
        assert_eq!(shade_step(9.0), 4);
        assert_eq!(shade_step(2f64.sqrt()), 2);
        assert_eq!(shade_step(0.5), -4);
        assert_eq!(shade_step(0.01), -4);
    }

    #[test]
    fn csv_fields_with_commas_or_quotes_are_quoted() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }
}
