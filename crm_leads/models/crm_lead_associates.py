from collections import defaultdict

from odoo import fields, models


class CrmLead(models.Model):
    """Koban's shared accounts: salespeople working on a lead or an opportunity beside the main
    one. A record rule lets Odoo's own-documents-only salespeople see and change the records they
    are associated with; "My Leads" and "My Pipeline" show those records too, and converting the
    lead gives its associated salespeople to the company and contact."""

    _inherit = "crm.lead"

    associate_user_ids = fields.Many2many(
        "res.users",
        "crm_lead_associate_user_rel",
        "lead_id",
        "user_id",
        string="Associated Salespeople",
        # A text domain: a list would make the ORM search these records at every user creation
        # (to recompute "share"), and break Odoo's own tests creating users with an inbox.
        domain="[('share', '=', False)]",
        help="Salespeople working on this lead or opportunity beside its salesperson: they see and "
        "change it even when their rights are limited to their own documents.",
    )

    def _crm_leads_prepare_common_values(self):
        values = super()._crm_leads_prepare_common_values()
        if self.associate_user_ids:
            values["associate_user_ids"] = [fields.Command.set(self.associate_user_ids.ids)]
        return values

    def _crm_leads_link_conversion(self, company_of, contact_of, status=None):
        """The company and contact a lead is linked to (found, not created from it) get its
        associated salespeople too, beside those they have."""
        result = super()._crm_leads_link_conversion(company_of, contact_of, status=status)
        missing = defaultdict(set)
        for lead in self.filtered("associate_user_ids"):
            for partner in (company_of.get(lead), contact_of.get(lead)):
                if partner:
                    missing[partner] |= set(lead.associate_user_ids.ids) - set(partner.associate_user_ids.ids)
        for partner, user_ids in missing.items():
            if user_ids:
                partner.write({"associate_user_ids": [fields.Command.link(user_id) for user_id in user_ids]})
        return result

    def _prepare_customer_values(self, partner_name, is_company=False, parent_id=False):
        """Odoo's own conversion (to an opportunity, creating its customer) carries them too."""
        values = super()._prepare_customer_values(partner_name, is_company=is_company, parent_id=parent_id)
        if self.associate_user_ids:
            values["associate_user_ids"] = [fields.Command.set(self.associate_user_ids.ids)]
        return values
