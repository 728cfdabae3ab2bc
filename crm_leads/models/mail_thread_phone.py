from odoo import api, models


class MailThreadPhone(models.AbstractModel):
    """The "do not call" rule of every record with a phone number (leads, contacts...), for the
    automations of the CRM addons: Odoo's phone blacklist, the one SMS marketing honours."""

    _inherit = "mail.thread.phone"

    def _crm_leads_can_call(self):
        """The records of `self` that may be called: they have a number and it is not on the phone
        blacklist. Reads the blacklist afresh, unlike `phone_sanitized_blacklisted`."""
        with_phone = self.filtered("phone_sanitized")
        # The phone blacklist is readable by administrators only; every automation must still honour it.
        blacklist = self.env["phone.blacklist"].sudo()
        blacklisted = blacklist.search([("number", "in", with_phone.mapped("phone_sanitized"))])
        refused = set(blacklisted.mapped("number"))
        return with_phone.filtered(lambda record: record.phone_sanitized not in refused)

    @api.model
    def _crm_leads_can_call_domain(self):
        """Search domain of the records that may be called (see `_crm_leads_can_call`)."""
        self._crm_leads_flush_phone_blacklist()
        return [("phone_sanitized", "!=", False), ("phone_sanitized_blacklisted", "=", False)]

    @api.model
    def _crm_leads_flush_phone_blacklist(self):
        """Odoo searches the phone blacklist in SQL without writing pending changes first: write
        them, so that a number just entered or blacklisted is found."""
        self.flush_model(["phone_sanitized"])
        self.env["phone.blacklist"].flush_model(["number", "active"])

    def _crm_leads_set_do_not_call(self, do_not_call):
        """Add the numbers of `self` to the phone blacklist, or take them off it."""
        numbers = list(set(self.filtered("phone_sanitized").mapped("phone_sanitized")))
        if not numbers:
            return
        # Salespeople record a contact's wish; the phone blacklist is writable by administrators only.
        blacklist = self.env["phone.blacklist"].sudo()
        if do_not_call:
            blacklist._add(numbers)
        else:
            blacklist._remove(numbers)
