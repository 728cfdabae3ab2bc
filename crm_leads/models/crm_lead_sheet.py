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
            changes = []
            # Tracking values are readable by administrators only; the reader may read the lead,
            # and its chatter shows these same changes.
            for tracking in message.sudo().tracking_value_ids:
                field_type = tracking.field_id.ttype
                old = tracking._format_display_value(field_type, new=False)[0]
                new = tracking._format_display_value(field_type, new=True)[0]
                changes.append(f"{tracking.field_id.field_description}: {old or '-'} → {new or '-'}")
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
