from collections import defaultdict

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    marketing_mailing_trace_ids = fields.Many2many(
        "mailing.trace",
        string="Mailings Received",
        compute="_compute_marketing_mailing_trace_ids",
        groups="mass_mailing.group_mass_mailing_user",
        help="The e-mail campaigns sent to the contact, or to its address on a mailing list, with what became of each.",
    )

    def _compute_marketing_mailing_trace_ids(self):
        Trace = self.env["mailing.trace"]
        partner_ids = self._origin.ids
        emails = {partner.email_normalized for partner in self if partner.email_normalized}
        contacts = self.env["mailing.contact"].search([("email_normalized", "in", list(emails))]) if emails else []
        traces = Trace.search(
            [("is_test_trace", "=", False)]
            + ["|", "&", ("model", "=", "res.partner"), ("res_id", "in", partner_ids)]
            + ["&", ("model", "=", "mailing.contact"), ("res_id", "in", contacts.ids if contacts else [])]
        )
        contact_emails = {contact.id: contact.email_normalized for contact in contacts}
        by_partner, by_email = defaultdict(list), defaultdict(list)
        for trace in traces:
            if trace.model == "res.partner":
                by_partner[trace.res_id].append(trace.id)
            else:
                by_email[contact_emails[trace.res_id]].append(trace.id)
        for partner in self:
            trace_ids = by_partner[partner._origin.id] + by_email[partner.email_normalized]
            partner.marketing_mailing_trace_ids = Trace.browse(trace_ids)
