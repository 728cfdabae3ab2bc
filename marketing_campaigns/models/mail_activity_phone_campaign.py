from odoo import fields, models


class MailActivity(models.Model):
    """A call of a phone campaign is an activity of the campaign's type on the contact or lead:
    callers work it in Odoo's activities, and mark it done with its outcome."""

    _inherit = "mail.activity"

    phone_campaign_id = fields.Many2one(
        "marketing.phone.campaign",
        string="Phone Campaign",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The phone campaign this call is part of.",
    )

    def _phone_campaign_calls_of(self, records):
        """{record id: its calls of phone campaigns}, made (archived) or not, newest first."""
        records = records.filtered("id")
        if not records:
            return {}
        calls = self.with_context(active_test=False).search(
            [("phone_campaign_id", "!=", False), ("res_model", "=", records._name), ("res_id", "in", records.ids)],
            order="date_deadline desc, id desc",
        )
        return calls.grouped("res_id")
