//! The Open Referral UK 3.0 paged list (`GET /services?page=N`): how many pages there are and
//! the ids on this one, which is all a harvester reads from a list (it then fetches each full
//! record by id).

use serde::Deserialize;

/// What a harvester reads from one page of an ORUK list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageOfIds {
    /// How many pages the list has, as the page says (at least 1).
    pub total_pages: u64,
    /// The ids of the services on this page, in order.
    pub ids: Vec<String>,
}

#[derive(Deserialize)]
struct Page {
    total_pages: u64,
    contents: Vec<Summary>,
}

#[derive(Deserialize)]
struct Summary {
    id: String,
}

/// Reads an ORUK page: `total_pages` and each item's `id` (other members are ignored).
pub fn page_of_ids(body: &[u8]) -> Result<PageOfIds, String> {
    let page: Page = serde_json::from_slice(body)
        .map_err(|e| format!("is not an Open Referral UK page of services: {e}"))?;
    let ids: Vec<String> = page.contents.into_iter().map(|item| item.id).collect();
    if let Some(blank) = ids.iter().position(|id| id.trim().is_empty()) {
        return Err(format!("the service at contents/{blank} has an empty id"));
    }
    Ok(PageOfIds {
        total_pages: page.total_pages.max(1),
        ids,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_gives_its_ids_and_page_count() {
        let body = br#"{"total_items": 3, "total_pages": 2, "page_number": 1, "size": 2,
            "first_page": true, "last_page": false, "empty": false,
            "contents": [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "status": "active"}]}"#;
        let page = page_of_ids(body).expect("page");
        assert_eq!(page.total_pages, 2);
        assert_eq!(page.ids, vec!["a", "b"]);
        let empty = page_of_ids(br#"{"total_pages": 0, "contents": []}"#).expect("empty");
        assert_eq!((empty.total_pages, empty.ids.len()), (1, 0));
    }

    #[test]
    fn what_is_not_a_page_says_why() {
        assert!(page_of_ids(b"<html>").is_err());
        assert!(page_of_ids(br#"{"contents": [{"id": "a"}]}"#).is_err());
        assert!(page_of_ids(br#"{"total_pages": 1, "contents": [{"name": "x"}]}"#).is_err());
        let blank = page_of_ids(br#"{"total_pages": 1, "contents": [{"id": " "}]}"#);
        assert_eq!(
            blank.expect_err("blank id"),
            "the service at contents/0 has an empty id"
        );
    }
}
