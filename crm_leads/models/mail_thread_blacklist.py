from odoo import api, models


class MailThreadBlacklist(models.AbstractModel):
    """The "do not e-mail" rule of every record with an e-mail address (leads, contacts...), for
    the automations of the CRM addons: Odoo's e-mail blacklist, the one mass mailing honours."""

    _inherit = "mail.thread.blacklist"

    def _crm_leads_can_email(self):
        """The records of `self` that may be sent an e-mail: they have an address and it is not on
        the blacklist. Reads the blacklist afresh, unlike `is_blacklisted` which a request caches."""
        with_email = self.filtered("email_normalized")
        # The blacklist is readable by administrators only; every automation must still honour it.
        blacklisted = self.env["mail.blacklist"].sudo().search([("email", "in", with_email.mapped("email_normalized"))])
        refused = set(blacklisted.mapped("email"))
        return with_email.filtered(lambda record: record.email_normalized not in refused)

    @api.model
    def _crm_leads_can_email_domain(self):
        """Search domain of the records that may be sent an e-mail (see `_crm_leads_can_email`)."""
        return [("email_normalized", "!=", False), ("is_blacklisted", "=", False)]

    def _crm_leads_set_do_not_email(self, do_not_email):
        """Add the addresses of `self` to the blacklist, or take them off it."""
        emails = set(self.filtered("email_normalized").mapped("email_normalized"))
        # Salespeople record a contact's wish; the blacklist itself is writable by administrators only.
        blacklist = self.env["mail.blacklist"].sudo()
        for email in emails:
            if do_not_email:
                blacklist._add(email)
            else:
                blacklist._remove(email)
