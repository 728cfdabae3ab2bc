from odoo import fields, models


class CrmContactDepartment(models.Model):
    """Departments of the prospects' companies where leads and contacts work (Purchasing, IT,
    Management...): a list managers keep under CRM > Configuration."""

    _name = "crm.contact.department"
    _description = "Contact Department"
    _order = "sequence, name"

    name = fields.Char(string="Department", required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _name_uniq = models.Constraint("UNIQUE(name)", "This department already exists: pick it from the list.")
