from odoo import fields, models


class CrmContactJobFunction(models.Model):
    """Job functions of leads and contacts (Buyer, IT Manager, CEO...), to target decision
    makers: a list managers keep under CRM > Configuration."""

    _name = "crm.contact.job.function"
    _description = "Contact Job Function"
    _order = "sequence, name"

    name = fields.Char(string="Job Function", required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _name_uniq = models.Constraint("UNIQUE(name)", "This job function already exists: pick it from the list.")
