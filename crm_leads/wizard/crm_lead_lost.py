from odoo import models


class CrmLeadLost(models.TransientModel):
    _inherit = "crm.lead.lost"

    def action_crm_leads_close_siblings(self):
        """Odoo's Lost on the other opportunities of a prospect whose opportunity was just won,
        then say how many were closed, since the dialog closes on the won one."""
        self.ensure_one()
        closed = self.lead_ids.filtered("active")
        self.action_lost_reason_apply()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._("%s other opportunity(ies) closed as lost.", len(closed)),
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
