from odoo import models


class CrmLead(models.Model):
    """The Events tab of leads and opportunities: a new meeting invites the lead's customer and
    is attached to the lead as its opportunity."""

    _name = "crm.lead"
    _inherit = ["crm.lead", "crm.events.mixin"]

    def _crm_events_meeting_defaults(self):
        self.ensure_one()
        return (
            self.partner_id,
            self.name,
            {"default_opportunity_id": self.id, "default_partner_id": self.partner_id.id},
        )
