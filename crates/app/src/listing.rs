//! The Open Referral UK listings through the directory: services in pages (filtered), services at
//! their locations, and the taxonomy terms in use.
//!
//! `text` has one meaning everywhere: the directory's full-text search (stemmed words over name,
//! description and the rest of the searchable text, ranked), the same as the search box's words.
//! Every other filter is the ORUK 3.0 definition's (docs/oruk.md, "Filters"): the matches are the
//! search engine's (ranked) when `text` or `proximity` is given, else the store's in id order, each
//! then tested against its full record ([`RecordFilter`]).

use std::collections::HashSet;

use chrono::SecondsFormat;
use signpost_domain::{Service, TaxonomyTerm};
use signpost_engine::{Near, SearchRequest, Utc};
use signpost_geo::{Point, haversine_m};
use signpost_store::{ServiceAtLocationRecord, ServiceFilter, compact_postcode};

use crate::code::Code;
use crate::confidential;
use crate::directory::Directory;
use crate::error::{AppError, Result};
pub use crate::oruk_filter::RecordFilter;
use crate::resolve;

/// `postcode` alone: the engine's radius for "at the postcode's centre" (it takes no radius of 0);
/// what it finds beyond service areas is a location at the centre itself.
const AT_THE_POSTCODE_M: f64 = 1.0;

/// Services read from the store at a time while a listing is worked out or streamed.
pub const LISTING_CHUNK: usize = 500;

/// An ORUK `/services` or `/service_at_locations` listing, as asked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServiceListing {
    /// Full-text search words.
    pub text: Option<String>,
    /// The filters tested against each full record.
    pub filter: RecordFilter,
    /// Alone: services whose service area holds the postcode's centre, or with a location in this
    /// postcode, sector or district. With `proximity`: the point to measure from.
    pub postcode: Option<String>,
    /// How far from the postcode's centre ("800", "5km", "3mi"; a bare number is metres).
    pub proximity: Option<String>,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
}

/// One page of a listing and how many match in all.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed<T> {
    pub total: u64,
    pub items: Vec<T>,
}

/// A service as an ORUK listing serves it: the record and when it was last written.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedService {
    pub service: Service,
    /// RFC 3339, the store's time of the service's last write (import or API).
    pub last_modified: Option<String>,
}

impl ServiceListing {
    /// The part of `ids` (every match, in order) on the listing's page.
    fn page_of<'a>(&self, ids: &'a [String]) -> &'a [String] {
        let per_page = self.per_page.max(1) as usize;
        let start = (self.page.max(1) as usize - 1)
            .saturating_mul(per_page)
            .min(ids.len());
        &ids[start..start.saturating_add(per_page).min(ids.len())]
    }
}

impl Directory {
    /// An ORUK `/services` page.
    pub async fn list_services(&self, listing: &ServiceListing) -> Result<Listed<ListedService>> {
        if let Some(filter) = store_filter(listing) {
            let page = self
                .store
                .list_services(
                    &filter,
                    u64::from(listing.page.max(1)),
                    u64::from(listing.per_page.max(1)),
                )
                .await?;
            return Ok(Listed {
                total: page.total,
                items: self.with_times(page.services).await?,
            });
        }
        let ids = self.matching_service_ids(listing).await?;
        Ok(Listed {
            total: ids.len() as u64,
            items: self.listed_services(listing.page_of(&ids)).await?,
        })
    }

    /// The services with these ids, in order, each with its last modification time.
    pub async fn listed_services(&self, ids: &[String]) -> Result<Vec<ListedService>> {
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let services = self.store.services_by_ids(&refs).await?;
        self.with_times(services).await
    }

    /// The services as listed: each with its last modification time, confidential locations
    /// withheld.
    async fn with_times(&self, services: Vec<Service>) -> Result<Vec<ListedService>> {
        let ids: Vec<&str> = services.iter().map(|s| s.id.as_str()).collect();
        let mut times = self.store.last_modified(&ids).await?;
        Ok(services
            .into_iter()
            .map(|service| ListedService {
                last_modified: times.remove(&service.id),
                service: confidential::redacted(service),
            })
            .collect())
    }

    /// When the service was last written (import or API), if the store holds it.
    pub async fn last_modified(&self, id: &str) -> Result<Option<String>> {
        Ok(self.store.last_modified(&[id]).await?.remove(id))
    }

    /// The ids of every service the listing matches, in its order (the engine's rank with `text`
    /// or `proximity`, else id order); its page is ignored.
    pub async fn matching_service_ids(&self, listing: &ServiceListing) -> Result<Vec<String>> {
        let postcode_alone = match (&listing.postcode, &listing.proximity) {
            (Some(postcode), None) => Some(self.postcode_matches(postcode).await?),
            (None, Some(_)) => {
                return Err(AppError::rejected(
                    Code::InvalidParameter,
                    "proximity needs a postcode",
                ));
            }
            _ => None,
        };
        if listing.text.is_some() || listing.proximity.is_some() {
            let ranked = self.engine_ids(&self.listing_request(listing)?)?;
            return self
                .keep_matching(ranked, &listing.filter, postcode_alone.as_ref())
                .await;
        }
        if let Some(postcode) = &postcode_alone {
            let mut ids: Vec<String> = postcode.iter().cloned().collect();
            ids.sort();
            return self.keep_matching(ids, &listing.filter, None).await;
        }
        let candidates = self.store_ids(&prefilter(&listing.filter)).await?;
        self.keep_matching(candidates, &listing.filter, None).await
    }

    /// Every service id the store filter matches, in id order.
    async fn store_ids(&self, filter: &ServiceFilter) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        for page in 1.. {
            let found = self
                .store
                .list_services(filter, page, LISTING_CHUNK as u64)
                .await?;
            let last = found.services.len() < LISTING_CHUNK;
            ids.extend(found.services.into_iter().map(|s| s.id));
            if last {
                break;
            }
        }
        Ok(ids)
    }

    /// The candidates (in order) whose full records pass the filter and, when given, are among
    /// the postcode's matches.
    async fn keep_matching(
        &self,
        candidates: Vec<String>,
        filter: &RecordFilter,
        postcode: Option<&HashSet<String>>,
    ) -> Result<Vec<String>> {
        let candidates: Vec<String> = match postcode {
            Some(allowed) => candidates
                .into_iter()
                .filter(|id| allowed.contains(id))
                .collect(),
            None => candidates,
        };
        if filter.is_empty() {
            return Ok(candidates);
        }
        let mut kept = Vec::new();
        for chunk in candidates.chunks(LISTING_CHUNK) {
            let passing: HashSet<String> = self
                .listed_services(chunk)
                .await?
                .into_iter()
                .filter(|l| filter.matches(&l.service, l.last_modified.as_deref()))
                .map(|l| l.service.id)
                .collect();
            kept.extend(chunk.iter().filter(|id| passing.contains(*id)).cloned());
        }
        Ok(kept)
    }

    /// `postcode` without `proximity`: the services whose service area holds the postcode's
    /// centre (from the search engine), and those with a location whose postcode
    /// starts with it (a postcode, sector or district).
    async fn postcode_matches(&self, postcode: &str) -> Result<HashSet<String>> {
        let mut ids = self.shown_at_postcode(postcode).await?;
        if let Ok(place) = resolve::place(self.places, postcode) {
            let request = SearchRequest {
                near: Some(Near {
                    point: Point::new(place.lat, place.lon),
                    label: place.label.clone(),
                }),
                radius_m: Some(AT_THE_POSTCODE_M),
                ..SearchRequest::default()
            };
            ids.extend(self.engine_ids(&request)?);
        }
        Ok(ids)
    }

    /// The searchable services with a location shown in this postcode, sector or district (a
    /// confidential location is never found by its postcode, a withdrawn service not at all, as in
    /// the engine's answers: docs/oruk.md).
    async fn shown_at_postcode(&self, postcode: &str) -> Result<HashSet<String>> {
        let candidates = self
            .store_ids(&ServiceFilter {
                postcode: Some(postcode.to_owned()),
                ..ServiceFilter::default()
            })
            .await?;
        let prefix = compact_postcode(postcode);
        let mut shown = HashSet::new();
        for chunk in candidates.chunks(LISTING_CHUNK) {
            for listed in self.listed_services(chunk).await? {
                if !listed.service.is_withdrawn() && has_address_in(&listed.service, &prefix) {
                    shown.insert(listed.service.id);
                }
            }
        }
        Ok(shown)
    }

    /// Every hit of an engine search, in rank order.
    fn engine_ids(&self, request: &SearchRequest) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        for page in 1.. {
            let request = SearchRequest {
                page,
                per_page: signpost_engine::MAX_PER_PAGE,
                ..request.clone()
            };
            let answer = self.engine.search(&request, Utc::now())?;
            let done = answer.hits.is_empty() || ids.len() + answer.hits.len() >= answer.total;
            ids.extend(answer.hits.into_iter().map(|h| h.service_id));
            if done {
                break;
            }
        }
        Ok(ids)
    }

    /// The engine's request for a listing with `text` or `proximity`.
    fn listing_request(&self, listing: &ServiceListing) -> Result<SearchRequest> {
        let mut request = SearchRequest {
            text: listing.text.clone().unwrap_or_default(),
            require_words: true,
            ..SearchRequest::default()
        };
        if let (Some(postcode), Some(proximity)) = (&listing.postcode, &listing.proximity) {
            let place = resolve::place(self.places, postcode)?;
            request.near = Some(Near {
                point: Point::new(place.lat, place.lon),
                label: place.label.clone(),
            });
            request.radius_m = Some(resolve::radius(proximity)?);
        }
        Ok(request)
    }

    /// The taxonomy terms the directory's services use.
    pub async fn taxonomy_terms(&self) -> Result<Vec<TaxonomyTerm>> {
        Ok(self.store.taxonomy_terms().await?)
    }

    /// One page of the services at their locations that the listing matches, each with its full
    /// service: every service_at_location of each matching service, in the services' order; with
    /// `proximity`, only those whose location is within reach (all of a service found by its area).
    pub async fn list_service_at_locations(
        &self,
        listing: &ServiceListing,
    ) -> Result<Listed<(ServiceAtLocationRecord, Service)>> {
        if listing.text.is_none()
            && listing.postcode.is_none()
            && listing.proximity.is_none()
            && listing.filter.is_empty()
        {
            return self
                .all_service_at_locations(listing.page, listing.per_page)
                .await;
        }
        let ids = self.matching_service_ids(listing).await?;
        let reach = self.reach(listing)?;
        let mut all = Vec::new();
        for chunk in ids.chunks(LISTING_CHUNK) {
            for listed in self.listed_services(chunk).await? {
                let service = listed.service;
                let shown = at_locations_within(&service, reach);
                all.extend(
                    shown
                        .into_iter()
                        .map(|sal| ServiceAtLocationRecord {
                            service_id: service.id.clone(),
                            service_at_location: sal,
                        })
                        .map(|record| (record, service.clone())),
                );
            }
        }
        let per_page = listing.per_page.max(1) as usize;
        let start = (listing.page.max(1) as usize - 1)
            .saturating_mul(per_page)
            .min(all.len());
        let total = all.len() as u64;
        let items = all.into_iter().skip(start).take(per_page).collect();
        Ok(Listed { total, items })
    }

    /// The point and radius of a listing with `postcode` and `proximity`.
    fn reach(&self, listing: &ServiceListing) -> Result<Option<(Point, f64)>> {
        let request = self.listing_request(listing)?;
        Ok(request
            .near
            .map(|near| (near.point, request.radius_m.unwrap_or_default())))
    }

    /// One page of every service at each of its locations, each with its full service.
    async fn all_service_at_locations(
        &self,
        page: u32,
        per_page: u32,
    ) -> Result<Listed<(ServiceAtLocationRecord, Service)>> {
        let (total, records) = self
            .store
            .list_service_at_locations(u64::from(page), u64::from(per_page))
            .await?;
        let mut items = Vec::with_capacity(records.len());
        for record in records {
            let service = self.service(&record.service_id).await?;
            items.push((withheld_at(record, &service), service));
        }
        Ok(Listed { total, items })
    }

    /// One service at one of its locations, with its full service (`not_found` when there is none).
    pub async fn service_at_location(
        &self,
        id: &str,
    ) -> Result<(ServiceAtLocationRecord, Service)> {
        let record = self.store.service_at_location(id).await?.ok_or_else(|| {
            AppError::rejected(
                Code::NotFound,
                format!("no service_at_location with id {id:?}"),
            )
        })?;
        let service = self.service(&record.service_id).await?;
        Ok((withheld_at(record, &service), service))
    }

    /// The services with these ids, in the order of `ids`; ids the store does not hold are left out.
    pub async fn services_in_order(&self, ids: &[String]) -> Result<Vec<Service>> {
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let services = self.store.services_by_ids(&refs).await?;
        Ok(services.into_iter().map(confidential::redacted).collect())
    }
}

/// The store's part of the record filter: the terms and the time of the last write.
fn prefilter(filter: &RecordFilter) -> ServiceFilter {
    ServiceFilter {
        taxonomy_term_id: filter.taxonomy_term_id.clone(),
        modified_after: filter.modified_after.map(|t| {
            t.with_timezone(&Utc)
                .to_rfc3339_opts(SecondsFormat::Micros, true)
        }),
        ..ServiceFilter::default()
    }
}

/// The store filter that answers the whole listing, page and all, when the store can alone
/// (no words, no place, only filters it holds columns for).
fn store_filter(listing: &ServiceListing) -> Option<ServiceFilter> {
    let only_stored = RecordFilter {
        taxonomy_term_id: listing.filter.taxonomy_term_id.clone(),
        modified_after: listing.filter.modified_after,
        ..RecordFilter::default()
    };
    let exact_time = listing
        .filter
        .modified_after
        .is_none_or(|t| t.timestamp_subsec_nanos() % 1000 == 0);
    (listing.text.is_none()
        && listing.postcode.is_none()
        && listing.proximity.is_none()
        && listing.filter == only_stored
        && exact_time)
        .then(|| prefilter(&listing.filter))
}

/// The service's locations (as shown) within `reach` of its point; all of them without a reach,
/// or when none is within it (the service was found by the area it serves).
fn at_locations_within(
    service: &Service,
    reach: Option<(Point, f64)>,
) -> Vec<signpost_domain::ServiceAtLocation> {
    let Some((centre, radius_m)) = reach else {
        return service.service_at_locations.clone();
    };
    let within: Vec<_> = service
        .service_at_locations
        .iter()
        .filter(|sal| {
            sal.location
                .as_ref()
                .is_some_and(|l| match (l.latitude, l.longitude) {
                    (Some(lat), Some(lon)) => haversine_m(centre, Point::new(lat, lon)) <= radius_m,
                    _ => false,
                })
        })
        .cloned()
        .collect();
    if within.is_empty() {
        service.service_at_locations.clone()
    } else {
        within
    }
}

/// Whether one of the service's addresses (as shown) has a postcode starting with `prefix`.
fn has_address_in(service: &Service, prefix: &str) -> bool {
    service
        .service_at_locations
        .iter()
        .filter_map(|sal| sal.location.as_ref())
        .flat_map(|location| &location.addresses)
        .any(|address| compact_postcode(&address.postal_code).starts_with(prefix))
}

/// A service-at-location record with its location withheld when it is confidential.
fn withheld_at(record: ServiceAtLocationRecord, service: &Service) -> ServiceAtLocationRecord {
    ServiceAtLocationRecord {
        service_at_location: confidential::redacted_at(service, record.service_at_location),
        ..record
    }
}
