from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _crm_leads_is_read_only(self):
        """Whether the user has the CRM read-only level of the Sales rights (and not a higher one):
        such a user reads documents and leaves no trace on them, see `mail.message`
        `_get_forbidden_access` and `mail.thread` `message_subscribe`."""
        self.ensure_one()
        return self.has_group("crm_leads.group_crm_readonly") and not self.has_group("sales_team.group_sale_salesman")
