from odoo import models


class MailTemplate(models.Model):
    _inherit = "mail.template"

    def _send_check_access(self, res_ids):
        """Odoo sends a template's e-mail about any record the user reads. The CRM read-only level
        sends none about what it only reads."""
        result = super()._send_check_access(res_ids)
        self.env[self.model].browse(res_ids)._crm_leads_check_post_access()
        return result
