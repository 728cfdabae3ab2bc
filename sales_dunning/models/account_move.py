from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.queue_job.exception import RetryableJobError

UNPAID_STATES = ("not_paid", "partial")


class AccountMove(models.Model):
    _inherit = "account.move"

    sales_dunning_days_overdue = fields.Integer(
        string="Days Overdue",
        compute="_compute_sales_dunning_days_overdue",
        help="Days since the due date of a posted invoice that still has an amount due.",
    )
    sales_dunning_level_id = fields.Many2one(
        comodel_name="credit.control.policy.level",
        string="Reminder Level",
        compute="_compute_sales_dunning_level_id",
        store=True,
        compute_sudo=True,
        help="The highest reminder level sent (or being sent) for this invoice.",
    )
    sales_dunning_hold_until = fields.Date(
        string="No Reminder Until",
        copy=False,
        tracking=True,
        help="No reminder is sent for this invoice before this date.",
    )

    sales_dunning_courtesy_sent = fields.Date(
        string="Courtesy Reminder Sent On",
        copy=False,
        readonly=True,
        help="The day the reminder before the due date was sent: it is sent once per invoice.",
    )

    sales_dunning_days_to_due = fields.Integer(
        string="Days to Due Date",
        compute="_compute_sales_dunning_days_to_due",
        search="_search_sales_dunning_days_to_due",
        help="Days left before the due date; negative once overdue.",
    )

    @api.depends_context("date")
    @api.depends("invoice_date_due")
    def _compute_sales_dunning_days_to_due(self):
        today = fields.Date.context_today(self)
        for move in self:
            move.sales_dunning_days_to_due = (move.invoice_date_due - today).days if move.invoice_date_due else 0

    def _search_sales_dunning_days_to_due(self, operator, value):
        """ "Due within N days" on the payments screen: a comparison of the due date with today + N."""
        if operator not in ("<", "<=", ">", ">=", "=") or not isinstance(value, int):
            return NotImplemented
        return [("invoice_date_due", operator, fields.Date.context_today(self) + timedelta(days=value))]

    @api.depends_context("date")
    @api.depends("invoice_date_due", "amount_residual", "state")
    def _compute_sales_dunning_days_overdue(self):
        today = fields.Date.context_today(self)
        for move in self:
            late = move.state == "posted" and move.amount_residual and move.invoice_date_due
            move.sales_dunning_days_overdue = max((today - move.invoice_date_due).days, 0) if late else 0

    @api.depends("credit_control_line_ids.state", "credit_control_line_ids.policy_level_id")
    def _compute_sales_dunning_level_id(self):
        """The level reached: the engine's lines still in triage (draft) or left out
        (ignored) say nothing was sent at their level."""
        for move in self:
            lines = move.credit_control_line_ids.filtered(lambda line: line.state not in ("draft", "ignored"))
            move.sales_dunning_level_id = lines.sorted("level")[-1:].policy_level_id if lines else False

    def _sales_dunning_courtesy_domain(self, company, date):
        """Posted customer invoices of `company` falling due in the company's courtesy
        delay after `date`, not yet reminded, neither paid nor held, of customers not
        excluded."""
        partner_ids = self.env.context.get("sales_dunning_partner_ids")
        return [
            *([("commercial_partner_id", "in", partner_ids)] if partner_ids else []),
            ("company_id", "=", company.id),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", UNPAID_STATES),
            ("invoice_date_due", ">", date),
            ("invoice_date_due", "<=", date + timedelta(days=company.sales_dunning_courtesy_days)),
            ("sales_dunning_courtesy_sent", "=", False),
            ("commercial_partner_id.sales_dunning_excluded", "=", False),
            "|",
            ("sales_dunning_hold_until", "=", False),
            ("sales_dunning_hold_until", "<=", date),
        ]

    @api.model
    def _sales_dunning_queue_courtesy(self, company, date):
        """One job per invoice due soon: the courtesy reminder, before the engine's levels."""
        # The template field is for administrators only; its being set is what counts here.
        if not company.sales_dunning_courtesy_days or not company.sudo().sales_dunning_courtesy_template_id:
            return self.browse()
        invoices = self.search(self._sales_dunning_courtesy_domain(company, date))
        for invoice in invoices:
            invoice.with_delay(
                identity_key=f"sales_dunning_courtesy:{invoice.id}",
                description=self.env._("Courtesy reminder of %s", invoice.name),
            )._job_sales_dunning_courtesy()
        return invoices

    def _job_sales_dunning_courtesy(self):
        """Send the courtesy reminder of one invoice, once: claimed in the transaction
        that sends it."""
        self.ensure_one()
        try:
            self.env.cr.execute(SQL("SELECT id FROM account_move WHERE id = %s FOR UPDATE NOWAIT", self.id))
        except psycopg2.errors.LockNotAvailable as error:
            raise RetryableJobError("The invoice is locked by another job", seconds=10) from error
        self.invalidate_recordset(["sales_dunning_courtesy_sent", "payment_state"])
        if self.sales_dunning_courtesy_sent or self.payment_state not in UNPAID_STATES:
            return False
        # The template field is for administrators only: the job's user need not read it.
        template = self.company_id.sudo().sales_dunning_courtesy_template_id
        self.message_post_with_source(
            template,
            subtype_xmlid="mail.mt_comment",
            message_type="comment",
        )
        self.sales_dunning_courtesy_sent = fields.Date.context_today(self)
        return True

    def action_sales_dunning_send_now(self):
        """The "Send reminder" button: the customer's reminders due today, now."""
        self.commercial_partner_id._sales_dunning_send_now()
        return True
