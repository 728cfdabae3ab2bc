from odoo import fields, models


class SmartQueryLaunch(models.TransientModel):
    """The run dialog of smart_queries asks the query's parameters before a phone campaign's call
    list is built from it."""

    _inherit = "smart.query.launch"

    phone_campaign_id = fields.Many2one("marketing.phone.campaign", string="Phone Campaign", ondelete="cascade")

    def action_add_to_phone_campaign(self):
        self.ensure_one()
        campaign = self.phone_campaign_id
        campaign.check_access("write")
        if campaign.query_id != self.query_id:
            campaign.query_id = self.query_id
        return campaign._add_from_query(self._param_values())
