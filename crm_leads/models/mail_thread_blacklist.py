from odoo import api, models
from odoo.tools.mail import email_normalize_all


class MailThreadBlacklist(models.AbstractModel):
    """The "do not e-mail" rule of every record with an e-mail address (leads, contacts...), for
    the automations of the CRM addons: Odoo's e-mail blacklist, the one mass mailing honours.

    The e-mail field may hold several addresses ("a@x.com, b@y.com"): every one of them receives
    what is sent to the record, so a record is reachable only when none of them is blacklisted.
    Odoo's `is_blacklisted` checks the first one only (`email_normalized`)."""

    _inherit = "mail.thread.blacklist"

    def _crm_leads_email_addresses(self):
        """{record: set of the normalized addresses of its e-mail field} for the records of
        `self` that have an address."""
        return {
            record: {record.email_normalized, *email_normalize_all(record[record._primary_email])}
            for record in self
            if record.email_normalized
        }

    def _crm_leads_can_email(self):
        """The records of `self` that may be sent an e-mail: they have an address and none of the
        addresses of their e-mail field is on the blacklist. Reads the blacklist afresh, unlike
        `is_blacklisted` which a request caches."""
        addresses = self._crm_leads_email_addresses()
        every_address = set().union(*addresses.values())
        # The blacklist is readable by administrators only; every automation must still honour it.
        blacklisted = self.env["mail.blacklist"].sudo().search([("email", "in", list(every_address))])
        refused = set(blacklisted.mapped("email"))
        return self.filtered(lambda record: record in addresses and not addresses[record] & refused)

    @api.model
    def _crm_leads_can_email_domain(self):
        """Search domain of the records that may be sent an e-mail (see `_crm_leads_can_email`).
        The first address is checked in SQL (`is_blacklisted`); the records whose e-mail field
        holds more than one address (two "@" at least: few of them) are checked with the rule
        itself, and those refused are left out by id. Build the domain when searching: it is as
        fresh as the blacklist was then."""
        several = self.with_context(active_test=False).search(
            [(self._primary_email, "=like", "%@%@%"), ("email_normalized", "!=", False), ("is_blacklisted", "=", False)]
        )
        refused = several - several._crm_leads_can_email()
        return [("email_normalized", "!=", False), ("is_blacklisted", "=", False), ("id", "not in", refused.ids)]

    def _crm_leads_set_do_not_email(self, do_not_email):
        """Add the addresses of `self` to the blacklist (the first one of each record is enough
        to refuse it e-mails, and is the one Odoo's mass mailing checks), or take every one of
        them off it, so that the record may be e-mailed again."""
        if do_not_email:
            emails = set(self.filtered("email_normalized").mapped("email_normalized"))
        else:
            emails = set().union(*self._crm_leads_email_addresses().values())
        # Salespeople record a contact's wish; the blacklist itself is writable by administrators only.
        blacklist = self.env["mail.blacklist"].sudo()
        for email in emails:
            if do_not_email:
                blacklist._add(email)
            else:
                blacklist._remove(email)
