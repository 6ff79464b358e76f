//! Closed-loop referrals (docs/referrals.md): a practitioner sends a person (named only by the
//! team's case reference) to a service; the service accepts or declines, then records whether
//! the person attended; either side closes the loop. The equality fields are sealed before they
//! reach the store and opened only for key holders who may see the referral, and for the
//! aggregate tallies of `signpost equality`. Nothing here logs a case reference or an equality
//! value.

mod rules;
pub mod sealing;

use std::path::Path;

use chrono::{NaiveDate, SecondsFormat, TimeZone, Utc};
use rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};
use signpost_store::{NewReferralRow, ReferralFilter, ReferralRow, ReferralScope, Store};

use crate::code::Code;
use crate::directory::Directory;
use crate::error::{AppError, Result};
use crate::keys::{Actor, Role};
use crate::storage::Storage;

pub use rules::{
    AGE_BANDS, DECLINE_REASONS, ETHNIC_GROUPS, RELIGIONS_BESIDES_FAITHS, Retention, SEXES,
    allowed_moves, validate_equality,
};
pub use sealing::SecretKey;
pub use signpost_store::ReferralStatus;

/// The optional equality monitoring fields of one referral (codes of interfaces section 8).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Equality {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnic_group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub religion: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main_language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_band: Option<String>,
}

impl Equality {
    fn is_empty(&self) -> bool {
        *self == Equality::default()
    }

    /// The value of one field, if recorded.
    pub fn field(&self, field: EqualityField) -> Option<&str> {
        match field {
            EqualityField::EthnicGroup => self.ethnic_group.as_deref(),
            EqualityField::Religion => self.religion.as_deref(),
            EqualityField::MainLanguage => self.main_language.as_deref(),
            EqualityField::Sex => self.sex.as_deref(),
            EqualityField::AgeBand => self.age_band.as_deref(),
        }
    }
}

/// A referral to send: the service, the team's case reference, the needs (category codes) and
/// the optional equality fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewReferral {
    pub service_id: String,
    pub case_ref: String,
    pub needs: Vec<String>,
    pub equality: Equality,
}

/// A referral as its readers see it. `case_ref` is `None` and `needs` empty once a closed
/// referral has passed its retention period (`purged_at`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    pub id: String,
    pub service_id: String,
    pub organization_id: Option<String>,
    /// Who sent it: `organization:<id>` for a key scoped to an organisation, else `key:<name>`.
    pub team: String,
    pub sent_by: String,
    pub case_ref: Option<String>,
    pub needs: Vec<String>,
    pub equality: Equality,
    pub status: ReferralStatus,
    pub reason: Option<String>,
    pub sent_at: String,
    pub accepted_at: Option<String>,
    pub declined_at: Option<String>,
    pub attended_at: Option<String>,
    pub did_not_attend_at: Option<String>,
    pub closed_at: Option<String>,
    pub purged_at: Option<String>,
    /// The moves this reader may make next.
    pub next: Vec<ReferralStatus>,
}

/// Which referrals to list (codes as given; checked).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReferralQuery {
    pub service_id: Option<String>,
    pub status: Option<String>,
}

/// One equality field, for the tallies of `signpost equality`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EqualityField {
    EthnicGroup,
    Religion,
    MainLanguage,
    Sex,
    AgeBand,
}

/// How many referrals reached `metric` (`referred`, `accepted`, `attended`) in one `group` (a
/// code of the field, or `not-recorded`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EqualityTally {
    pub group: String,
    pub metric: String,
    pub count: u64,
}

/// How long referrals of one group waited from being sent to a step (accepted, attended): the
/// median in days over those that reached it.
pub use signpost_equality::Wait as EqualityWait;

/// A referral a service declined because it was full: the local authority (GSS code, name) of
/// the service's first shown location in the UK, if it has one, and the needs it was sent for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclinedFull {
    pub area: Option<(String, String)>,
    pub needs: Vec<String>,
}

/// The group of referrals without the field.
pub const NOT_RECORDED: &str = "not-recorded";
/// The metrics of [`EqualityTally`], in order.
pub const METRICS: [&str; 3] = ["referred", "accepted", "attended"];

/// Who is asking, as far as referrals go: the key, its role and its team.
#[derive(Debug, Clone)]
struct Reader {
    name: String,
    role: Role,
    organization_id: Option<String>,
}

impl Reader {
    fn team(&self) -> String {
        match &self.organization_id {
            Some(organization) => format!("organization:{organization}"),
            None => format!("key:{}", self.name),
        }
    }

    /// The referrals this reader may see; `None` for an admin (all of them).
    fn scope(&self) -> Option<ReferralScope> {
        (self.role != Role::Admin).then(|| ReferralScope {
            team: self.team(),
            organization_id: self.organization_id.clone(),
        })
    }

    fn sees(&self, row: &ReferralRow) -> bool {
        self.role == Role::Admin || row.team == self.team() || self.receives(row)
    }

    /// Whether the reader acts for the organisation the referral was sent to.
    fn receives(&self, row: &ReferralRow) -> bool {
        self.organization_id.is_some() && row.organization_id == self.organization_id
    }

    /// The moves this reader may make on the referral: the receiving service (and an admin)
    /// records every outcome; the sending team may only close it.
    fn moves(&self, row: &ReferralRow) -> Vec<ReferralStatus> {
        let allowed = allowed_moves(row.status);
        if self.role == Role::Admin || self.receives(row) {
            allowed.to_vec()
        } else {
            allowed
                .iter()
                .copied()
                .filter(|to| *to == ReferralStatus::Closed)
                .collect()
        }
    }
}

/// Referrals over a store, with the data directory that holds (or names) the secret key.
#[derive(Debug, Clone, Copy)]
pub struct Referrals<'s> {
    store: &'s Store,
    data_dir: &'s Path,
}

impl<'s> Referrals<'s> {
    pub fn new(store: &'s Store, data_dir: &'s Path) -> Referrals<'s> {
        Referrals { store, data_dir }
    }

    /// The key that opens the rows' sealed fields; `None` when no row has any (so reading
    /// referrals without equality fields needs no key).
    fn opening_key(&self, rows: &[ReferralRow]) -> Result<Option<SecretKey>> {
        if rows.iter().any(|row| row.equality.is_some()) {
            SecretKey::for_opening(self.data_dir).map(Some)
        } else {
            Ok(None)
        }
    }

    async fn reader(&self, actor: &Actor) -> Result<Reader> {
        Ok(Reader {
            name: actor.name.clone(),
            role: actor.role,
            organization_id: self.store.api_key_organization(&actor.name).await?,
        })
    }

    /// Sends a referral (status `sent`), with its audit entry.
    pub async fn send(&self, actor: &Actor, referral: &NewReferral) -> Result<Referral> {
        let case_ref = rules::case_ref(&referral.case_ref)?;
        let needs = crate::resolve::categories(&referral.needs)?;
        let equality = validate_equality(&referral.equality)?;
        let service = self
            .store
            .service(&referral.service_id)
            .await?
            .ok_or_else(|| {
                AppError::rejected(
                    Code::NotFound,
                    format!("no service with id {:?}", referral.service_id),
                )
            })?;
        let reader = self.reader(actor).await?;
        let id = new_referral_id();
        let sealed = if equality.is_empty() {
            None
        } else {
            let plain = serde_json::to_vec(&equality)
                .map_err(|e| AppError::Task(format!("cannot encode equality fields: {e}")))?;
            Some(SecretKey::for_sealing(self.data_dir)?.seal(&id, &plain)?)
        };
        let needs_text = serde_json::to_string(&needs)
            .map_err(|e| AppError::Task(format!("cannot encode needs: {e}")))?;
        let row = self
            .store
            .insert_referral(
                &NewReferralRow {
                    id,
                    service_id: service.id,
                    organization_id: service.organization_id,
                    team: reader.team(),
                    sent_by: reader.name.clone(),
                    case_ref,
                    needs: needs_text,
                    equality: sealed,
                },
                &store_actor(actor),
            )
            .await?;
        tracing::debug!(referral = %row.id, "referral sent");
        Ok(view(row, equality, &reader))
    }

    /// The referral with this id, when the actor may see it (else `not_found`).
    pub async fn get(&self, actor: &Actor, id: &str) -> Result<Referral> {
        let reader = self.reader(actor).await?;
        let row = self.visible_row(&reader, id).await?;
        self.opened(&reader, vec![row])?
            .pop()
            .ok_or_else(|| AppError::Task("a read referral went missing".into()))
    }

    /// The referrals the actor may see, newest first, filtered by service and status.
    pub async fn list(&self, actor: &Actor, query: &ReferralQuery) -> Result<Vec<Referral>> {
        let reader = self.reader(actor).await?;
        let status = query.status.as_deref().map(rules::status).transpose()?;
        let rows = self
            .store
            .referrals(&ReferralFilter {
                visible_to: reader.scope(),
                service_id: query.service_id.clone(),
                status,
                ..ReferralFilter::default()
            })
            .await?;
        self.opened(&reader, rows)
    }

    /// Moves the referral to `status` (a declined referral needs a `reason` code); a move the
    /// loop does not allow is `invalid_referral_move`, naming the moves that are.
    pub async fn change_status(
        &self,
        actor: &Actor,
        id: &str,
        status: &str,
        reason: Option<&str>,
    ) -> Result<Referral> {
        let to = rules::status(status)?;
        let reason = rules::reason(to, reason)?;
        let reader = self.reader(actor).await?;
        let row = self.visible_row(&reader, id).await?;
        rules::check_move(&row, to, &reader.moves(&row))?;
        let moved = self
            .store
            .move_referral(id, row.status, to, reason, &store_actor(actor))
            .await?;
        let Some(moved) = moved else {
            return Err(AppError::rejected(
                Code::Conflict,
                format!("referral {id} changed while it was being moved; read it again"),
            ));
        };
        tracing::debug!(referral = %id, status = to.as_str(), "referral moved");
        self.opened(&reader, vec![moved])?
            .pop()
            .ok_or_else(|| AppError::Task("a moved referral went missing".into()))
    }

    /// Empties the case reference and needs of referrals closed longer ago than `retention`;
    /// how many were purged.
    pub async fn purge(&self, retention: Retention) -> Result<u64> {
        let cutoff = retention.cutoff(Utc::now());
        let purged = self.store.purge_referrals(&timestamp(cutoff)).await?;
        if purged > 0 {
            tracing::info!(
                purged,
                "purged closed referrals past their retention period"
            );
        }
        Ok(purged)
    }

    /// How many referrals sent from `from` to `to` (inclusive dates, UTC) reached each metric,
    /// per group of one equality field.
    pub async fn equality_tallies(
        &self,
        by: EqualityField,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<EqualityTally>> {
        Ok(self.tally(by, from, to).await?.into_tallies())
    }

    /// The median waits from sending to acceptance and to attendance, per group of one equality
    /// field, over the referrals sent from `from` to `to` (inclusive dates, UTC).
    pub async fn equality_waits(
        &self,
        by: EqualityField,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<EqualityWait>> {
        Ok(self.tally(by, from, to).await?.into_waits())
    }

    /// Every referral declined with the reason `full` (closed since or not), placed in the local
    /// authority of the service it was sent to, for the gap report's unmet referral demand.
    pub async fn declined_full(&self) -> Result<Vec<DeclinedFull>> {
        let places =
            signpost_geo::Gazetteer::bundled().map_err(|e| AppError::Places(e.to_string()))?;
        let rows = self.store.referrals(&ReferralFilter::default()).await?;
        let mut declined = Vec::new();
        for row in rows.into_iter().filter(was_declined_full) {
            let service = self.store.service(&row.service_id).await?;
            let area = service
                .as_ref()
                .and_then(shown_point)
                .and_then(|point| places.locate(point))
                .map(|areas| (areas.lad_code, areas.lad_name));
            declined.push(DeclinedFull {
                area,
                needs: needs_of(&row),
            });
        }
        Ok(declined)
    }

    async fn tally(
        &self,
        by: EqualityField,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<rules::Tally> {
        let rows = self
            .store
            .referrals(&ReferralFilter {
                sent_from: from.map(start_of_day),
                sent_before: to.and_then(|d| d.succ_opt()).map(start_of_day),
                ..ReferralFilter::default()
            })
            .await?;
        let key = self.opening_key(&rows)?;
        let mut tally = rules::Tally::default();
        for row in &rows {
            let equality = open_equality(key.as_ref(), row)?;
            let group = equality.field(by).unwrap_or(NOT_RECORDED);
            tally.count(group, row);
        }
        Ok(tally)
    }

    async fn visible_row(&self, reader: &Reader, id: &str) -> Result<ReferralRow> {
        self.store
            .referral(id)
            .await?
            .filter(|row| reader.sees(row))
            .ok_or_else(|| AppError::rejected(Code::NotFound, format!("no referral {id:?}")))
    }

    /// The rows as their reader sees them, equality fields opened.
    fn opened(&self, reader: &Reader, rows: Vec<ReferralRow>) -> Result<Vec<Referral>> {
        let key = self.opening_key(&rows)?;
        rows.into_iter()
            .map(|row| {
                let equality = open_equality(key.as_ref(), &row)?;
                Ok(view(row, equality, reader))
            })
            .collect()
    }
}

fn was_declined_full(row: &ReferralRow) -> bool {
    row.declined_at.is_some() && row.reason.as_deref() == Some("full")
}

/// The first location of the service that is not confidential, as a point.
fn shown_point(service: &signpost_domain::Service) -> Option<signpost_geo::Point> {
    service
        .service_at_locations
        .iter()
        .filter(|at| !service.is_confidential_at(at))
        .filter_map(|at| at.location.as_ref())
        .find_map(|l| Some(signpost_geo::Point::new(l.latitude?, l.longitude?)))
}

/// The row's needs: written by this module as a JSON array of codes; unreadable or purged text
/// reads as none.
fn needs_of(row: &ReferralRow) -> Vec<String> {
    row.needs
        .as_deref()
        .and_then(|text| serde_json::from_str(text).ok())
        .unwrap_or_default()
}

/// A row as `reader` sees it, with its opened equality fields.
fn view(row: ReferralRow, equality: Equality, reader: &Reader) -> Referral {
    let next = reader.moves(&row);
    let needs = needs_of(&row);
    Referral {
        id: row.id,
        service_id: row.service_id,
        organization_id: row.organization_id,
        team: row.team,
        sent_by: row.sent_by,
        case_ref: row.case_ref,
        needs,
        equality,
        status: row.status,
        reason: row.reason,
        sent_at: row.sent_at,
        accepted_at: row.accepted_at,
        declined_at: row.declined_at,
        attended_at: row.attended_at,
        did_not_attend_at: row.did_not_attend_at,
        closed_at: row.closed_at,
        purged_at: row.purged_at,
        next,
    }
}

fn open_equality(key: Option<&SecretKey>, row: &ReferralRow) -> Result<Equality> {
    let (Some(key), Some(sealed)) = (key, &row.equality) else {
        return Ok(Equality::default());
    };
    let plain = key.open(&row.id, sealed)?;
    serde_json::from_slice(&plain).map_err(|_| {
        AppError::SecretKey(format!(
            "the equality fields of referral {} are not readable",
            row.id
        ))
    })
}

fn store_actor(actor: &Actor) -> signpost_store::Actor {
    signpost_store::Actor {
        key_name: actor.name.clone(),
    }
}

/// A new referral id: `ref_` and 16 random hex digits (not guessable, not a sequence).
fn new_referral_id() -> String {
    let mut bytes = [0u8; 8];
    OsRng.fill_bytes(&mut bytes);
    format!("ref_{}", hex::encode(bytes))
}

/// RFC 3339 UTC with microseconds, as the store writes its times (so text order is time order).
fn timestamp(at: chrono::DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn start_of_day(date: NaiveDate) -> String {
    timestamp(Utc.from_utc_datetime(&date.and_time(chrono::NaiveTime::MIN)))
}

impl Storage {
    /// Referrals of this store (docs/referrals.md).
    pub fn referrals(&self) -> Referrals<'_> {
        Referrals::new(self.store(), self.data_dir())
    }

    /// How many referrals reached each metric, per group of one equality field (docs/referrals.md).
    pub async fn equality_tallies(
        &self,
        by: EqualityField,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<EqualityTally>> {
        self.referrals().equality_tallies(by, from, to).await
    }

    /// Referrals declined as full, by the service's local authority (docs/gaps.md).
    pub async fn declined_full_referrals(&self) -> Result<Vec<DeclinedFull>> {
        self.referrals().declined_full().await
    }

    /// The median waits to acceptance and to attendance, per group of one equality field
    /// (docs/referrals.md).
    pub async fn equality_waits(
        &self,
        by: EqualityField,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<EqualityWait>> {
        self.referrals().equality_waits(by, from, to).await
    }
}

impl Directory {
    /// Referrals of this directory's store (docs/referrals.md).
    pub fn referrals(&self) -> Referrals<'_> {
        Referrals::new(&self.store, self.data_dir())
    }
}
