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
