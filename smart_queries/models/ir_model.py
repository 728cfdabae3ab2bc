from odoo import models


class IrModel(models.Model):
    _inherit = "ir.model"

    def unlink(self):
        # While smart_queries itself is uninstalled, its columns are dropped before its models.
        if self.env.ref("base.module_smart_queries").state != "to remove":
            # Queries of a model being uninstalled are archived with a note rather than deleted
            # or left pointing to nothing; the uninstalling user may not see others' queries.
            self.env["smart.query"].sudo()._archive_for_missing_model(self.mapped("model"))
        return super().unlink()
