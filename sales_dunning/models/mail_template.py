from markupsafe import Markup

from odoo import models


class MailTemplate(models.Model):
    _inherit = "mail.template"

    def _render_field(self, field, res_ids, *args, **kwargs):
        """A reminder whose level shows the invoices' detail (the engine's
        ``mail_show_invoice_detail``) gets the engine's table of its invoices under the body,
        rendered with it and so inside the e-mail's layout, as the engine's composer adds it."""
        rendered = super()._render_field(field, res_ids, *args, **kwargs)
        if (
            field == "body_html"
            and self.env.context.get("sales_dunning_reminder_sending")
            and self.render_model == "credit.control.communication"
        ):
            communications = self.env["credit.control.communication"].browse(list(rendered))
            for communication in communications.filtered("policy_level_id.mail_show_invoice_detail"):
                table = Markup(communication._get_credit_control_communication_table())
                rendered[communication.id] = Markup(rendered[communication.id] or "") + table
        return rendered
