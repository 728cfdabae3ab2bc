import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.queue_job.exception import RetryableJobError


class CreditControlRun(models.Model):
    _inherit = "credit.control.run"

    @api.model
    def _cron_sales_dunning(self):
        """Nightly: one run job per company whose reminders are on (a run never mixes
        companies). Detection only: the jobs do the work."""
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].search(
            [("sales_dunning_reminders", "=", True), ("credit_policy_id", "!=", False)]
        )
        for company in companies:
            self.with_company(company).with_delay(
                identity_key=f"sales_dunning_run:{company.id}:{today}",
                description=self.env._("Invoice reminders of %s", company.name),
            )._job_sales_dunning_run(company, today)

    def _job_sales_dunning_run(self, company, date):
        """Make the company's credit control run, put its lines to send, group them into
        one communication per customer and level, and queue one sending job each. A second
        run the same day finds nothing new: the engine climbs from the levels reached."""
        # Two runs of one company never overlap (the nightly job and a "Send now"): the
        # engine's own lock takes a row of its run table, and holds nothing while the table is
        # empty, on the first run of a database.
        self.env.cr.execute(SQL("SELECT pg_try_advisory_xact_lock(hashtext('sales_dunning_run'), %s)", company.id))
        if not self.env.cr.fetchone()[0]:
            raise RetryableJobError("Another reminder run of this company is under way", seconds=30)
        run = self.create({"date": date, "company_id": company.id, "policy_ids": company.credit_policy_id.ids})
        try:
            # No savepoint: whatever fails, the job's transaction is rolled back; one would
            # also flush and recompute the invoices' level before the lines are put to send.
            run.generate_credit_lines()
        except UserError as error:
            if isinstance(error.__cause__, psycopg2.errors.LockNotAvailable):
                # Another run (of any company) holds the engine's lock: try again later.
                raise RetryableJobError(str(error), seconds=30) from error
            raise
        run._sales_dunning_send_lines()
        self.env["account.move"]._sales_dunning_queue_courtesy(company, fields.Date.to_date(date))
        return run

    def _sales_dunning_send_lines(self):
        """Draft lines of the run to send, grouped per customer and level; each
        communication is then sent by a job of its own (`_send_mails`)."""
        self.ensure_one()
        lines = self.line_ids.filtered(lambda line: line.state == "draft")
        if not lines:
            return self.env["credit.control.communication"]
        communications = self.env["credit.control.communication"]._sales_dunning_create_from_lines(lines)
        # What the engine's `_generate_emails` does one communication at a time, in one write.
        lines.write({"state": "queued"})
        communications._send_mails()
        return communications
