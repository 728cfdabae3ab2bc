from odoo import fields, models


class MarketingPhoneCampaignTargetMixin(models.AbstractModel):
    """What phone campaigns called a contact or lead for: the calls, made or not, each with its
    campaign and outcome (the "Marketing" tab of leads and contacts)."""

    _name = "marketing.phone.campaign.target.mixin"
    _description = "Called by Phone Campaigns"

    phone_campaign_call_ids = fields.Many2many(
        "mail.activity",
        string="Phone Campaign Calls",
        compute="_compute_phone_campaign_call_ids",
        context={"active_test": False},
        help="The calls of phone campaigns on this record, made or not, with their campaign and outcome.",
    )

    def _compute_phone_campaign_call_ids(self):
        calls = self.env["mail.activity"]._phone_campaign_calls_of(self)
        for record in self:
            record.phone_campaign_call_ids = calls.get(record.id, self.env["mail.activity"])
