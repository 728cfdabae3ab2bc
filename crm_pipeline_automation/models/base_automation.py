from odoo import fields, models


class BaseAutomation(models.Model):
    _inherit = "base.automation"

    crm_pipeline_trigger_id = fields.Many2one(
        "crm.pipeline.trigger",
        string="Pipeline Trigger",
        ondelete="cascade",
        index="btree_not_null",
        readonly=True,
        help="The rule detects this pipeline trigger's event: change the trigger, the rule follows.",
    )
