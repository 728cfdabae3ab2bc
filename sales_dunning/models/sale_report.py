from odoo import fields, models


class SaleReport(models.Model):
    _inherit = "sale.report"

    # The margin analysis (by salesperson, customer, product) for those allowed only.
    margin = fields.Float(groups="sales_dunning.group_quote_see_margin")
