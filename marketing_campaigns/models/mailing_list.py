from odoo import models
from odoo.fields import Command
from odoo.tools import email_normalize


class MailingList(models.Model):
    _inherit = "mailing.list"

    def _add_records(self, records, email_field):
        """Subscribe the e-mail addresses of `records` to the lists: a mailing contact with the
        address is reused (subscribed if it was not), one is made for the others. A contact who
        opted out of a list stays opted out. Return the number of addresses newly subscribed."""
        by_email = {}
        for record in records:
            email = email_normalize(record[email_field] or "")
            if email and email not in by_email:
                by_email[email] = record
        if not by_email:
            return 0
        Contact = self.env["mailing.contact"]
        contacts = {}
        for contact in Contact.search([("email_normalized", "in", list(by_email))], order="id"):
            contacts.setdefault(contact.email_normalized, contact)
        # Read from the subscriptions themselves: the cache of list_ids does not follow them.
        subscriptions = self.env["mailing.subscription"].search(
            [("contact_id", "in", [contact.id for contact in contacts.values()]), ("list_id", "in", self.ids)]
        )
        subscribed = {(subscription.contact_id.id, subscription.list_id.id) for subscription in subscriptions}
        added, subscriptions, to_create = 0, [], []
        for email, record in by_email.items():
            contact = contacts.get(email)
            missing = (
                self.filtered(lambda lst, contact=contact: (contact.id, lst.id) not in subscribed) if contact else self
            )
            if not missing:
                continue
            added += 1
            if contact:
                subscriptions += [{"contact_id": contact.id, "list_id": mailing_list.id} for mailing_list in missing]
            else:
                to_create.append(
                    {
                        "name": record.display_name,
                        "email": record[email_field],
                        "subscription_ids": [Command.create({"list_id": mailing_list.id}) for mailing_list in self],
                    }
                )
        self.env["mailing.subscription"].create(subscriptions)
        Contact.create(to_create)
        # The contacts' lists are read through their subscriptions, which the cache does not follow.
        self.invalidate_recordset(["contact_ids"])
        return added
