from odoo import fields, models


class SalesDunningPreviewLine(models.TransientModel):
    _name = "sales.dunning.preview.line"
    _description = "Reminder of Today"
    _order = "level_id, amount_due desc"
    _rec_name = "partner_id"

    preview_id = fields.Many2one("sales.dunning.preview", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="preview_id.company_id", store=True)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, readonly=True)
    level_id = fields.Many2one(
        "credit.control.policy.level",
        string="Level",
        readonly=True,
        help="Empty: the courtesy reminder, before the due date.",
    )
    invoice_count = fields.Integer(string="Invoices", readonly=True)
    # Money, with a stored currency: the list's totals per level add amounts of a currency.
    amount_due = fields.Monetary(string="Amount Due", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id", store=True)
    invoice_ids = fields.Many2many("account.move", string="Invoice List", readonly=True)

    def action_send_now(self):
        """Send this customer's reminders now (its due levels and its courtesy reminder)."""
        self.partner_id._sales_dunning_send_now()
        self.unlink()
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def action_open_invoices(self):
        """The invoices, to leave one out: its "No Reminder Until" date."""
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_dunning.account_move_action_overdue")
        action["domain"] = [("id", "in", self.invoice_ids.ids)]
        action["context"] = {"default_move_type": "out_invoice", "create": False}
        return action
