//! Paging of list responses: `page` (from 1) and `per_page`, capped at [`MAX_PER_PAGE`].

use serde::{Deserialize, Serialize};
use signpost_app::Code;

use crate::error::ApiError;

/// Items on a page when `per_page` is not given.
pub const DEFAULT_PER_PAGE: u32 = 20;
/// The most items one page returns: a larger `per_page` is capped to this (documented in the API).
pub const MAX_PER_PAGE: u32 = 100;

/// A checked page request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
}

impl PageRequest {
    /// Checks `page` (at least 1) and `per_page` (at least 1; capped at [`MAX_PER_PAGE`]).
    pub fn new(page: Option<i64>, per_page: Option<i64>) -> Result<PageRequest, ApiError> {
        let page = page.unwrap_or(1);
        if page < 1 || page > i64::from(u32::MAX) {
            return Err(ApiError::new(
                Code::InvalidParameter,
                format!("page must be 1 or more, not {page}"),
            ));
        }
        let per_page = per_page.unwrap_or(i64::from(DEFAULT_PER_PAGE));
        if per_page < 1 {
            return Err(ApiError::new(
                Code::InvalidParameter,
                format!("per_page must be 1 or more, not {per_page}"),
            ));
        }
        Ok(PageRequest {
            page: page as u32,
            per_page: per_page.min(i64::from(MAX_PER_PAGE)) as u32,
        })
    }

    /// How many items come before this page.
    pub fn offset(self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.per_page)
    }

    /// The part of `items` (all matches, in order) on this page.
    pub fn slice<T>(self, items: &[T]) -> &[T] {
        let start = usize::try_from(self.offset())
            .unwrap_or(usize::MAX)
            .min(items.len());
        let end = start
            .saturating_add(self.per_page as usize)
            .min(items.len());
        &items[start..end]
    }
}

/// The ORUK paged envelope.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Paged<T> {
    pub total_items: u64,
    /// At least 1, so that "the last page" always exists.
    pub total_pages: u64,
    pub page_number: u32,
    /// Items on this page.
    pub size: u64,
    pub first_page: bool,
    pub last_page: bool,
    pub empty: bool,
    pub contents: Vec<T>,
}

impl<T> Paged<T> {
    pub fn new(request: PageRequest, total_items: u64, contents: Vec<T>) -> Paged<T> {
        let total_pages = total_items.div_ceil(u64::from(request.per_page)).max(1);
        Paged {
            total_items,
            total_pages,
            page_number: request.page,
            size: contents.len() as u64,
            first_page: request.page == 1,
            last_page: u64::from(request.page) >= total_pages,
            empty: contents.is_empty(),
            contents,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn defaults_caps_and_rejections() {
        assert_eq!(
            PageRequest::new(None, None).expect("ok"),
            PageRequest {
                page: 1,
                per_page: DEFAULT_PER_PAGE
            }
        );
        assert_eq!(
            PageRequest::new(Some(2), Some(1_000_000))
                .expect("ok")
                .per_page,
            MAX_PER_PAGE
        );
        for (page, per_page) in [
            (Some(0), None),
            (Some(-1), None),
            (None, Some(0)),
            (None, Some(-5)),
        ] {
            let error = PageRequest::new(page, per_page).expect_err("rejected");
            assert_eq!(error.code, Code::InvalidParameter);
        }
    }

    #[test]
    fn envelope_of_a_middle_and_a_last_page() {
        let request = PageRequest::new(Some(2), Some(10)).expect("ok");
        let page = Paged::new(request, 25, vec![0; 10]);
        assert_eq!(
            (
                page.total_pages,
                page.first_page,
                page.last_page,
                page.empty
            ),
            (3, false, false, false)
        );
        let last = Paged::new(
            PageRequest::new(Some(3), Some(10)).expect("ok"),
            25,
            vec![0; 5],
        );
        assert!(last.last_page && last.size == 5);
        let empty = Paged::<u8>::new(PageRequest::new(None, None).expect("ok"), 0, vec![]);
        assert_eq!(
            (empty.total_pages, empty.last_page, empty.empty),
            (1, true, true)
        );
    }

    proptest! {
        #[test]
        fn pages_partition_the_items(len in 0usize..300, per_page in 1i64..50) {
            let items: Vec<usize> = (0..len).collect();
            let mut seen = Vec::new();
            let pages = (len as i64 / per_page) + 2;
            for page in 1..=pages {
                let request = PageRequest::new(Some(page), Some(per_page)).expect("ok");
                seen.extend_from_slice(request.slice(&items));
            }
            prop_assert_eq!(seen, items);
        }
    }
}
