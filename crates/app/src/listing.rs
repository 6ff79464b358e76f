//! The Open Referral UK listings through the directory: services in pages (filtered), services at
//! their locations, and the taxonomy terms in use.
//!
//! `text` has one meaning everywhere: the directory's full-text search (stemmed words over name,
//! description and the rest of the searchable text, ranked), the same as the search box's words.
//! A listing with neither `text` nor `proximity` is a filter over the store in id order.

use signpost_domain::facets::taxonomy;
use signpost_domain::{Service, TaxonomyTerm};
use signpost_engine::{Near, SearchRequest, Utc};
use signpost_geo::Point;
use signpost_store::{ServiceAtLocationRecord, ServiceFilter};

use crate::code::Code;
use crate::directory::Directory;
use crate::error::{AppError, Result};
use crate::resolve;

/// One page of an ORUK `/services` listing, as asked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServiceListing {
    /// Full-text search words.
    pub text: Option<String>,
    /// A taxonomy term the services carry (already found among the terms in use).
    pub taxonomy_term: Option<TaxonomyTerm>,
    /// Alone: services with a location in this postcode, sector or district. With `proximity`: the
    /// point to measure from.
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

impl Directory {
    /// An ORUK `/services` page: a store filter in id order, or, with `text` or `proximity`, the
    /// search engine's ranked matches.
    pub async fn list_services(&self, listing: &ServiceListing) -> Result<Listed<Service>> {
        if listing.text.is_none() && listing.proximity.is_none() {
            let filter = ServiceFilter {
                text: None,
                taxonomy_term_id: listing.taxonomy_term.as_ref().map(|t| t.id.clone()),
                postcode: listing.postcode.clone(),
            };
            let page = self
                .store
                .list_services(
                    &filter,
                    u64::from(listing.page),
                    u64::from(listing.per_page),
                )
                .await?;
            return Ok(Listed {
                total: page.total,
                items: page.services,
            });
        }
        let request = self.listing_request(listing)?;
        let answer = self.engine.search(&request, Utc::now())?;
        let ids: Vec<&str> = answer.hits.iter().map(|h| h.service_id.as_str()).collect();
        Ok(Listed {
            total: answer.total as u64,
            items: self.store.services_by_ids(&ids).await?,
        })
    }

    /// The engine's request for a listing with `text` or `proximity`.
    fn listing_request(&self, listing: &ServiceListing) -> Result<SearchRequest> {
        let mut request = SearchRequest {
            text: listing.text.clone().unwrap_or_default(),
            page: listing.page as usize,
            per_page: listing.per_page as usize,
            ..SearchRequest::default()
        };
        match (&listing.postcode, &listing.proximity) {
            (Some(postcode), Some(proximity)) => {
                let place = resolve::place(self.places, postcode)?;
                request.near = Some(Near {
                    point: Point::new(place.lat, place.lon),
                    label: place.label.clone(),
                });
                request.radius_m = Some(resolve::radius(proximity)?);
            }
            (None, Some(_)) => {
                return Err(AppError::rejected(
                    Code::InvalidParameter,
                    "proximity needs a postcode",
                ));
            }
            (Some(_), None) => {
                return Err(AppError::rejected(
                    Code::InvalidParameter,
                    "with text, postcode needs proximity (metres from the postcode's centre)",
                ));
            }
            (None, None) => {}
        }
        if let Some(term) = &listing.taxonomy_term {
            let code = term.code.clone().unwrap_or_default();
            match term.taxonomy.as_deref() {
                Some(taxonomy::CATEGORY) => request.categories.push(code),
                Some(taxonomy::FAITH) => request.faiths.push(code),
                _ => {
                    return Err(AppError::rejected(
                        Code::InvalidParameter,
                        "with text or proximity, taxonomy_term_id must be a Signpost category or faith term",
                    ));
                }
            }
        }
        Ok(request)
    }

    /// The taxonomy terms the directory's services use.
    pub async fn taxonomy_terms(&self) -> Result<Vec<TaxonomyTerm>> {
        Ok(self.store.taxonomy_terms().await?)
    }

    /// One page of every service at each of its locations, each with its full service.
    pub async fn list_service_at_locations(
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
            items.push((record, service));
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
        Ok((record, service))
    }

    /// The services with these ids, in the order of `ids`; ids the store does not hold are left out.
    pub async fn services_in_order(&self, ids: &[String]) -> Result<Vec<Service>> {
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        Ok(self.store.services_by_ids(&refs).await?)
    }
}
