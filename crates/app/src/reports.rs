//! Problem reports through the directory: anyone may tell the navigators a listing is wrong; a
//! navigator deals with it. Each change is written with its audit entry in one transaction (the
//! entry names the report and its status, never its message or the reporter's contact).

use signpost_store::{NewProblemReport, ProblemReport, ReportStatus};

use crate::code::Code;
use crate::directory::{Directory, store_actor};
use crate::error::{AppError, Result};
use crate::keys::Actor;

/// The audit log's name for a report sent by someone who is not signed in.
pub const PUBLIC_REPORTER: &str = "public";

impl Directory {
    /// Queues a report about an existing service (`not_found` when there is none). `reporter` is
    /// the signed-in navigator who sent it, if any.
    pub async fn report_problem(
        &self,
        report: &NewProblemReport,
        reporter: Option<&Actor>,
    ) -> Result<ProblemReport> {
        self.service(&report.service_id).await?;
        let by = reporter.map_or_else(
            || signpost_store::Actor {
                key_name: PUBLIC_REPORTER.to_owned(),
            },
            store_actor,
        );
        Ok(self.store.create_problem_report(report, &by).await?)
    }

    /// Problem reports, oldest first: all, or only those with `status`.
    pub async fn problem_reports(
        &self,
        status: Option<ReportStatus>,
    ) -> Result<Vec<ProblemReport>> {
        Ok(self.store.problem_reports(status).await?)
    }

    /// Marks a report as dealt with (`not_found` when there is no such report).
    pub async fn close_problem_report(&self, id: i64, actor: &Actor) -> Result<()> {
        let closed = self
            .store
            .set_problem_report_status(id, ReportStatus::Closed, &store_actor(actor))
            .await?;
        if closed {
            Ok(())
        } else {
            Err(AppError::rejected(
                Code::NotFound,
                format!("there is no problem report {id}"),
            ))
        }
    }
}
