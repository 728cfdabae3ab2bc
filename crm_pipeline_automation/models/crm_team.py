from odoo import fields, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    pipeline_trigger_ids = fields.One2many(
        "crm.pipeline.trigger", "team_id", string="Triggers", context={"active_test": False}
    )
