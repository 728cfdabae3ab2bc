from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

MARGIN_GROUPS = "sales_dunning.group_quote_see_margin"


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # sale_margin's fields, for those allowed only: hidden in views, exports and RPC. Not
    # precomputed: a precompute reads them as the user creating the line; stored computes
    # run as superuser after it.
    purchase_price = fields.Float(groups=MARGIN_GROUPS, precompute=False)
    margin = fields.Float(groups=MARGIN_GROUPS, precompute=False)
    margin_percent = fields.Float(groups=MARGIN_GROUPS, precompute=False)

    sales_dunning_can_discount = fields.Boolean(
        compute="_compute_sales_dunning_can_discount",
        help="Whether the current user may change the discount by hand.",
    )

    @api.depends_context("uid")
    def _compute_sales_dunning_can_discount(self):
        allowed = not self._sales_dunning_discount_restricted()
        for line in self:
            line.sales_dunning_can_discount = allowed

    def _sales_dunning_discount_restricted(self):
        return not self.env.su and not self.env.user.has_group("sales_dunning.group_quote_give_discount")

    def _sales_dunning_check_discount(self, requested):
        """The discount asked for must be the one the pricelist gives."""
        for line, wanted in requested:
            if wanted is not None and float_compare(line.discount, wanted or 0.0, precision_digits=2):
                raise UserError(
                    self.env._(
                        "You may not change the discount of %(product)s (%(order)s): ask a user with the "
                        "“Give discounts” right. Discounts of the pricelist still apply.",
                        product=line.product_id.display_name or line.name,
                        order=line.order_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self._sales_dunning_discount_restricted():
            return super().create(vals_list)
        vals_list = [dict(vals) for vals in vals_list]
        wanted = [vals.pop("discount", None) for vals in vals_list]
        lines = super().create(vals_list)
        self._sales_dunning_check_discount(zip(lines, wanted, strict=True))
        return lines

    def write(self, vals):
        if "discount" not in vals or not self._sales_dunning_discount_restricted():
            return super().write(vals)
        vals = dict(vals)
        wanted = vals.pop("discount")
        res = super().write(vals) if vals else True
        self._sales_dunning_check_discount((line, wanted) for line in self)
        return res
