from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.queue_job.exception import RetryableJobError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # sale_margin's totals, for those allowed only.
    margin = fields.Monetary(groups="sales_dunning.group_quote_see_margin")
    margin_percent = fields.Float(groups="sales_dunning.group_quote_see_margin")

    sales_dunning_sent_on = fields.Date(
        string="Quotation Sent On",
        copy=False,
        readonly=True,
        help="The last day the quotation was sent: the follow-up steps count from it.",
    )
    sales_dunning_step_done_ids = fields.Many2many(
        "sales.dunning.quote.step",
        string="Follow-ups Done",
        copy=False,
        readonly=True,
    )
    sales_dunning_step_due_id = fields.Many2one(
        "sales.dunning.quote.step",
        string="Follow-up Due",
        compute="_compute_sales_dunning_step_due_id",
        help="The follow-up step whose day has come and that was not sent yet.",
    )

    @api.depends_context("date")
    @api.depends("state", "sales_dunning_sent_on", "sales_dunning_step_done_ids", "validity_date", "partner_id")
    def _compute_sales_dunning_step_due_id(self):
        today = fields.Date.context_today(self)
        steps = self.env["sales.dunning.quote.step"].search([("company_id", "in", self.company_id.ids)])
        for order in self:
            due = steps.browse()
            if order._sales_dunning_can_follow_up(today):
                due = steps.filtered(
                    lambda s, o=order: (
                        s.company_id == o.company_id and o.sales_dunning_sent_on + timedelta(days=s.days) <= today
                    )
                )
            # The latest step whose day has come; earlier ones missed are not sent late.
            latest = due.sorted("days")[-1:]
            order.sales_dunning_step_due_id = latest if latest not in order.sales_dunning_step_done_ids else False

    def _sales_dunning_can_follow_up(self, today):
        self.ensure_one()
        partner = self.partner_id
        return bool(
            self.company_id.sales_dunning_quote_followup
            and self.state == "sent"
            and self.sales_dunning_sent_on
            and not (self.validity_date and self.validity_date < today)
            and partner.email
            and not partner.is_blacklisted
        )

    def write(self, vals):
        if vals.get("state") == "sent":
            vals = dict(vals, sales_dunning_sent_on=fields.Date.context_today(self), sales_dunning_step_done_ids=[(5,)])
        return super().write(vals)

    def message_post(self, **kwargs):
        """A quotation sent again starts its follow-up steps again."""
        message = super().message_post(**kwargs)
        if self.env.context.get("mark_so_as_sent"):
            self.filtered(lambda o: o.state == "sent").write(
                {"sales_dunning_sent_on": fields.Date.context_today(self), "sales_dunning_step_done_ids": [(5,)]}
            )
        return message

    @api.model
    def _cron_sales_dunning_followup(self):
        """Nightly, automatic mode only: one job per quotation whose follow-up step is due."""
        today = fields.Date.context_today(self)
        # Not required (Odoo creates companies with the models loaded so far: updating sale runs
        # its tests before this addon loads), so an empty mode is the default, automatic.
        companies = self.env["res.company"].search(
            [("sales_dunning_quote_followup", "=", True), ("sales_dunning_quote_followup_mode", "!=", "delegated")]
        )
        steps = self.env["sales.dunning.quote.step"].search([("company_id", "in", companies.ids)])
        if not steps:
            return self.browse()
        orders = self.search(
            [
                ("company_id", "in", companies.ids),
                ("state", "=", "sent"),
                ("sales_dunning_sent_on", "<=", today - timedelta(days=min(steps.mapped("days")))),
            ]
        ).filtered("sales_dunning_step_due_id")
        for order in orders:
            step = order.sales_dunning_step_due_id
            order.with_delay(
                identity_key=f"sales_dunning_followup:{order.id}:{step.id}",
                description=self.env._("Follow-up of %s", order.name),
            )._job_sales_dunning_followup(step)
        return orders

    def _job_sales_dunning_followup(self, step):
        """Send one follow-up step, once: claimed in the transaction that sends it."""
        self.ensure_one()
        try:
            self.env.cr.execute(SQL("SELECT id FROM sale_order WHERE id = %s FOR UPDATE NOWAIT", self.id))
        except psycopg2.errors.LockNotAvailable as error:
            raise RetryableJobError("Another job is following this quotation up", seconds=10) from error
        self.invalidate_recordset()
        if self.sales_dunning_step_due_id != step:
            return False
        self._sales_dunning_send_followup(step)
        return True

    def _sales_dunning_send_followup(self, step):
        # The template field is for administrators only: the sending user need not read it.
        template = step.sudo().template_id
        self.message_post_with_source(template, subtype_xmlid="mail.mt_comment", message_type="comment")
        earlier = self.env["sales.dunning.quote.step"].search(
            [("company_id", "=", self.company_id.id), ("days", "<=", step.days)]
        )
        self.sales_dunning_step_done_ids = [(4, s.id) for s in earlier]
        if self.opportunity_id:
            # The log belongs to the quotation's follow-up: whoever follows the quotation up
            # logs it on its opportunity, even one assigned to someone else.
            self.opportunity_id.sudo().message_post(
                author_id=self.env.user.partner_id.id,
                body=self.env._("Quotation %(order)s followed up (%(step)s).", order=self.name, step=step.display_name),
                subtype_xmlid="mail.mt_note",
            )

    def action_sales_dunning_follow_up(self):
        """ "Follow up now": the due step's e-mail, in one click (Koban's "relance directe")."""
        for order in self:
            step = order.sales_dunning_step_due_id
            if not step:
                raise UserError(self.env._("Quotation %s has no follow-up due.", order.name))
            order._sales_dunning_send_followup(step)
        return True
