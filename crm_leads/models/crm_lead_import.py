from odoo import api, fields, models
from odoo.tools import email_normalize

from ..tools import normalize_name


def company_contact_key(company_name, contact_name):
    """The normalised key of a company and a contact name together, False when one is missing."""
    company, contact = normalize_name(company_name), normalize_name(contact_name)
    return f"{company} / {contact}" if company and contact else False


class CrmLead(models.Model):
    """Keys Odoo's import screen offers to find the leads a file already holds."""

    _name = "crm.lead"
    _inherit = ["crm.lead", "crm.import.match.mixin"]

    crm_leads_company_contact_key = fields.Char(
        compute="_compute_crm_leads_company_contact_key",
        store=True,
        index="btree_not_null",
        string="Company and Contact Key",
        help="The company and contact names without case, accents or punctuation: imports find existing leads on it.",
    )

    @api.depends("partner_name", "contact_name")
    def _compute_crm_leads_company_contact_key(self):
        for lead in self:
            lead.crm_leads_company_contact_key = company_contact_key(lead.partner_name, lead.contact_name)

    @api.model
    def _crm_import_match_keys(self):
        return {
            **super()._crm_import_match_keys(),
            "email": (self.env._("E-mail"), ["email_from"], "email_normalized", lambda email: email_normalize(email)),
            "company_contact": (
                self.env._("Company and contact name"),
                ["partner_name", "contact_name"],
                "crm_leads_company_contact_key",
                company_contact_key,
            ),
        }

    @api.model
    def _crm_import_match_domain(self):
        """A file of leads updates leads, one of opportunities opportunities (the list it is
        imported from says which, through its default type)."""
        lead_type = self.env.context.get("default_type")
        domain = super()._crm_import_match_domain()
        return [*domain, ("type", "=", lead_type)] if lead_type in ("lead", "opportunity") else domain
