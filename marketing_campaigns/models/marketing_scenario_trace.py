import logging
from collections import defaultdict
from datetime import timedelta

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Command, Domain
from odoo.tools import SQL, split_every

from odoo.addons.smart_queries.models.smart_query_trigger_action import isolated

from .marketing_scenario_step import EVENT_TRIGGERS

_logger = logging.getLogger(__name__)

# Participants' steps run by one job: one step of several hundred participants, sent or done
# at once; a failing participant is isolated in the job, so the batch is only retried as a
# whole after a database conflict or a dead worker.
PROCESS_BATCH_SIZE = 500
# A failed attempt is tried again after this delay, times the number of attempts so far.
RETRY_DELAY = timedelta(minutes=15)
# What a mailing trace says of each event the branches look for.
EVENT_DOMAINS = {
    "opened": Domain("mailing_trace_id.trace_status", "in", ("open", "reply"))
    | Domain("mailing_trace_id.links_click_datetime", "!=", False),
    "clicked": Domain("mailing_trace_id.links_click_datetime", "!=", False),
    "replied": Domain("mailing_trace_id.trace_status", "=", "reply"),
    "bounced": Domain("mailing_trace_id.trace_status", "=", "bounce"),
}


class MarketingScenarioTrace(models.Model):
    """One step of one participant: when it is due, what came of it. It is the unit of work:
    claimed, done, or retried on its own, so that a step done never runs again."""

    _name = "marketing.scenario.trace"
    _description = "Marketing Scenario Step of a Participant"
    _order = "schedule_date, id"
    _rec_name = "step_id"

    participant_id = fields.Many2one(
        "marketing.scenario.participant", required=True, ondelete="cascade", index=True, readonly=True
    )
    # Precomputed: part of the INSERT of the steps scheduled by the thousand, not an UPDATE after it.
    scenario_id = fields.Many2one(related="participant_id.scenario_id", store=True, index=True, precompute=True)
    company_id = fields.Many2one(related="participant_id.company_id", store=True, index=True, precompute=True)
    res_id = fields.Many2oneReference(related="participant_id.res_id", string="Record ID")
    step_id = fields.Many2one("marketing.scenario.step", required=True, ondelete="cascade", index=True, readonly=True)
    kind = fields.Selection(related="step_id.kind")
    parent_id = fields.Many2one("marketing.scenario.trace", string="After", ondelete="cascade", readonly=True)
    schedule_date = fields.Datetime(string="Due On", required=True, index=True, readonly=True)
    state = fields.Selection(
        [
            ("scheduled", "Scheduled"),
            ("queued", "Queued"),
            ("done", "Done"),
            ("skipped", "Skipped"),
            ("cancelled", "Not taken"),
            ("error", "In error"),
        ],
        default="scheduled",
        required=True,
        readonly=True,
        index=True,
        help="Skipped: the participant refuses e-mails (or calls). Not taken: a branch whose condition "
        "was not met, or a participant who left the scenario.",
    )
    done_date = fields.Datetime(string="Done On", readonly=True)
    attempt_count = fields.Integer(string="Attempts", readonly=True)
    error = fields.Text(readonly=True)
    mailing_trace_id = fields.Many2one(
        "mailing.trace",
        string="E-mail",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
        help="The e-mail sent by this step, or by the nearest e-mail step above it: the branches read its events.",
    )
    mailing_trace_status = fields.Selection(related="mailing_trace_id.trace_status", string="E-mail Status")

    # ------------------------------------------------------------
    # Scheduled job: it only finds the due steps, queue_job runs them
    # ------------------------------------------------------------

    @api.model
    def _due_domain(self):
        """Steps due now: their date has come, or the event their branch waits for happened, in
        running scenarios."""
        now = fields.Datetime.now()
        early = [
            Domain("step_id.trigger", "=", trigger) & EVENT_DOMAINS[event]
            for trigger, (event, happened) in EVENT_TRIGGERS.items()
            if happened
        ]
        return list(
            Domain("state", "=", "scheduled")
            & Domain("participant_id.state", "=", "running")
            # A stopped scenario is paused; a test runs whatever the scenario's state.
            & (Domain("scenario_id.state", "=", "running") | Domain("participant_id.is_test", "=", True))
            & Domain.OR([Domain("schedule_date", "<=", now), *early])
        )

    @api.model
    def _cron_process_due_steps(self):
        """Queue the due steps, one job per batch of participants at one step."""
        due = self.search(self._due_domain(), order="step_id, id")
        for step, traces in due.grouped("step_id").items():
            for batch in split_every(PROCESS_BATCH_SIZE, traces.ids, self.browse):
                batch.with_delay(
                    description=self.env._(
                        "Marketing scenario %(scenario)s: %(step)s for %(count)s participants",
                        scenario=step.scenario_id.name,
                        step=step.name,
                        count=len(batch),
                    )
                )._job_process()
        # Handed to their jobs: the next pass does not queue them again.
        due.state = "queued"
        return len(due)

    # ------------------------------------------------------------
    # The job
    # ------------------------------------------------------------

    def _job_process(self):
        """Job: run the step of these participants that is still handed to a job.

        The claim is this job's transaction: a job performed twice (a retry, two workers) finds
        the steps already done and does nothing. A participant whose step fails is put back for
        a later attempt, or in error after the scenario's number of attempts; the others are done."""
        self.flush_model(["state"])
        self.env.cr.execute(
            SQL(
                """UPDATE marketing_scenario_trace SET state = 'done', done_date = now() AT TIME ZONE 'UTC'
                    WHERE id = ANY(%s) AND state = 'queued'
                RETURNING id""",
                self.ids,
            )
        )
        claimed = self.browse(sorted(row[0] for row in self.env.cr.fetchall()))
        if not claimed:
            return 0
        claimed.invalidate_recordset(["state", "done_date"])
        failures = {}
        for step, traces in claimed.grouped("step_id").items():
            failures.update(traces._run_isolated(step))
        failed = self.browse(list(failures))
        failed._record_failures(failures)
        (claimed - failed)._schedule_next_steps()
        claimed.participant_id._complete_finished()
        return len(claimed)

    def _run_isolated(self, step):
        """Run the step on all participants at once; if that fails, one by one, each in a
        savepoint that undoes what its attempt did. Return the errors of those that failed."""
        try:
            with isolated(self.env.cr):
                self._run(step)
        except psycopg2.OperationalError:
            raise  # a database conflict: queue_job retries the whole batch
        except Exception:  # noqa: BLE001 - tried again participant by participant just below
            _logger.info("Marketing step %s failed on a batch: run participant by participant", step.id)
        else:
            return {}
        errors = {}
        for trace in self:
            try:
                with isolated(self.env.cr):
                    trace._run(step)
            except psycopg2.OperationalError:
                raise
            except Exception as error:  # noqa: BLE001 - the participant is logged, the batch goes on
                _logger.info("Marketing step %s failed for participant %s: %s", step.id, trace.participant_id.id, error)
                errors[trace.id] = str(error) or type(error).__name__
        return errors

    def _record_failures(self, errors):
        """Put back for a later attempt the steps that failed, or in error once the scenario's
        number of attempts is reached (the participant with them)."""
        now = fields.Datetime.now()
        for trace in self:
            attempts = trace.attempt_count + 1
            values = {"attempt_count": attempts, "error": errors[trace.id], "done_date": False}
            if attempts >= trace.scenario_id.max_attempts:
                trace.write({**values, "state": "error"})
            else:
                trace.write({**values, "state": "scheduled", "schedule_date": now + RETRY_DELAY * attempts})
        self.filtered(lambda trace: trace.state == "error").participant_id._stop("error")

    def _on_process_job_failed(self, exc_info=None, exc_name=None, exc_message=None, **kwargs):
        """queue_job gave up on a batch (after its retries): its steps still queued are in error,
        with the reason, in a transaction of their own (the job's was rolled back)."""
        stuck = self.filtered(lambda trace: trace.state == "queued")
        stuck.write({"state": "error", "error": exc_message or exc_name or ""})
        stuck.participant_id._stop("error")

    # ------------------------------------------------------------
    # Running a step
    # ------------------------------------------------------------

    def _run(self, step):
        """Run `step` for the participants of these traces (claimed, all at this step)."""
        go = self._branch_taken(step)
        (self - go).write({"state": "cancelled"})
        if not go:
            return
        if step.kind == "end":
            go.participant_id._stop("completed")
            return
        if step.kind == "wait":
            return
        records = go._records(step)
        getattr(go, f"_run_{step.kind}")(step, records)

    def _branch_taken(self, step):
        """The traces whose branch condition on the e-mail is met (all of them for a step after its parent)."""
        if step.trigger == "parent":
            return self
        event, happened = EVENT_TRIGGERS[step.trigger]
        with_event = self.filtered_domain(EVENT_DOMAINS[event])
        return with_event if happened else self - with_event

    def _records(self, step):
        """The participants' records, with the rights of the scenario's Run As user."""
        scenario = step.scenario_id
        return self.env[scenario.model_name].with_user(scenario._run_as()).browse(self.mapped("res_id"))

    def _run_mail(self, step, records):
        tests = self.filtered(lambda trace: trace.participant_id.is_test)
        for traces, mailing in ((self - tests, step.mailing_id), (tests, step._test_mailing())):
            if not traces:
                continue
            res_ids = traces.mapped("res_id")
            mailing.with_env(records.env)._send_to_scenario_records(res_ids)
            if traces == tests:
                mailing._redirect_to_test_addresses(
                    dict(zip(res_ids, tests.participant_id.mapped("test_email"), strict=True))
                )
            traces._link_mailing_traces(mailing)

    def _link_mailing_traces(self, mailing):
        """Link each step to the mailing trace of its e-mail, the newest of the record; one Odoo
        did not send (blacklist, opt-out, no address) makes the step skipped.

        One UPDATE for the batch: each step has a trace of its own, which the ORM writes one
        by one."""
        self.flush_model(["participant_id", "mailing_trace_id"])
        self.env.cr.execute(
            SQL(
                """UPDATE marketing_scenario_trace AS step_trace
                      SET mailing_trace_id = mailing_trace.id, write_uid = %(uid)s, write_date = %(now)s
                     FROM marketing_scenario_participant AS participant,
                          (SELECT DISTINCT ON (res_id) id, res_id, trace_status
                             FROM mailing_trace
                            WHERE mass_mailing_id = %(mailing)s AND model = %(model)s AND res_id = ANY(%(res_ids)s)
                         ORDER BY res_id, id DESC) AS mailing_trace
                    WHERE step_trace.id = ANY(%(ids)s)
                      AND participant.id = step_trace.participant_id
                      AND mailing_trace.res_id = participant.res_id
                RETURNING step_trace.id, mailing_trace.trace_status""",
                uid=self.env.uid,
                now=fields.Datetime.now(),
                mailing=mailing.id,
                model=mailing.mailing_model_real,
                res_ids=list(set(self.mapped("res_id"))),
                ids=self.ids,
            )
        )
        status_of = dict(self.env.cr.fetchall())
        self.invalidate_recordset(["mailing_trace_id", "write_uid", "write_date"])
        self.filtered(lambda trace: status_of.get(trace.id, "cancel") in ("cancel", "error")).state = "skipped"

    def _run_wait(self, step, records):
        return

    def _run_activity(self, step, records):
        if step.activity_type_id.category == "phonecall" and "phone_sanitized_blacklisted" in records._fields:
            # Read afresh: a number may have been blacklisted (do not call) since it was cached.
            records.invalidate_recordset(["phone_sanitized_blacklisted"])
            refused = records.filtered("phone_sanitized_blacklisted")
            self.filtered(lambda trace: trace.res_id in refused.ids).state = "skipped"
            records -= refused
        deadline = fields.Date.context_today(self) + relativedelta(days=step.activity_days)
        by_user = defaultdict(lambda: records.browse())
        for record in records:
            by_user[self._assignee(step, record)] |= record
        for user, user_records in by_user.items():
            user_records.activity_schedule(
                activity_type_id=step.activity_type_id.id,
                summary=step.activity_summary or False,
                date_deadline=deadline,
                user_id=user.id,
            )

    def _assignee(self, step, record):
        salesperson = (
            record["user_id"] if "user_id" in record._fields and step.activity_assignee == "salesperson" else None
        )
        if salesperson and salesperson._name != "res.users":
            salesperson = None
        return salesperson or step.activity_user_id or step.scenario_id._run_as()

    def _run_tag_add(self, step, records):
        records.write({step.tag_field_id.name: [Command.link(step.tag_id)]})

    def _run_tag_remove(self, step, records):
        records.write({step.tag_field_id.name: [Command.unlink(step.tag_id)]})

    def _run_server_action(self, step, records):
        step.server_action_id.with_env(records.env).with_context(
            active_model=records._name, active_ids=records.ids, active_id=records[:1].id
        ).run()

    # ------------------------------------------------------------
    # What comes next
    # ------------------------------------------------------------

    def _schedule_next_steps(self):
        """Schedule the steps after those done (or skipped) for the participants still running.

        One INSERT for the batch: a job schedules the next steps of hundreds of participants,
        and the ORM's create, row by row, was a tenth of the scenario's cost above a plain
        mailing in marketing_campaigns' benchmark."""
        now = fields.Datetime.now()
        rows = []
        for trace in self.filtered(lambda trace: trace.state in ("done", "skipped")):
            participant = trace.participant_id
            if participant.state != "running":
                continue
            for child in trace.step_id.child_ids:
                rows.append(
                    SQL(
                        "(%s, %s, %s, %s::timestamp, %s::integer, %s, %s::integer)",
                        participant.id,
                        child.id,
                        trace.id,
                        child._schedule_date(now, test=participant.is_test),
                        # The e-mail the branches below read: this step's, else the one above it.
                        trace.mailing_trace_id.id or None,
                        participant.scenario_id.id,
                        participant.company_id.id or None,
                    )
                )
        if not rows:
            return self.browse()
        self.env.cr.execute(
            SQL(
                """INSERT INTO marketing_scenario_trace (participant_id, step_id, parent_id, schedule_date,
                       mailing_trace_id, scenario_id, company_id, state, create_uid, create_date, write_uid, write_date)
                   SELECT v.*, 'scheduled', %(uid)s, %(now)s, %(uid)s, %(now)s
                     FROM (VALUES %(rows)s) AS v
                RETURNING id""",
                uid=self.env.uid,
                now=now,
                rows=SQL(", ").join(rows),
            )
        )
        self.participant_id.invalidate_recordset(["trace_ids"])
        return self.browse(row[0] for row in self.env.cr.fetchall())
