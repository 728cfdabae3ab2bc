from odoo import api, fields, models


class CrmPublicMailDomain(models.Model):
    """A mail domain shared by the public (gmail.com, orange.fr...): contacts with an address
    there are no colleagues of each other, so related contacts leave it out."""

    _name = "crm.public.mail.domain"
    _description = "Public Mail Domain"
    _order = "name"

    name = fields.Char(string="Domain", required=True, help="The part after @, e.g. gmail.com.")
    active = fields.Boolean(default=True)

    _name_unique = models.Constraint("UNIQUE(name)", "This mail domain is already in the list.")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name"):
                vals["name"] = self._clean_domain(vals["name"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("name"):
            vals["name"] = self._clean_domain(vals["name"])
        return super().write(vals)

    @api.model
    def _clean_domain(self, domain):
        return domain.strip().lstrip("@").lower()

    @api.model
    def _filter_public(self, domains):
        """The domains of `domains` that are public."""
        return set(self.search([("name", "in", list(domains))]).mapped("name")) if domains else set()
