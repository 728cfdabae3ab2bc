from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.queue_job.exception import RetryableJobError

from .smart_query_run import UNFINISHED_JOB_STATES

# Local hour at which nightly and weekly triggers first run.
NIGHTLY_HOUR = 2
FREQUENCY_STEPS = {
    "hourly": relativedelta(hours=1),
    "nightly": relativedelta(days=1),
    "weekly": relativedelta(weeks=1),
}
# A run takes this transaction-level advisory lock on its trigger: two runs of one trigger never
# update its members at once (queue_job's identity key only dedupes runs not yet started).
ADVISORY_LOCK_CLASS = 0x5351
# Seconds before queue_job tries again a run that found the previous one still updating members.
BUSY_RETRY_SECONDS = 10
SAMPLE_SIZE = 10
# What each kind of action cannot run without; deleting it empties the action (ondelete set null).
REQUIRED_REFERENCES = {"mail": "template_id", "server_action": "server_action_id", "activity": "activity_type_id"}


class SmartQueryTrigger(models.Model):
    """Koban's smart query flag: a query whose new records get acted upon on a schedule."""

    _name = "smart.query.trigger"
    _description = "Smart Query Trigger"
    _order = "query_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    query_id = fields.Many2one("smart.query", string="Query", required=True, ondelete="cascade", index=True)
    model_id = fields.Many2one(related="query_id.model_id")
    model_name = fields.Char(related="query_id.model_name")
    frequency = fields.Selection(
        [("hourly", "Every Hour"), ("nightly", "Every Night"), ("weekly", "Every Week")],
        default="nightly",
        required=True,
    )
    next_run_date = fields.Datetime(
        string="Next Run",
        compute="_compute_next_run_date",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="The scheduled job runs the trigger at its first pass after this date. Nightly and "
        "weekly triggers start the coming night at 2 a.m., hourly ones at once.",
    )
    scope = fields.Selection(
        [("new", "Records that newly match"), ("all", "All matching records")],
        default="new",
        required=True,
        help="Newly matching records: each record is acted upon once, when it enters the selection "
        "(again after it left it). All matching records: every run acts on the whole selection.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Run As",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="The query is searched and the actions run with this user's rights; the query's owner "
        "unless a settings manager chose another user.",
    )
    batch_size = fields.Integer(
        default=1000,
        required=True,
        help="Records acted upon by one background job: each batch is done, or retried, as a whole.",
    )
    action_ids = fields.One2many("smart.query.trigger.action", "trigger_id", string="Actions", copy=True)
    run_ids = fields.One2many("smart.query.run", "trigger_id", string="Runs")
    run_count = fields.Integer(compute="_compute_run_count")

    _batch_size_positive = models.Constraint("CHECK (batch_size > 0)", "The batch size must be positive.")

    @api.depends("frequency")
    def _compute_next_run_date(self):
        now = fields.Datetime.now()
        tz_name = self.env.context.get("tz") or self.env.user.tz
        tz = pytz.timezone(tz_name) if tz_name in pytz.all_timezones_set else pytz.utc
        local_today = pytz.utc.localize(now).astimezone(tz).date()
        night = tz.localize(datetime.combine(local_today, time(NIGHTLY_HOUR)))
        if night.astimezone(pytz.utc).replace(tzinfo=None) <= now:
            night = tz.localize(datetime.combine(local_today + timedelta(days=1), time(NIGHTLY_HOUR)))
        coming_night = night.astimezone(pytz.utc).replace(tzinfo=None)
        for trigger in self:
            trigger.next_run_date = now if trigger.frequency == "hourly" else coming_night

    @api.depends("query_id")
    def _compute_user_id(self):
        for trigger in self:
            if not trigger.user_id:
                trigger.user_id = trigger.query_id.user_id

    def _compute_run_count(self):
        counts = dict(
            self.env["smart.query.run"]._read_group(
                [("trigger_id", "in", self.ids), ("dry_run", "=", False)], ["trigger_id"], ["__count"]
            )
        )
        for trigger in self:
            trigger.run_count = counts.get(trigger, 0)

    @api.constrains("user_id", "query_id")
    def _check_run_as_user(self):
        if self.env.user._is_system():  # constraints run as superuser: ask the real user
            return
        for trigger in self:
            if trigger.user_id != trigger.query_id.user_id:
                raise ValidationError(
                    self.env._(
                        'Only a settings manager may run the trigger "%(trigger)s" as %(user)s: leave the '
                        "query's owner, %(owner)s.",
                        trigger=trigger.name,
                        user=trigger.user_id.name,
                        owner=trigger.query_id.user_id.name,
                    )
                )

    def _check_steered_by(self, user):
        """A trigger acts as its run-as user: with that user's groups, and with the rules tied to
        who the user is (own documents, companies), which holding the same groups does not give.
        So what it does (its query's criteria, its actions, running it) is decided by that user
        or by a settings manager only."""
        if user._is_superuser() or user._is_system():
            return
        for trigger in self.sudo():  # the run-as user is compared, whoever may read triggers
            if trigger.user_id != user:
                raise AccessError(
                    self.env._(
                        'The trigger "%(trigger)s" runs as %(user)s: only %(user)s or a settings manager may '
                        "change what it does (its actions, its query's criteria) or run it.",
                        trigger=trigger.name,
                        user=trigger.user_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        triggers = super().create(vals_list)
        if not self.env.su:
            triggers._check_steered_by(self.env.user)
        return triggers

    def write(self, vals):
        if not self.env.su:
            self._check_steered_by(self.env.user)
        result = super().write(vals)
        if not self.env.su and {"user_id", "query_id"} & set(vals):
            self._check_steered_by(self.env.user)
        if "query_id" in vals:
            self.action_ids._check_configuration()
            self._forget_members()
        return result

    def _forget_members(self):
        """Another query or model: the records found so far are ids of another selection, maybe
        of another table, and must not pass for already processed."""
        # The members are the trigger's bookkeeping, kept whoever changes the trigger.
        self.env["smart.query.member"].sudo().search([("trigger_id", "in", self.ids)]).unlink()

    # ------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------

    def action_run_now(self):
        self.ensure_one()
        self._check_steered_by(self.env.user)
        self._check_may_delete()
        if not self.active:
            raise UserError(
                self.env._(
                    'The trigger "%s" is deactivated: check its query and actions, then reactivate it to run it.',
                    self.name,
                )
            )
        self._check_can_run()
        self._check_has_actions()
        self._enqueue_run()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.name,
                "message": self.env._(
                    "The run is queued: it acts in the background. Its log appears under Runs once it has started."
                ),
                "type": "info",
            },
        }

    def action_dry_run(self):
        self.ensure_one()
        self._check_steered_by(self.env.user)
        return self._dry_run()._action_open()

    def _check_may_delete(self):
        """Running a trigger that deletes records needs the right to set such a trigger up."""
        if self.env.su or self.env.user._is_system():
            return
        if "unlink" in self.sudo().action_ids.mapped("kind"):  # the kinds, whoever may read the actions
            raise AccessError(
                self.env._('The trigger "%s" deletes records: only a settings manager may run it by hand.', self.name)
            )

    def action_open_runs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("smart_queries.smart_query_run_action")
        action["domain"] = [("trigger_id", "=", self.id)]
        action["context"] = {"default_trigger_id": self.id, "search_default_runs": 1}
        return action

    # ------------------------------------------------------------
    # Scheduled job: it only finds the due triggers, queue_job runs them
    # ------------------------------------------------------------

    @api.model
    def _cron_run_due_triggers(self):
        """Queue a run of every due trigger and plan its next one."""
        now = fields.Datetime.now()
        for trigger in self.search([("next_run_date", "<=", now), ("query_id.active", "=", True)]):
            trigger._enqueue_run()
            trigger.next_run_date = trigger._following_run_date(now)

    def _following_run_date(self, now):
        self.ensure_one()
        step = FREQUENCY_STEPS[self.frequency]
        next_date = self.next_run_date + step
        while next_date <= now:
            next_date += step
        return next_date

    def _enqueue_run(self):
        """Queue the run of the trigger; a run still waiting to start is not queued twice."""
        self.ensure_one()
        self.with_delay(
            description=self.env._("Smart query trigger: %s", self.name),
            identity_key=f"smart_query_trigger_run:{self.id}",
        )._job_run()

    def _check_can_run(self):
        """Refuse, saying what to do, a run whose query is archived or whose model is no longer
        installed (the actions are checked once read, see `_check_actions_can_run`)."""
        self.ensure_one()
        query = self.query_id
        if not query.active:
            raise UserError(
                self.env._('The query "%s" is archived: restore it before running its triggers.', query.name)
            )
        query._check_runnable()

    def _check_has_actions(self):
        """A run marks its records processed: without an action, one added later would never
        reach them. (A dry run, which only counts, needs none.)"""
        self.ensure_one()
        if not self.sudo().action_ids:  # whoever runs it: the actions are the trigger's configuration
            raise UserError(self.env._('The trigger "%s" has no action: add one before running it.', self.name))

    def _check_actions_can_run(self, actions):
        """Refuse a run whose action lost what it needs since it was saved (its template, server
        action or activity type was deleted), before it acts on any record. Reads only what
        the run already fetched: the saved configuration was checked when it was saved."""
        lost = actions.filtered(
            lambda action: action.kind in REQUIRED_REFERENCES and not action[REQUIRED_REFERENCES[action.kind]]
        )
        if lost:
            problem = lost[0]._configuration_problem()
            raise UserError(self.env._("Trigger %(trigger)s: %(problem)s", trigger=self.name, problem=problem))

    def _read_actions(self):
        """The actions as configuration, their stored columns in one query; they act on the
        records with the records' env (the run-as user)."""
        Action = self.env["smart.query.trigger.action"].sudo()  # configuration, whoever runs
        columns = [name for name, field in Action._fields.items() if field.store and field.column_type]
        actions = Action.search_fetch([("trigger_id", "=", self.id)], columns)
        self._check_actions_can_run(actions)
        return actions

    # ------------------------------------------------------------
    # Running: the jobs
    # ------------------------------------------------------------

    def _job_run(self):
        """Job: bring the members up to date with the query in one statement, then queue one job
        per batch of records to act upon (or act at once when they make one batch). The run log is made here, in the job's transaction: a
        worker killed now leaves no log behind, and queue_job runs the job again."""
        self.ensure_one()
        cr = self.env.cr
        cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", ADVISORY_LOCK_CLASS, self.id))
        if not cr.fetchone()[0]:
            raise RetryableJobError(
                f"smart query trigger {self.id}: another run is updating its members",
                seconds=BUSY_RETRY_SECONDS,
                ignore_retry=True,
            )
        self._check_can_run()
        self._check_has_actions()
        self._read_actions()
        _records, matching = self._matching()
        counts = self._update_members(matching)
        # Run logs are bookkeeping, not user data: written whoever the trigger runs as.
        run = self.env["smart.query.run"].sudo().create({"trigger_id": self.id, **counts})
        claimed = self._claim_members(run)
        if len(claimed) <= self.batch_size:
            # One batch (the nightly newcomers, most often): done here, a job less.
            run._job_process_batch(claimed)
        else:
            run._enqueue_batches(claimed)
        return run

    def _on_run_job_failed(self, exc_info=None, exc_name=None, exc_message=None, **kwargs):
        """The run stopped before acting (criteria no longer valid, model gone, an action set
        wrong): its own log says so, since the job's transaction, log included, was rolled back."""
        # Run logs are bookkeeping, written whoever's job failed.
        self.env["smart.query.run"].sudo().create(
            {
                "trigger_id": self.id,
                "stopped": True,
                "end_date": fields.Datetime.now(),
                "stop_details": self.env._("The run stopped with an error: %s", exc_message or exc_name),
            }
        )

    def _matching(self):
        """The model's records as the run-as user, and the query of those the criteria match with
        that user's rights (not run yet: the run and the dry run use it in their own SQL)."""
        records = self.env[self.model_name].with_user(self.user_id)
        matching = records._search(self.query_id.with_user(self.user_id)._get_domain())
        self.env.flush_all()
        return records, matching

    def _dry_run(self):
        """Count what a run would do, and show a sample, without acting: at once, not queued."""
        self.ensure_one()
        self._check_can_run()
        records, matching = self._matching()
        # Run logs are bookkeeping, not user data: written whoever the trigger runs as.
        run = self.env["smart.query.run"].sudo().create({"trigger_id": self.id, "dry_run": True})
        self._count_dry_run(run, records, matching)
        return run

    def _count_dry_run(self, run, records, matching):
        cr = self.env.cr
        cr.execute(SQL("SELECT count(*) FROM %s AS matching(id)", matching.subselect()))
        matched = cr.fetchone()[0]
        if self.scope == "all":
            cr.execute(SQL("SELECT matching.id FROM %s AS matching(id) ORDER BY matching.id", matching.subselect()))
        else:
            cr.execute(
                SQL(
                    """SELECT matching.id FROM %s AS matching(id)
                        WHERE NOT EXISTS (SELECT 1 FROM smart_query_member member
                                           WHERE member.trigger_id = %s AND member.res_id = matching.id
                                             AND member.state IN ('processed', 'queued'))
                     ORDER BY matching.id""",
                    matching.subselect(),
                    self.id,
                )
            )
        new_ids = [row[0] for row in cr.fetchall()]
        sample = records.browse(new_ids[:SAMPLE_SIZE])
        run.write(
            {
                "matched_count": matched,
                "new_count": len(new_ids),
                "sample": "\n".join(sample.mapped("display_name")),
            }
        )

    def _update_members(self, matching):
        """Make the members table the query's current selection in one statement of set
        operations: those that left it are forgotten (coming back, they are new again), those
        that entered it are added as to process, and with the "all" scope every member done is
        to process again (one already queued for a batch stays with its batch). Return the run's
        matched and new counts."""
        cr = self.env.cr
        again = SQL("")
        if self.scope == "all":
            again = SQL(
                """, again AS (UPDATE smart_query_member SET state = 'new', run_id = NULL
                                WHERE trigger_id = %s AND state IN ('processed', 'failed')
                                  AND res_id IN (SELECT id FROM matching))""",
                self.id,
            )
        cr.execute(
            SQL(
                """WITH matching(id) AS MATERIALIZED %(matching)s,
                        gone AS (DELETE FROM smart_query_member member
                                  WHERE member.trigger_id = %(trigger)s
                                    AND NOT EXISTS (SELECT 1 FROM matching WHERE matching.id = member.res_id)
                              RETURNING member.state),
                        came AS (INSERT INTO smart_query_member (trigger_id, res_id, state)
                                 SELECT %(trigger)s, matching.id, 'new' FROM matching
                                     ON CONFLICT (trigger_id, res_id) DO NOTHING
                              RETURNING 1)%(again)s
                 SELECT (SELECT count(*) FROM matching),
                        (SELECT count(*) FROM smart_query_member
                          WHERE trigger_id = %(trigger)s AND state IN ('new', 'failed'))
                        - (SELECT count(*) FROM gone WHERE state IN ('new', 'failed'))
                        + (SELECT count(*) FROM came)""",
                matching=matching.subselect(),
                trigger=self.id,
                again=again,
            )
        )
        matched, new = cr.fetchone()
        return {"matched_count": matched, "new_count": matched if self.scope == "all" else new}

    def _claim_members(self, run):
        """Hand the members to process to `run`: new ones, failed ones (each run tries them
        again), and those a finished run left queued (its batch job failed for good). A member
        queued for a batch of a running run is that run's."""
        self.env.cr.execute(
            SQL(
                """UPDATE smart_query_member member SET state = 'queued', run_id = %(run)s
                    WHERE trigger_id = %(trigger)s
                      AND (state IN ('new', 'failed')
                           OR (state = 'queued' AND NOT EXISTS (
                               SELECT 1 FROM smart_query_run_queue_job_rel rel
                                 JOIN queue_job job ON job.id = rel.job_id
                                WHERE rel.run_id = member.run_id
                                  AND job.state IN %(unfinished)s)))
                RETURNING res_id""",
                run=run.id,
                trigger=self.id,
                unfinished=UNFINISHED_JOB_STATES,
            )
        )
        return sorted(row[0] for row in self.env.cr.fetchall())

    def _stop_at_delete_cap(self):
        """More records to delete than the safety cap allows: the query may be wrong, so the
        trigger stops until someone checks it, instead of deleting as many again each night."""
        # A safety stop, made whoever's job reached the cap: not a change of what the trigger does.
        self.sudo().active = False
