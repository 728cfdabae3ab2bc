from odoo import api, fields, models
from odoo.tools import SQL, split_every

# Errors a run log keeps: enough to see what goes wrong, not a copy of every failed record.
MAX_ERRORS_LOGGED = 50
UNFINISHED_JOB_STATES = ("wait_dependencies", "pending", "enqueued", "started")


class SmartQueryRun(models.Model):
    """What one run of a trigger did: kept so that managers see what the nightly job acted on
    and which records failed, and why. Its state is that of its batch jobs (queue_job): running
    while one is to do, failed when one failed for good, done when all are; its counts are the
    sums of its batches'."""

    _name = "smart.query.run"
    _description = "Smart Query Trigger Run"
    _order = "start_date desc, id desc"

    trigger_id = fields.Many2one("smart.query.trigger", required=True, ondelete="cascade", index=True)
    query_id = fields.Many2one(related="trigger_id.query_id", store=True, precompute=True)
    dry_run = fields.Boolean(readonly=True, help="Counted what the run would do, without acting.")
    stopped = fields.Boolean(readonly=True, help="The run stopped before acting; the errors say why.")
    # Read from the jobs as superuser: the Jobs screen itself is for administrators.
    job_ids = fields.Many2many(
        "queue.job",
        relation="smart_query_run_queue_job_rel",
        column1="run_id",
        column2="job_id",
        string="Jobs",
        readonly=True,
        copy=False,
        groups="base.group_system",
    )
    batch_ids = fields.One2many("smart.query.run.batch", "run_id", string="Batches", readonly=True)
    # Computed, not stored: the batch jobs of a run finish at once on several workers, and each
    # writes its own rows (jobs, batch counts), never the run's.
    state = fields.Selection(
        [("running", "Running"), ("done", "Done"), ("failed", "Failed")],
        compute="_compute_state",
        compute_sudo=True,
        search="_search_state",
    )
    start_date = fields.Datetime(string="Start", required=True, default=fields.Datetime.now, readonly=True)
    end_date = fields.Datetime(string="End", compute="_compute_state", compute_sudo=True)
    matched_count = fields.Integer(string="Matched", readonly=True, help="Records matching the query.")
    new_count = fields.Integer(string="New", readonly=True, help="Records to act on in this run.")
    processed_count = fields.Integer(string="Processed", compute="_compute_counts")
    failed_count = fields.Integer(string="Failed", compute="_compute_counts", search="_search_failed_count")
    left_out_count = fields.Integer(
        string="Not Contacted",
        compute="_compute_counts",
        help="E-mails and calls not made because the address or number is on the blacklist (do not e-mail / do not call).",
    )
    deleted_count = fields.Integer(string="Deleted", readonly=True)
    sample = fields.Text(readonly=True, help="Some of the records a dry run would act on.")
    stop_details = fields.Text(readonly=True, help="Why the run, or one of its batches, stopped.")
    error_details = fields.Text(compute="_compute_counts")

    @api.depends("trigger_id.name", "start_date", "dry_run")
    def _compute_display_name(self):
        for run in self:
            start = fields.Datetime.context_timestamp(run, run.start_date) if run.start_date else False
            label = run.env._("Dry Run") if run.dry_run else run.env._("Trigger Run")
            run.display_name = f"{run.trigger_id.name} – {label} {start.strftime('%Y-%m-%d %H:%M') if start else ''}"

    @api.depends("job_ids.state", "job_ids.date_done", "dry_run", "stopped")
    def _compute_state(self):
        for run in self:
            states = set(run.job_ids.mapped("state"))
            if run.stopped or "failed" in states:
                run.state = "failed"
            elif states & set(UNFINISHED_JOB_STATES):
                run.state = "running"
            else:
                run.state = "done"
            done_dates = run.job_ids.filtered("date_done").mapped("date_done")
            run.end_date = False if run.state == "running" else max(done_dates, default=run.start_date)

    def _search_state(self, operator, value):
        """The runs in a state, found in SQL from their jobs (the state is read from them)."""
        if operator not in ("=", "in") or not value:
            return NotImplemented
        wanted = {value} if operator == "=" else set(value)
        self.flush_model()
        # The state of every run, whoever searches: the jobs are for administrators.
        self.env.cr.execute(
            SQL(
                """SELECT run.id,
                          CASE WHEN run.stopped OR bool_or(job.state = 'failed') THEN 'failed'
                               WHEN bool_or(job.state IN %s) THEN 'running'
                               ELSE 'done' END
                     FROM smart_query_run run
                LEFT JOIN smart_query_run_queue_job_rel rel ON rel.run_id = run.id
                LEFT JOIN queue_job job ON job.id = rel.job_id
                 GROUP BY run.id""",
                UNFINISHED_JOB_STATES,
            )
        )
        return [("id", "in", [run_id for run_id, state in self.env.cr.fetchall() if state in wanted])]

    @api.depends("batch_ids", "stop_details")
    def _compute_counts(self):
        totals = {
            run: (processed, failed, left_out, errors)
            for run, processed, failed, left_out, errors in self.env["smart.query.run.batch"]._read_group(
                [("run_id", "in", self.ids)],
                ["run_id"],
                ["processed_count:sum", "failed_count:sum", "left_out_count:sum", "error_details:array_agg"],
            )
        }
        for run in self:
            processed, failed, left_out, errors = totals.get(run, (0, 0, 0, []))
            run.processed_count, run.failed_count, run.left_out_count = processed, failed, left_out
            lines = "\n".join(filter(None, [run.stop_details, *errors])).splitlines()
            run.error_details = "\n".join(lines[:MAX_ERRORS_LOGGED]) or False

    def _search_failed_count(self, operator, value):
        if operator != ">" or value != 0:
            return NotImplemented
        return [("batch_ids.failed_count", ">", 0)]

    def _action_open(self):
        """Show the run in a dialog: what a dry run would do, or what a run did."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Dry Run") if self.dry_run else self.env._("Trigger Run"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    # ------------------------------------------------------------
    # Batch jobs
    # ------------------------------------------------------------

    def _enqueue_batches(self, res_ids):
        """One job per batch of the trigger's size: a batch is the unit of work a retry repeats."""
        self.ensure_one()
        trigger = self.trigger_id
        uuids = [
            self.with_delay(
                description=self.env._(
                    "Smart query trigger: %(trigger)s (%(count)s records)", trigger=trigger.name, count=len(batch)
                )
            )
            ._job_process_batch(batch)
            .uuid
            for batch in split_every(trigger.batch_size, res_ids, list)
        ]
        # The jobs just stored, in one search, whoever queued them: queue.job is for administrators
        # (queue_job's test helper stores none).
        jobs = self.env["queue.job"].sudo().search([("uuid", "in", uuids)]) if uuids else []
        if jobs:
            self.job_ids = [fields.Command.link(job.id) for job in jobs]

    def _job_process_batch(self, res_ids):
        """Job: run the trigger's actions on the records of `res_ids` this run still has to do.

        The members are claimed first, in this transaction: a batch performed twice at once, or
        again after its worker died, finds nothing left to do or starts from scratch, so that a
        record's actions fire at most once per run. A record that fails is isolated by the
        actions and counted; the other records of the batch are done."""
        self.ensure_one()
        trigger = self.trigger_id
        self.env.cr.execute(
            SQL(
                """UPDATE smart_query_member SET state = 'processed'
                    WHERE trigger_id = %s AND run_id = %s AND state = 'queued' AND res_id = ANY(%s)
                RETURNING res_id""",
                trigger.id,
                self.id,
                list(res_ids),
            )
        )
        claimed = sorted(row[0] for row in self.env.cr.fetchall())
        if not claimed:
            return 0
        trigger._check_can_run()
        actions = trigger._read_actions()
        records = self.env[trigger.model_name].with_user(trigger.user_id).browse(claimed)
        stats = {"processed": 0, "failed": 0, "left_out": 0, "errors": [], "run": self}
        failed = actions._run_on_batch(records, stats)
        if failed:
            self.env.cr.execute(
                SQL(
                    "UPDATE smart_query_member SET state = 'failed' WHERE trigger_id = %s AND res_id = ANY(%s)",
                    trigger.id,
                    failed,
                )
            )
        self._add_counts(stats)
        if stats.get("cap_reached"):
            trigger._stop_at_delete_cap()
        return len(claimed)

    def _add_counts(self, stats):
        """Record a batch's counts in a row of its own: batch jobs finishing at once on several
        workers never update the same row, so none waits for another and no count is lost."""
        self.ensure_one()
        errors = stats["errors"][:MAX_ERRORS_LOGGED]
        if stats.get("cap_reached"):
            errors.insert(
                0,
                self.env._(
                    "The safety cap of deletions was reached: the trigger was deactivated. Check its query, "
                    "then reactivate it to go on."
                ),
            )
        # Run logs are bookkeeping, written whoever the trigger runs as.
        self.env["smart.query.run.batch"].sudo().create(
            {
                "run_id": self.id,
                "processed_count": stats["processed"],
                "failed_count": stats["failed"],
                "left_out_count": stats["left_out"],
                "error_details": "\n".join(errors) or False,
            }
        )

    def _reserve_deletions(self, count, cap):
        """Count `count` deletions on the run if the cap leaves room for them; concurrent batch
        jobs share one cap, checked and counted in one UPDATE."""
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                """UPDATE smart_query_run SET deleted_count = COALESCE(deleted_count, 0) + %(count)s
                    WHERE id = %(run)s AND COALESCE(deleted_count, 0) + %(count)s <= %(cap)s
                RETURNING id""",
                count=count,
                run=self.id,
                cap=cap,
            )
        )
        reserved = bool(self.env.cr.fetchone())
        self.invalidate_recordset(["deleted_count"])
        return reserved

    def _on_batch_job_failed(self, exc_info=None, exc_name=None, exc_message=None, **kwargs):
        """A batch job failed for good (after queue_job's retries): its records stay queued for
        this run, the run shows failed, and its log says why."""
        # Run logs are bookkeeping, written whoever's job failed.
        run = self.sudo()
        message = self.env._("A batch of records stopped with an error: %s", exc_message or exc_name)
        run.stop_details = "\n".join(filter(None, [run.stop_details, message]))
