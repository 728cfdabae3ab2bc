from datetime import timedelta

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    sales_dunning_excluded = fields.Boolean(
        string="No Invoice Reminders",
        help="This customer never gets an invoice reminder (its contacts neither).",
    )
    sales_dunning_contact_id = fields.Many2one(
        comodel_name="res.partner",
        string="Reminder Contact",
        domain="[('commercial_partner_id', '=', commercial_partner_id)]",
        help="Who receives the invoice reminders, in their language. Empty: the invoice address.",
    )
    sales_dunning_communication_ids = fields.One2many(
        comodel_name="credit.control.communication",
        inverse_name="partner_id",
        string="Reminders Sent",
        groups="account.group_account_invoice,account.group_account_readonly",
    )
    sales_dunning_communication_count = fields.Integer(
        string="Reminders",
        compute="_compute_sales_dunning_communication_count",
        groups="account.group_account_invoice,account.group_account_readonly",
    )

    sales_dunning_level_id = fields.Many2one(
        comodel_name="credit.control.policy.level",
        string="Current Reminder Level",
        compute="_compute_sales_dunning_next_reminder",
        groups="account.group_account_invoice,account.group_account_readonly",
    )
    sales_dunning_next_date = fields.Date(
        string="Next Reminder",
        compute="_compute_sales_dunning_next_reminder",
        groups="account.group_account_invoice,account.group_account_readonly",
        help="When the next level of the company's policy falls due for one of the open invoices.",
    )
    sales_dunning_courtesy_invoice_ids = fields.Many2many(
        comodel_name="account.move",
        string="Courtesy Reminders",
        compute="_compute_sales_dunning_next_reminder",
        groups="account.group_account_invoice,account.group_account_readonly",
    )

    def _compute_sales_dunning_next_reminder(self):
        invoices = self.env["account.move"].search(
            [
                ("commercial_partner_id", "in", self.commercial_partner_id.ids),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                "|",
                ("payment_state", "in", ("not_paid", "partial")),
                ("sales_dunning_courtesy_sent", "!=", False),
            ]
        )
        for partner in self:
            mine = invoices.filtered(lambda inv, p=partner: inv.commercial_partner_id == p.commercial_partner_id)
            open_invoices = mine.filtered(lambda inv: inv.payment_state in ("not_paid", "partial"))
            levels = open_invoices.sales_dunning_level_id.sorted("level")
            partner.sales_dunning_level_id = levels[-1:]
            partner.sales_dunning_courtesy_invoice_ids = mine.filtered("sales_dunning_courtesy_sent")
            dates = []
            if not partner.commercial_partner_id.sales_dunning_excluded:
                for invoice in open_invoices.filtered("invoice_date_due"):
                    policy_levels = invoice.company_id.credit_policy_id.level_ids.sorted("level")
                    reached = invoice.sales_dunning_level_id.level or 0
                    following = policy_levels.filtered(lambda lvl, r=reached: lvl.level > r)[:1]
                    if following and following.computation_mode == "net_days":
                        dates.append(invoice.invoice_date_due + timedelta(days=following.delay_days))
            partner.sales_dunning_next_date = min(dates) if dates else False

    def _compute_sales_dunning_communication_count(self):
        counts = dict(
            self.env["credit.control.communication"]._read_group(
                [("partner_id", "child_of", self.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.sales_dunning_communication_count = sum(
                count
                for customer, count in counts.items()
                if customer.commercial_partner_id == partner.commercial_partner_id
            )

    def _sales_dunning_reminder_contact(self):
        """Who receives the customer's reminders: its reminder contact, else the invoice
        address the engine chooses."""
        self.ensure_one()
        return self.commercial_partner_id.sales_dunning_contact_id or self.browse(
            self.address_get(["invoice"])["invoice"]
        )

    def _sales_dunning_send_now(self):
        """Run today's reminders of these customers at once (their due levels and courtesy
        reminders), in each company where reminders are on; the messages go out through
        their jobs as at night."""
        customers = self.commercial_partner_id
        companies = self.env.companies.filtered(lambda c: c.sales_dunning_reminders and c.credit_policy_id)
        runs = self.env["credit.control.run"]
        for company in companies:
            runs |= company.with_context(sales_dunning_partner_ids=customers.ids)._sales_dunning_run_reminders()
        return runs

    def action_sales_dunning_send_now(self):
        self._sales_dunning_send_now()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._("The reminders due today are being sent."),
                "type": "success",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
