from odoo import fields, models


class CrmCatalogType(models.Model):
    """Kind of catalog (products, services, price list...), a list the sales managers keep."""

    _name = "crm.catalog.type"
    _description = "Catalog Type"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _name_uniq = models.Constraint(
        "UNIQUE (name)",
        "A catalog type with this name already exists: pick it in the list, or give this one another name.",
    )
