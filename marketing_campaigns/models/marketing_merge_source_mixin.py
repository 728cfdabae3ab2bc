from odoo import api, fields, models
from odoo.exceptions import UserError


class MarketingMergeSourceMixin(models.AbstractModel):
    """The records a mail merge prints for: those selected in a list (the action's ``active_ids``),
    or those a smart query finds when printing. Always read with the rights of the user printing."""

    _name = "marketing.merge.source.mixin"
    _description = "Mail Merge Records"

    res_ids = fields.Json(string="Selected Records", readonly=True)
    query_id = fields.Many2one(
        "smart.query",
        string="Saved Query",
        help="Print for the records the query finds now, with its parameters' default values.",
    )

    @api.model
    def _merge_accepts_model(self, model_name):
        """Whether records of this model can be printed for; ``res_model`` is set from the action."""
        return True

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        active_model = context.get("active_model")
        if context.get("active_ids") and active_model != "smart.query" and self._merge_accepts_model(active_model):
            values["res_model"] = active_model
            values["res_ids"] = context["active_ids"]
        return values

    def _get_records(self):
        self.ensure_one()
        if self.res_model not in self.env or not self._merge_accepts_model(self.res_model):
            raise UserError(self.env._("Mail merge cannot print for records of %s.", self.res_model))
        if self.query_id:
            if self.query_id.model_name != self.res_model:
                raise UserError(
                    self.env._(
                        "The query %(query)s lists records of another kind than %(model)s: choose another one.",
                        query=self.query_id.name,
                        model=self.env["ir.model"]._get(self.res_model).name,
                    )
                )
            return self.query_id._search_matching()
        if not self.res_ids:
            raise UserError(self.env._("Select the records to print for in a list, or choose a saved query."))
        records = self.env[self.res_model].browse(self.res_ids).exists()
        records.check_access("read")
        return records
