from odoo import models

from .calendar_event import new_activity_action, new_meeting_action


class CrmLead(models.Model):
    """The Events tab of leads and opportunities: buttons that open a meeting or an activity
    already attached to the lead, with its customer and contact."""

    _name = "crm.lead"
    _inherit = ["crm.lead", "crm.events.mixin"]

    def action_new_meeting(self):
        self.ensure_one()
        return new_meeting_action(
            self,
            self.partner_id,
            self.name,
            {"default_opportunity_id": self.id, "default_partner_id": self.partner_id.id},
        )

    def action_new_call(self):
        self.ensure_one()
        return new_activity_action(self, "mail.mail_activity_data_call")

    def action_new_task(self):
        self.ensure_one()
        return new_activity_action(self, "mail.mail_activity_data_todo")

    def action_new_note(self):
        self.ensure_one()
        return new_activity_action(self, "crm_leads.mail_activity_type_note")
