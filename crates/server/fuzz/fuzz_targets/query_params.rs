//! Any query string of `GET /api/v1/search`, `GET /services` or another ORUK list, read as axum's
//! `Query` reads it (serde_urlencoded) into the handlers' parameter structs; when it reads, the
//! checks the handlers run before touching the directory (paging, places, `lat`/`lon`, radius,
//! language, category and faith codes) accept it or reject it with a problem, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_app::error::Result as AppResult;
use signpost_app::resolve;
use signpost_geo::{Gazetteer, PlaceLookup};
use signpost_server::ApiError;
use signpost_server::api::SearchParams;
use signpost_server::oruk::{PageParams, ServiceParams};
use signpost_server::paging::{MAX_PER_PAGE, PageRequest};

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    let places = Gazetteer::bundled().expect("the bundled gazetteer loads");
    if let Ok(params) = serde_urlencoded::from_str::<SearchParams>(query) {
        search(&params, places);
    }
    if let Ok(params) = serde_urlencoded::from_str::<ServiceParams>(query) {
        services(&params, places);
    }
    if let Ok(params) = serde_urlencoded::from_str::<PageParams>(query) {
        paging(params.page, params.per_page);
    }
});

fn search(params: &SearchParams, places: &dyn PlaceLookup) {
    paging(params.page, params.per_page);
    if let Some(near) = given(params.near.as_deref()) {
        checked(resolve::place(places, near), |place| {
            assert!(place.lat.is_finite() && place.lon.is_finite());
        });
    }
    checked(resolve::point(params.lat, params.lon), |place| {
        if let Some(place) = place {
            assert!((-90.0..=90.0).contains(&place.lat));
            assert!((-180.0..=180.0).contains(&place.lon));
        }
    });
    if let Some(radius) = given(params.radius.as_deref()) {
        checked(resolve::radius(radius), |metres| {
            assert!(metres.is_finite() && metres > 0.0, "radius {metres}");
        });
    }
    let list = |value: Option<&str>| {
        given(value)
            .map(str::to_owned)
            .into_iter()
            .collect::<Vec<_>>()
    };
    for codes in [
        resolve::languages(&list(params.lang.as_deref())),
        resolve::categories(&list(params.category.as_deref())),
        resolve::faiths(&list(params.faith.as_deref())),
    ] {
        checked(codes, |codes| assert!(codes.iter().all(|c| !c.is_empty())));
    }
}

fn services(params: &ServiceParams, places: &dyn PlaceLookup) {
    paging(params.page, params.per_page);
    if let Some(proximity) = given(params.proximity.as_deref()) {
        checked(resolve::radius(proximity), |metres| {
            assert!(metres.is_finite() && metres > 0.0, "proximity {metres}");
        });
    }
    if let Some(postcode) = given(params.postcode.as_deref()) {
        let _ = resolve::place(places, postcode).map_err(problem);
    }
}

fn paging(page: Option<i64>, per_page: Option<i64>) {
    match PageRequest::new(page, per_page) {
        Ok(request) => {
            assert!(request.page >= 1);
            assert!((1..=MAX_PER_PAGE).contains(&request.per_page));
            let _ = request.offset();
        }
        Err(error) => assert_eq!(error.problem().status, 400),
    }
}

/// The handlers' `given`: a parameter that is there and not blank.
fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// An accepted value must hold `check`; a rejection must be a client error with its problem.
fn checked<T>(outcome: AppResult<T>, check: impl FnOnce(T)) {
    match outcome {
        Ok(value) => check(value),
        Err(error) => problem(error),
    }
}

fn problem(error: signpost_app::AppError) {
    let problem = ApiError::from(error).problem();
    assert_eq!(
        problem.status / 100,
        4,
        "{}: {}",
        problem.code,
        problem.detail
    );
    assert!(!problem.detail.is_empty());
}
