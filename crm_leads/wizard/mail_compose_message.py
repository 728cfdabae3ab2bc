from odoo import models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _action_send_mail_mass_mail(self, res_ids, auto_commit=False):
        """Odoo mass-mails the records the user reads (the e-mails are created as superuser). The
        CRM read-only level e-mails none of the records it only reads. In comment mode the
        composer posts messages, which `mail.message` already checks."""
        if self.model:
            self.env[self.model].browse(res_ids)._crm_leads_check_post_access()
        return super()._action_send_mail_mass_mail(res_ids, auto_commit=auto_commit)
