from odoo import models
from odoo.exceptions import UserError


class SmartQuery(models.Model):
    """A query's records as the recipients of an e-mail campaign, or members of a mailing list."""

    _inherit = "smart.query"

    def _check_mailing_model(self):
        """The query's records can receive a mailing: Odoo's mass mailing targets them
        (``is_mailing_enabled``). Mailing lists are no recipients: their contacts are."""
        self.ensure_one()
        model = self.model_id
        if not model.is_mailing_enabled or model.model == "mailing.list":
            raise UserError(
                self.env._(
                    'The query "%(query)s" finds %(model)s, which an e-mail campaign cannot be sent to: '
                    "use a query of contacts, leads and opportunities, mailing contacts or another model "
                    "offered as the recipients of a mailing.",
                    query=self.name,
                    model=model.name or self.model_name,
                )
            )

    def _email_field(self):
        """The field holding the e-mail address of the query's records, or a clear refusal."""
        self.ensure_one()
        records = self.env[self.model_name]
        field_name = (
            records._mail_get_primary_email_field() if hasattr(records, "_mail_get_primary_email_field") else None
        )
        field_name = field_name or next((name for name in ("email", "email_from") if name in records._fields), None)
        if not field_name:
            raise UserError(
                self.env._(
                    'The records of the query "%(query)s" (%(model)s) have no e-mail address to add to a mailing list.',
                    query=self.name,
                    model=self.model_id.name,
                )
            )
        return field_name

    def action_send_to_mailing(self):
        """The dialog sending the query's records to an e-mail campaign or a mailing list."""
        self.ensure_one()
        self._check_runnable()
        self._check_mailing_model()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send %(query)s to an E-mail Campaign", query=self.name),
            "res_model": "smart.query.launch",
            "view_mode": "form",
            "views": [(self.env.ref("marketing_campaigns.smart_query_launch_view_form_mailing").id, "form")],
            "target": "new",
            "context": {"default_query_id": self.id},
        }
