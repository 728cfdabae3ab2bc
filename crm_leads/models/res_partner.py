from odoo import models

from .calendar_event import new_activity_action, new_meeting_action


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _crm_leads_filter_prospects(self):
        """The partners of `self` that are still prospects: their company has no confirmed sale
        order yet. Kept in this one method so that it can follow the partner's relationship type
        (Prospect / Customer / ...) once partners carry one."""
        companies = self.commercial_partner_id
        customers = {
            partner.commercial_partner_id
            for [partner] in self.env["sale.order"]._read_group(
                [("partner_id", "child_of", companies.ids), ("state", "=", "sale")], ["partner_id"]
            )
        }
        return self.filtered(lambda partner: partner.commercial_partner_id not in customers)

    # ------------------------------------------------------------
    # Events tab
    # ------------------------------------------------------------

    def action_new_meeting(self):
        self.ensure_one()
        return new_meeting_action(self, self, self.display_name)

    def action_new_call(self):
        self.ensure_one()
        return new_activity_action(self, "mail.mail_activity_data_call")

    def action_new_task(self):
        self.ensure_one()
        return new_activity_action(self, "mail.mail_activity_data_todo")

    def action_new_note(self):
        self.ensure_one()
        return new_activity_action(self, "crm_leads.mail_activity_type_note")
