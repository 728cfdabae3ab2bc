from odoo import fields, models


class CrmPipelineTriggerLog(models.Model):
    _inherit = "crm.pipeline.trigger.log"

    scenario_note = fields.Text(
        string="Marketing Scenarios",
        readonly=True,
        help="The marketing scenarios the opportunity was not enrolled in, and why.",
    )
