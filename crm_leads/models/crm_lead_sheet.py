from odoo import models

SHEET_MESSAGES = 10


class CrmLead(models.Model):
    """What the printed lead sheet shows of the lead's history."""

    _inherit = "crm.lead"

    def _crm_leads_sheet_messages(self):
        """The last messages, notes and changes of the lead's chatter, newest first, as
        dicts the sheet prints: date, author, body and the list of "field: old → new"."""
        self.ensure_one()
        messages = self.env["mail.message"].search(
            [
                ("model", "=", self._name),
                ("res_id", "=", self.id),
                ("message_type", "in", ("comment", "notification", "email", "auto_comment")),
            ],
            order="date desc, id desc",
            limit=SHEET_MESSAGES,
        )
        entries = []
        for message in messages:
            # Tracking values are readable by administrators only: like the chatter, show the
            # changes of the fields the reader may read.
            trackings = message.sudo().tracking_value_ids._filter_has_field_access(self.env)
            changes = [
                f"{change['fieldInfo']['changedField']}: {change['oldValue'] or '-'} → {change['newValue'] or '-'}"
                for change in trackings._tracking_value_format()
            ]
            if message.body or changes:
                entries.append(
                    {
                        "date": message.date,
                        "author": message.author_id.name or message.email_from or "",
                        "body": message.body,
                        "changes": changes,
                    }
                )
        return entries
