from odoo import fields, models


class CrmContactRole(models.Model):
    """The part a person plays at a company (decision maker, buyer, user...), to tell apart the
    contacts of one company."""

    _name = "crm.contact.role"
    _description = "Contact Role"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
