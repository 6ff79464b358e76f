//! A counted search over the demonstration directory: the page of results is the plain search's,
//! and each count the caller asked for is what a search of its own finds.

use chrono::{DateTime, TimeZone, Utc};
use signpost_app::search::{CountsAsked, OpenAt, Toggle};
use signpost_app::{Directory, SearchInput};
use signpost_domain::Gender;

const MILE: f64 = 1_609.344;

fn tuesday_evening() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 3, 18, 30, 0)
        .single()
        .expect("a real moment")
}

fn input(q: &str) -> SearchInput {
    SearchInput {
        q: q.to_owned(),
        page: 1,
        per_page: 10,
        ..SearchInput::default()
    }
}

async fn total(directory: &Directory, q: &str) -> usize {
    directory
        .search_at(&input(q), tuesday_evening())
        .await
        .expect("search")
        .total
}

#[tokio::test]
async fn counts_come_back_with_the_page_and_equal_separate_searches() {
    let dir = tempfile::tempdir().expect("temp dir");
    let directory = Directory::open(dir.path(), None).await.expect("opens");
    let toggles = [
        (Toggle::Open(OpenAt::Now), "open now"),
        (Toggle::Free, "free"),
        (Toggle::Gender(Gender::Female), "for women"),
    ];
    for q in [
        "mentoring near WS1 1AA",
        "advice in Birmingham",
        "Urdu-speaking support near Leicester",
    ] {
        let mut asked_for = None;
        let counted = directory
            .search_counted_at(&input(q), tuesday_evening(), |query| {
                asked_for = Some(query.clone());
                CountsAsked {
                    radii_m: vec![MILE, 3.0 * MILE, 20.0 * MILE],
                    toggles: toggles.iter().map(|(t, _)| *t).collect(),
                }
            })
            .await
            .expect("counted search");
        let plain = directory
            .search_at(&input(q), tuesday_evening())
            .await
            .expect("search");
        assert_eq!(asked_for.as_ref(), Some(&plain.query), "{q}");
        assert_eq!(counted.results, plain.results, "{q}");
        assert_eq!(counted.total, plain.total, "{q}");
        assert!(plain.counts.radii.is_empty() && plain.counts.toggles.is_empty());
        for miles in [1.0, 3.0, 20.0] {
            let within = total(&directory, &format!("{q} within {miles} miles")).await;
            assert_eq!(
                counted.counts.within(miles * MILE),
                Some(within),
                "{q}, {miles} miles"
            );
        }
        for (toggle, words) in toggles {
            let with = total(&directory, &format!("{q} {words}")).await;
            assert_eq!(counted.counts.with(toggle), Some(with), "{q}, {words}");
        }
    }
}
