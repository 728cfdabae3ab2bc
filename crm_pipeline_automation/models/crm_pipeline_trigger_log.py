import logging

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import html_escape

from odoo.addons.queue_job.exception import RetryableJobError

_logger = logging.getLogger(__name__)


class CrmPipelineTriggerLog(models.Model):
    """A trigger fired for an opportunity: the actions done, those that failed and why.

    The log is the claim of DESIGN.md: a job runs the actions of the logs still pending, and
    records each action done in the transaction that does it, so that a retried job, or a retry
    asked by a manager, never runs an action again."""

    _name = "crm.pipeline.trigger.log"
    _description = "Pipeline Trigger Log"
    _order = "id desc"
    _rec_name = "trigger_id"

    trigger_id = fields.Many2one("crm.pipeline.trigger", required=True, ondelete="cascade", index=True, readonly=True)
    lead_id = fields.Many2one(
        "crm.lead", string="Opportunity", required=True, ondelete="cascade", index=True, readonly=True
    )
    team_id = fields.Many2one(related="trigger_id.team_id", string="Pipeline")
    company_id = fields.Many2one("res.company", compute="_compute_company_id", store=True, index=True, readonly=True)
    event = fields.Selection(selection=lambda self: self.env["crm.pipeline.trigger"]._fields["event"].selection,
                             required=True, readonly=True)  # fmt: skip
    state = fields.Selection(
        [("pending", "To do"), ("done", "Done"), ("failed", "In error")],
        default="pending",
        required=True,
        readonly=True,
        index=True,
    )
    action_done_ids = fields.Many2many("crm.pipeline.trigger.action", string="Actions Done", readonly=True, copy=False)
    skipped_recipient_count = fields.Integer(string="Recipients Left Out", readonly=True)
    skipped_recipients = fields.Char(
        string="Left Out", readonly=True, help="Addresses not e-mailed: they refuse e-mails (do not e-mail)."
    )
    error = fields.Text(readonly=True)
    dormant_since = fields.Datetime(
        readonly=True, help="For a dormancy: the last sign of life. The trigger fires once per dormant period."
    )
    date_done = fields.Datetime(string="Done On", readonly=True)

    _dormant_once = models.UniqueIndex(
        "(trigger_id, lead_id, dormant_since) WHERE dormant_since IS NOT NULL",
        "A dormancy trigger fires once per dormant period of an opportunity.",
    )

    @api.depends("lead_id")
    def _compute_company_id(self):
        """The opportunity's company when the trigger fired, kept: a log records the past, and
        following the opportunity's company made Odoo search its logs at every change of it
        (each conversion and lead assignment)."""
        for log in self:
            log.company_id = log.lead_id.company_id

    # ------------------------------------------------------------
    # Jobs
    # ------------------------------------------------------------

    def _queue_run(self):
        if not self:
            return
        self.with_delay(
            description=self.env._(
                "Pipeline trigger %(trigger)s: %(count)s opportunities",
                trigger=self.trigger_id[:1].name,
                count=len(self),
            ),
            identity_key=f"crm_pipeline_trigger_log_run:{min(self.ids)}-{max(self.ids)}-{len(self)}",
            max_retries=3,
        )._job_run_actions()

    def _job_run_actions(self):
        """Run the actions not done yet on the logs still to do, trigger by trigger."""
        # The logs belong to the automation: the job updates them whoever queued it. The actions
        # themselves run with the run-as user's rights (_run_actions).
        logs = self.sudo().exists().filtered(lambda log: log.state == "pending")
        for logs_of_trigger in logs.grouped("trigger_id").values():
            logs_of_trigger._run_actions()

    def _run_actions(self):
        trigger = self.trigger_id
        run_as = trigger.run_as_user_id
        errors = {log.id: [] for log in self}
        for action in trigger.action_ids:
            todo = self.filtered(lambda log, action=action: action not in log.action_done_ids)
            if not todo:
                continue
            leads = todo.lead_id.with_user(run_as).with_context(active_test=False)
            log_of = {log.lead_id.id: log for log in todo}
            try:
                with self.env.cr.savepoint():
                    action.with_user(run_as)._run(leads, log_of)
            except psycopg2.OperationalError as error:
                raise RetryableJobError(str(error), seconds=30) from error
            except Exception:  # noqa: BLE001 - tried again opportunity by opportunity just below
                self._run_one_by_one(action, todo, run_as, errors)
            else:
                todo.write({"action_done_ids": [Command.link(action.id)]})
        failed = self.filtered(lambda log: errors[log.id])
        for log in failed:
            log.error = "\n".join(errors[log.id])
        failed.write({"state": "failed", "date_done": fields.Datetime.now()})
        (self - failed).write({"state": "done", "error": False, "date_done": fields.Datetime.now()})
        failed._post_errors()

    def _run_one_by_one(self, action, logs, run_as, errors):
        for log in logs:
            lead = log.lead_id.with_user(run_as).with_context(active_test=False)
            try:
                with self.env.cr.savepoint():
                    action.with_user(run_as)._run(lead, {lead.id: log})
            except psycopg2.OperationalError as error:
                raise RetryableJobError(str(error), seconds=30) from error
            except Exception as error:  # noqa: BLE001 - the failure is logged, the others go on
                _logger.info("Pipeline trigger %s, action %s on lead %s failed: %s", log.trigger_id.id, action.id,
                             log.lead_id.id, error)  # fmt: skip
                errors[log.id].append(f"{action.description}: {error}")
            else:
                log.action_done_ids = [Command.link(action.id)]

    def _post_errors(self):
        """Say on the opportunity that an action failed: a note, never a pop-up to a salesperson."""
        for log in self:
            body = self.env._(
                "The trigger %(trigger)s could not complete: %(error)s",
                trigger=html_escape(log.trigger_id.name),
                error=html_escape(log.error),
            )
            log.lead_id._message_log(body=body, author_id=self.env.ref("base.partner_root").id)

    def _on_job_failed(self, exc_info=None, exc_name=None, exc_message=None, **kwargs):
        """queue_job gave up on a job (three retries): its logs say so, in a transaction of their
        own (the job's was rolled back)."""
        # The logs belong to the automation, whoever queued the job.
        self.sudo().filtered(lambda log: log.state == "pending").write(
            {"state": "failed", "error": exc_message or exc_name or "", "date_done": fields.Datetime.now()}
        )

    # ------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------

    def action_retry(self):
        """Run again the actions that did not run: those done stay done."""
        failed = self.filtered(lambda log: log.state == "failed")
        if not failed:
            raise UserError(self.env._("Only the logs in error can be run again."))
        failed.write({"state": "pending", "error": False, "date_done": False})
        failed._queue_run()
        return True
