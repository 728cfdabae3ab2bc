from odoo import fields, models
from odoo.tools import format_amount, format_date, format_datetime, formatLang

SHEET_MESSAGES = 10


class CrmLead(models.Model):
    """What the printed lead sheet shows of the lead: its rating and its history."""

    _inherit = "crm.lead"

    def _crm_leads_sheet_stars(self):
        """The rating as the form shows it: filled stars, then empty ones up to five."""
        self.ensure_one()
        top = len(self._fields["priority"].get_description(self.env)["selection"]) - 1
        filled = int(self.priority or 0)
        return "★" * filled + "☆" * (top - filled)

    def _crm_leads_sheet_messages(self):
        """The last messages, notes and changes of the lead's chatter, newest first, as
        dicts the sheet prints: date, author, body and the list of "old → new (field)"."""
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
                "%s → %s (%s)"
                % (
                    self._crm_leads_format_tracking(change["fieldInfo"], change["oldValue"]),
                    self._crm_leads_format_tracking(change["fieldInfo"], change["newValue"]),
                    change["fieldInfo"]["changedField"],
                )
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

    def _crm_leads_format_tracking(self, field_info, value):
        """A tracked value worded as the chatter words it (mail's `formatTracking`): Yes / No,
        None for an empty value, dates, amounts and numbers in the reader's language."""
        kind = field_info["fieldType"]
        if kind == "boolean":
            return self.env._("Yes") if value else self.env._("No")
        if value is None or value is False or value == "":
            return self.env._("None")
        if kind == "date":
            return format_date(self.env, fields.Date.to_date(value))
        if kind == "datetime":
            return format_datetime(self.env, fields.Datetime.to_datetime(value), dt_format="short")
        if kind == "monetary":
            currency = self.env["res.currency"].browse(field_info["currencyId"]).exists()
            return format_amount(self.env, value, currency or self.env.company.currency_id)
        if kind == "float":
            digits = field_info.get("floatPrecision")
            return formatLang(self.env, value, digits=digits[1] if digits else 2)
        if kind == "integer":
            return formatLang(self.env, value, digits=0)
        return str(value)
