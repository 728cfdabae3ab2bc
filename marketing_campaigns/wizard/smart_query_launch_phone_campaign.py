from odoo import fields, models
from odoo.tools.misc import clean_context


class SmartQueryLaunch(models.TransientModel):
    """The run dialog of smart_queries asks the query's parameters before a phone campaign's call
    list is built from it."""

    _inherit = "smart.query.launch"

    phone_campaign_id = fields.Many2one("marketing.phone.campaign", string="Phone Campaign", ondelete="cascade")

    def action_add_to_phone_campaign(self):
        self.ensure_one()
        # The dialog's default_* keys must not reach the calls and notes created.
        campaign = self.phone_campaign_id.with_context(clean_context(self.env.context))
        campaign.check_access("write")
        return campaign._add_from_query(self._param_values())
