from odoo import models


class MailActivityOutcome(models.Model):
    _inherit = "mail.activity.outcome"

    def _next_activity_values(self, activity):
        """A call of a running campaign done with "Call back" plans a call of the same campaign: it
        shows in the campaign's calls to make."""
        values = super()._next_activity_values(activity)
        campaign = activity.phone_campaign_id
        if values and campaign.state == "running" and values["activity_type_id"] == campaign.activity_type_id.id:
            values["phone_campaign_id"] = campaign.id
        return values
