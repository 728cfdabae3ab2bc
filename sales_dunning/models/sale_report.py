from odoo import fields, models
from odoo.tools import SQL

MARGIN_GROUPS = "sales_dunning.group_quote_see_margin"


class SaleReport(models.Model):
    _inherit = "sale.report"

    # The margin analysis (by salesperson, customer, product) for those allowed only.
    margin = fields.Float(groups=MARGIN_GROUPS)
    sales_dunning_margin_rate = fields.Float(
        string="Margin Rate (%)",
        # Read grouped as the ratio of the groups' sums (see _read_group_select), never as an
        # average of the rows' rates: a large order weighs more than a small one.
        aggregator="avg",
        groups=MARGIN_GROUPS,
        help="The margin as a percentage of the untaxed total.",
    )

    def _select_additional_fields(self):
        res = super()._select_additional_fields()
        # A row's lines share one currency rate: the ratio needs no conversion.
        res["sales_dunning_margin_rate"] = """
            100.0 * SUM(l.margin) / NULLIF(SUM(CASE WHEN l.product_id IS NOT NULL THEN l.price_subtotal END), 0)
        """
        return res

    def _read_group_select(self, aggregate_spec, query):
        """The margin rate of a group: its summed margin over its summed untaxed total."""
        if aggregate_spec != "sales_dunning_margin_rate:avg":
            return super()._read_group_select(aggregate_spec, query)
        self._check_field_access(self._fields["sales_dunning_margin_rate"], "read")
        return SQL(
            "100.0 * SUM(%(margin)s) / NULLIF(SUM(%(total)s), 0)",
            margin=self._field_to_sql(self._table, "margin", query),
            total=self._field_to_sql(self._table, "price_subtotal", query),
        )
