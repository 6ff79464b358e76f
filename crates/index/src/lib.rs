//! Signpost's full-text index of services (tantivy, on disk, updated incrementally).
//!
//! Two kinds of text live side by side:
//! - search-mode fields (name, and a body of description, organisation, eligibility and category
//!   names and synonyms) analysed with lower-casing, ASCII folding and English stemming, plus an
//!   unstemmed copy for typo-tolerant (fuzzy) terms; a record's names and descriptions in other
//!   languages in their own field, unstemmed, each word with its Welsh forms (`welsh`); all of
//!   it with Arabic, Urdu and Bengali script normalised ([`script::normalise`]);
//! - the exact `words` field: name and description cut into words exactly as docs/formats.md says
//!   (see [`exact_words`]), so that benchmark queries are answered by plain term look-ups.
//!
//! Every document carries the caller's ordinal (`ord`, a fast field) so hits come back as compact
//! numbers, the service id (for deletes), the facet codes as indexed strings, and an opaque stored
//! `record` the engine uses to rebuild its in-memory state when the index is reopened, and an
//! opaque stored `document` (the record a search serves) read back by id.

mod analysis;
mod error;
mod schema;
pub mod script;
mod text_query;
mod welsh;

pub use analysis::exact_terms;
pub use error::IndexError;
pub use schema::{Prepared, Stored};
pub use text_query::{CodeFilter, MAX_SCORED_WORDS, WordHit, WordMatches};

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use schema::Fields;
use tantivy::directory::MmapDirectory;
use tantivy::schema::Value;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// The on-disk format of the index; bump it whenever the schema or the analysis changes.
pub const FORMAT_VERSION: u32 = 7;
const VERSION_FILE: &str = "signpost-index-version";
const WRITER_MEMORY_BYTES: usize = 64 * 1024 * 1024;

/// The writer lock of an index directory, held until dropped: while it lives no process can write
/// the index (a server or an import that writes takes the same lock).
pub struct WriterLock {
    _lock: tantivy::directory::DirectoryLock,
}

/// Takes the writer lock of the index in `dir` (made if missing), or `None` when another writer
/// holds it.
pub fn lock_writer(dir: &Path) -> Result<Option<WriterLock>, IndexError> {
    fs::create_dir_all(dir).map_err(|e| IndexError::io(dir, e))?;
    let directory = MmapDirectory::open(dir).map_err(|e| IndexError::Open(e.to_string()))?;
    match tantivy::Directory::acquire_lock(&directory, &tantivy::directory::INDEX_WRITER_LOCK) {
        Ok(lock) => Ok(Some(WriterLock { _lock: lock })),
        Err(tantivy::directory::error::LockError::LockBusy) => Ok(None),
        Err(error) => Err(IndexError::Open(error.to_string())),
    }
}

/// What [`TextIndex::open`] found in a directory.
pub enum Opened {
    /// An index of the current format: ready to use.
    Ready(Box<TextIndex>),
    /// No index, or one of another format: build a new one with [`TextIndex::create`].
    RebuildNeeded { reason: String },
}

/// The text index of one directory. `Send + Sync`: searches run concurrently, writes are serialised.
/// The writer (and with it tantivy's lock on the directory) is taken at the first write, so a
/// process that only searches (`signpost search` beside a running server) never needs the lock.
pub struct TextIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<Option<IndexWriter>>,
    fields: Fields,
}

impl TextIndex {
    /// Makes a new, empty index in `dir`, replacing whatever index was there.
    pub fn create(dir: &Path) -> Result<TextIndex, IndexError> {
        if dir.exists() {
            fs::remove_dir_all(dir).map_err(|e| IndexError::io(dir, e))?;
        }
        fs::create_dir_all(dir).map_err(|e| IndexError::io(dir, e))?;
        let (schema, fields) = schema::build();
        let index = Index::create_in_dir(dir, schema)?;
        analysis::register(&index);
        let text_index = TextIndex::from_index(index, fields)?;
        let version = version_path(dir);
        fs::write(&version, FORMAT_VERSION.to_string()).map_err(|e| IndexError::io(&version, e))?;
        Ok(text_index)
    }

    /// Opens the index in `dir` when it exists and has the current format.
    pub fn open(dir: &Path) -> Result<Opened, IndexError> {
        let version = version_path(dir);
        let found = match fs::read_to_string(&version) {
            Ok(text) => text.trim().to_owned(),
            Err(_) => {
                return Ok(Opened::RebuildNeeded {
                    reason: format!("no index in {}", dir.display()),
                });
            }
        };
        if found != FORMAT_VERSION.to_string() {
            return Ok(Opened::RebuildNeeded {
                reason: format!("index format {found}, this build reads {FORMAT_VERSION}"),
            });
        }
        let directory = MmapDirectory::open(dir).map_err(|e| IndexError::Open(e.to_string()))?;
        let index = Index::open(directory)?;
        analysis::register(&index);
        let fields = schema::Fields::from_schema(&index.schema())?;
        Ok(Opened::Ready(Box::new(TextIndex::from_index(
            index, fields,
        )?)))
    }

    fn from_index(index: Index, fields: Fields) -> Result<TextIndex, IndexError> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(TextIndex {
            index,
            reader,
            writer: Mutex::new(None),
            fields,
        })
    }

    /// Queues a service under ordinal `ord`, replacing any document with the same service id.
    /// `stored` is kept as it is: its record handed back by [`TextIndex::each_stored_record`], its
    /// document by [`TextIndex::documents`]. Visible to searches after the next
    /// [`TextIndex::commit`].
    pub fn upsert(&self, ord: u32, service: &Prepared, stored: Stored) -> Result<(), IndexError> {
        let document = schema::document(&self.fields, ord, service, stored);
        self.with_writer(|writer| {
            writer.delete_term(Term::from_field_text(self.fields.id, &service.service().id));
            writer.add_document(document)?;
            Ok(())
        })
    }

    /// Queues a service whose id the index does not hold (as in a build from scratch) under
    /// ordinal `ord`, queuing no delete: a million-service build then carries no million pending
    /// deletes, each checked against every new segment. Visible after the next
    /// [`TextIndex::commit`].
    pub fn add_new(&self, ord: u32, service: &Prepared, stored: Stored) -> Result<(), IndexError> {
        let document = schema::document(&self.fields, ord, service, stored);
        self.with_writer(|writer| {
            writer.add_document(document)?;
            Ok(())
        })
    }

    /// Queues the removal of a service by id. Visible after the next [`TextIndex::commit`].
    pub fn remove(&self, id: &str) -> Result<(), IndexError> {
        self.with_writer(|writer| {
            writer.delete_term(Term::from_field_text(self.fields.id, id));
            Ok(())
        })
    }

    /// Makes every queued change durable and visible to the next search.
    pub fn commit(&self) -> Result<(), IndexError> {
        let mut writer = self.writer.lock().map_err(|_| IndexError::Poisoned)?;
        if let Some(writer) = writer.as_mut() {
            writer.commit()?;
        }
        self.reader.reload()?;
        Ok(())
    }

    /// Runs `write` with the writer, taking it (and the directory's lock) on first use.
    fn with_writer<T>(
        &self,
        write: impl FnOnce(&mut IndexWriter) -> Result<T, IndexError>,
    ) -> Result<T, IndexError> {
        let mut slot = self.writer.lock().map_err(|_| IndexError::Poisoned)?;
        let writer = match slot.as_mut() {
            Some(writer) => writer,
            None => slot.insert(self.index.writer_with_num_threads(1, WRITER_MEMORY_BYTES)?),
        };
        write(writer)
    }

    /// How many live documents the index holds.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether the index holds no live document.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Hands every live document's ordinal and stored record to `found`, one at a time, in no
    /// particular order (so a large index is never held in memory twice). Each segment's store
    /// is read front to back, every compressed block once.
    pub fn each_stored_record(&self, mut found: impl FnMut(u32, &[u8])) -> Result<(), IndexError> {
        let searcher = self.reader.searcher();
        for segment in searcher.segment_readers() {
            let store = segment.get_store_reader(1)?;
            let ords = segment.fast_fields().u64(schema::ORD)?;
            let stored = store.iter::<TantivyDocument>(segment.alive_bitset());
            for (doc, stored) in segment.doc_ids_alive().zip(stored) {
                let stored = stored?;
                let record = stored
                    .get_first(self.fields.record)
                    .and_then(|v| v.as_bytes())
                    .unwrap_or_default();
                let ord = ords.first(doc).ok_or(IndexError::MissingOrdinal)?;
                found(ord_from_u64(ord)?, record);
            }
        }
        Ok(())
    }

    /// The stored document of each service id, in the order of `ids`; `None` for an id the
    /// index does not hold. One term look-up and one read of the document store per id.
    pub fn documents(&self, ids: &[&str]) -> Result<Vec<Option<Vec<u8>>>, IndexError> {
        let searcher = self.reader.searcher();
        ids.iter()
            .map(|id| self.document_of(&searcher, id))
            .collect()
    }

    fn document_of(
        &self,
        searcher: &tantivy::Searcher,
        id: &str,
    ) -> Result<Option<Vec<u8>>, IndexError> {
        let term = Term::from_field_text(self.fields.id, id);
        for (segment_ord, segment) in (0u32..).zip(searcher.segment_readers()) {
            let Some(doc) = live_doc_with(segment, &term)? else {
                continue;
            };
            let address = tantivy::DocAddress::new(segment_ord, doc);
            let stored: TantivyDocument = searcher.doc(address)?;
            let document = stored
                .get_first(self.fields.document)
                .and_then(|v| v.as_bytes())
                .unwrap_or_default();
            return Ok(Some(document.to_vec()));
        }
        Ok(None)
    }

    /// How many live documents hold the exact §5 word `word` (already lower-cased).
    pub fn exact_word_frequency(&self, word: &str) -> Result<u64, IndexError> {
        let term = Term::from_field_text(self.fields.words, word);
        Ok(self.reader.searcher().doc_freq(&term)?)
    }

    /// The ordinals of the documents holding every one of the exact §5 `words` and admitted by
    /// `admit`, in no particular order.
    pub fn exact_match(
        &self,
        words: &[String],
        admit: &(dyn Fn(u32) -> bool + Sync),
    ) -> Result<Vec<u32>, IndexError> {
        let query = text_query::all_exact_words(&self.fields, words);
        let collector = text_query::OrdinalCollector {
            admit,
            scoring: false,
        };
        let searcher = self.reader.searcher();
        Ok(searcher
            .search(&query, &collector)?
            .into_iter()
            .map(|(ord, _)| ord)
            .collect())
    }

    /// Search-mode text, word by word: each word (stemmed, or a near spelling for words of five
    /// letters or more) is looked up on its own, and every document matching at least one word
    /// is a hit, with the sum of its words' BM25 scores and which words it matched. Only documents
    /// with one of each non-empty list of `codes` and that `admit` accepts are hits. Words past
    /// [`MAX_SCORED_WORDS`] are ignored.
    pub fn search_words(
        &self,
        text: &str,
        codes: &CodeFilter,
        admit: &(dyn Fn(u32) -> bool + Sync),
    ) -> Result<WordMatches, IndexError> {
        let mut terms = analysis::search_terms(text);
        terms.truncate(MAX_SCORED_WORDS);
        let searcher = self.reader.searcher();
        let collector = text_query::OrdinalCollector {
            admit,
            scoring: true,
        };
        let mut found: HashMap<u32, WordHit> = HashMap::new();
        for (bit, term) in terms.iter().enumerate() {
            let query = text_query::with_codes(
                &self.fields,
                text_query::one_term(&self.fields, term),
                codes,
            );
            for (ord, score) in searcher.search(&query, &collector)? {
                let hit = found.entry(ord).or_insert(WordHit {
                    ord,
                    score: 0.0,
                    matched: 0,
                });
                hit.score += score;
                hit.matched |= 1 << bit;
            }
        }
        Ok(WordMatches {
            words: terms.into_iter().map(|term| term.folded).collect(),
            hits: found.into_values().collect(),
        })
    }

    /// Search-mode text, every word required: the documents matching all the words of `text`
    /// (looked up as [`TextIndex::search_words`] does), with the same scores, each marked as
    /// matching every word. Only documents with one of each non-empty list of `codes` and that
    /// `admit` accepts are hits.
    pub fn search_all_words(
        &self,
        text: &str,
        codes: &CodeFilter,
        admit: &(dyn Fn(u32) -> bool + Sync),
    ) -> Result<WordMatches, IndexError> {
        let mut terms = analysis::search_terms(text);
        terms.truncate(MAX_SCORED_WORDS);
        if terms.is_empty() {
            return Ok(WordMatches::default());
        }
        let every = u64::MAX >> (64 - terms.len());
        let query = text_query::with_codes(
            &self.fields,
            text_query::all_terms(&self.fields, &terms),
            codes,
        );
        let collector = text_query::OrdinalCollector {
            admit,
            scoring: true,
        };
        let hits = self.reader.searcher().search(&query, &collector)?;
        Ok(WordMatches {
            words: terms.into_iter().map(|term| term.folded).collect(),
            hits: hits
                .into_iter()
                .map(|(ord, score)| WordHit {
                    ord,
                    score,
                    matched: every,
                })
                .collect(),
        })
    }

    /// A rough count of the documents search-mode `text` matches strictly: the fewest documents
    /// holding any one of its stems (in the name or the body). `None` when it has no terms.
    pub fn estimate(&self, text: &str) -> Result<Option<u64>, IndexError> {
        let searcher = self.reader.searcher();
        let mut fewest: Option<u64> = None;
        for term in analysis::search_terms(text) {
            let name = searcher.doc_freq(&Term::from_field_text(self.fields.name, &term.stem))?;
            let body = searcher.doc_freq(&Term::from_field_text(self.fields.body, &term.stem))?;
            let mut translated = 0;
            for form in &term.forms {
                translated +=
                    searcher.doc_freq(&Term::from_field_text(self.fields.translated, form))?;
            }
            let count = name + body + translated;
            fewest = Some(fewest.map_or(count, |f| f.min(count)));
        }
        Ok(fewest)
    }

    /// Whether `text` leaves any search term once stop words are dropped.
    pub fn has_search_terms(text: &str) -> bool {
        !analysis::search_terms(text).is_empty()
    }
}

/// The live document of `segment` indexed under `term`, if any.
fn live_doc_with(
    segment: &tantivy::SegmentReader,
    term: &Term,
) -> Result<Option<tantivy::DocId>, IndexError> {
    let inverted = segment.inverted_index(term.field())?;
    let Some(mut postings) =
        inverted.read_postings(term, tantivy::schema::IndexRecordOption::Basic)?
    else {
        return Ok(None);
    };
    let alive = segment.alive_bitset();
    let mut doc = tantivy::DocSet::doc(&postings);
    while doc != tantivy::TERMINATED {
        if alive.is_none_or(|bits| bits.is_alive(doc)) {
            return Ok(Some(doc));
        }
        doc = tantivy::DocSet::advance(&mut postings);
    }
    Ok(None)
}

fn version_path(dir: &Path) -> PathBuf {
    dir.join(VERSION_FILE)
}

fn ord_from_u64(ord: u64) -> Result<u32, IndexError> {
    u32::try_from(ord).map_err(|_| IndexError::MissingOrdinal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use signpost_domain::Service;

    fn service(id: &str, name: &str) -> Service {
        Service {
            id: id.to_owned(),
            name: name.to_owned(),
            ..Default::default()
        }
    }

    const NO_STORED: Stored = Stored {
        record: b"",
        document: b"",
    };

    fn opened(dir: &Path) -> TextIndex {
        match TextIndex::open(dir) {
            Ok(Opened::Ready(index)) => *index,
            Ok(Opened::RebuildNeeded { reason }) => panic!("rebuild needed: {reason}"),
            Err(e) => panic!("open failed: {e}"),
        }
    }

    #[test]
    fn each_word_is_scored_on_its_own_and_no_word_is_required() {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = TextIndex::create(dir.path()).expect("create");
        for (ord, name) in [
            (0, "Pakistani women's group"),
            (1, "Women's group"),
            (2, "Chess"),
        ] {
            let id = format!("s{ord}");
            index
                .upsert(ord, &Prepared::new(&service(&id, name)), NO_STORED)
                .expect("upsert");
        }
        index.commit().expect("commit");
        let found = index
            .search_words("the Pakistani groups", &CodeFilter::default(), &|_| true)
            .expect("search");
        assert_eq!(found.words, ["pakistani", "groups"]);
        let mut hits = found.hits.clone();
        hits.sort_by_key(|hit| hit.ord);
        let matched: Vec<(u32, u64)> = hits.iter().map(|h| (h.ord, h.matched)).collect();
        assert_eq!(matched, [(0, 0b11), (1, 0b10)]);
        assert!(hits[0].score > hits[1].score);
        let alone = index
            .search_words("groups", &CodeFilter::default(), &|ord| ord == 1)
            .expect("search");
        assert_eq!(alone.hits.len(), 1);
        assert!((alone.hits[0].score - hits[1].score).abs() < 1e-6);
        let all = index
            .search_all_words("the Pakistani groups", &CodeFilter::default(), &|_| true)
            .expect("search");
        assert_eq!(all.words, found.words);
        assert_eq!(all.hits.len(), 1);
        assert_eq!((all.hits[0].ord, all.hits[0].matched), (0, 0b11));
        assert!((all.hits[0].score - hits[0].score).abs() < 1e-5);
    }

    fn translated(id: &str, name: &str, translations: &[(&str, &str)]) -> Service {
        let attributes: Vec<serde_json::Value> = translations
            .iter()
            .map(|(code, text)| {
                serde_json::json!({"id": code, "value": text, "taxonomy_term": {
                    "id": code, "code": code, "name": code, "taxonomy": "signpost-translation"}})
            })
            .collect();
        serde_json::from_value(
            serde_json::json!({"id": id, "name": name, "attributes": attributes}),
        )
        .expect("service")
    }

    fn ords(index: &TextIndex, text: &str) -> Vec<u32> {
        let found = index
            .search_all_words(text, &CodeFilter::default(), &|_| true)
            .expect("search");
        let mut ords: Vec<u32> = found.hits.iter().map(|hit| hit.ord).collect();
        ords.sort_unstable();
        ords
    }

    #[test]
    fn translations_are_found_by_their_words_mutated_plural_or_in_another_spelling() {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = TextIndex::create(dir.path()).expect("create");
        let services = [
            translated(
                "cy",
                "Mental health support",
                &[
                    ("name:cym", "Cymorth iechyd meddwl"),
                    ("description:cym", "Gwasanaeth cyngor i'r gymuned."),
                ],
            ),
            translated(
                "ur",
                "Family advice",
                &[("description:urd", "خاندانی مشورہ اور مدد")],
            ),
            translated("bn", "Health advice", &[("name:ben", "স্বাস্থ্য পরামর্শ")]),
            service("en", "Housing advice"),
        ];
        for (ord, service) in (0..).zip(&services) {
            index
                .upsert(ord, &Prepared::new(service), NO_STORED)
                .expect("upsert");
        }
        index.commit().expect("commit");
        assert_eq!(ords(&index, "cymorth iechyd meddwl"), [0]);
        assert_eq!(ords(&index, "gwasanaethau cyngor"), [0], "plural");
        assert_eq!(ords(&index, "gymorth"), [0], "soft mutation");
        assert_eq!(ords(&index, "nghymuned"), [0], "nasal mutation");
        assert_eq!(ords(&index, "مشوره"), [1], "Urdu ہ typed as the Arabic ه");
        assert_eq!(ords(&index, "مدد"), [1]);
        assert_eq!(ords(&index, "স্বাস্থ্য"), [2]);
        assert_eq!(ords(&index, "স্\u{200D}বাস্থ্য"), [2], "a joiner typed");
        assert_eq!(ords(&index, "advice"), [1, 2, 3]);
    }

    #[test]
    fn documents_are_read_back_by_id_in_the_order_asked_latest_version_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = TextIndex::create(dir.path()).expect("create");
        let stored = |document: &'static [u8]| Stored {
            record: b"r",
            document,
        };
        for (ord, id, document) in [(0, "a", b"a1"), (1, "b", b"b1"), (0, "a", b"a2")] {
            index
                .upsert(
                    ord,
                    &Prepared::new(&service(id, "Food bank")),
                    stored(document),
                )
                .expect("upsert");
            index.commit().expect("commit");
        }
        index
            .upsert(2, &Prepared::new(&service("c", "Food bank")), stored(b"c1"))
            .expect("upsert");
        index.remove("b").expect("remove");
        index.commit().expect("commit");
        let found = index.documents(&["c", "b", "a", "nobody"]).expect("read");
        assert_eq!(
            found,
            [Some(b"c1".to_vec()), None, Some(b"a2".to_vec()), None]
        );
    }

    #[test]
    fn a_second_index_on_the_same_directory_searches_while_the_first_writes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let writing = TextIndex::create(dir.path()).expect("create");
        writing
            .upsert(
                0,
                &Prepared::new(&service("a", "Bengali mentoring")),
                NO_STORED,
            )
            .expect("upsert");
        writing.commit().expect("commit");

        let reading = opened(dir.path());
        let found = reading
            .search_words("mentoring", &CodeFilter::default(), &|_| true)
            .expect("search beside a writer");
        assert_eq!(found.hits.len(), 1);

        writing
            .upsert(
                1,
                &Prepared::new(&service("b", "Mentoring for women")),
                NO_STORED,
            )
            .expect("the first index keeps writing");
        writing.commit().expect("commit");
        assert!(
            reading.remove("a").is_err(),
            "a second writer on the same directory is refused"
        );
    }
}
