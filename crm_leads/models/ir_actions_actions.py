from odoo import api, models


class IrActionsActions(models.Model):
    _inherit = "ir.actions.actions"

    @api.model
    def get_bindings(self, model_name):
        """The Actions menu of a model the CRM read-only level may not change offers it the
        printouts only: the other bound actions (send e-mail or SMS, enrich, convert, merge...)
        change the records or write about them."""
        result = super().get_bindings(model_name)
        if model_name in self.env and self.env[model_name]._crm_leads_reads_only():
            result.pop("action", None)
        return result
