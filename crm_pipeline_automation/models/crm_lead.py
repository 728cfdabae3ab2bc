from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    pipeline_trigger_log_ids = fields.One2many(
        "crm.pipeline.trigger.log", "lead_id", string="Trigger Log", groups="sales_team.group_sale_manager"
    )
    pipeline_trigger_log_count = fields.Integer(
        compute="_compute_pipeline_trigger_log_count", groups="sales_team.group_sale_manager"
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            stage_ids = {vals["stage_id"] for vals in vals_list if vals.get("stage_id")}
            self.env["crm.stage"].browse(stage_ids)._check_move_right(self.env.user)
        return super().create(vals_list)

    def write(self, vals):
        # Every path moving an opportunity ends here: the form, the kanban, an import, RPC.
        if vals.get("stage_id") and not self.env.su:
            self.env["crm.stage"].browse(vals["stage_id"])._check_move_right(self.env.user)
        return super().write(vals)

    def _compute_pipeline_trigger_log_count(self):
        counts = dict(
            self.env["crm.pipeline.trigger.log"]._read_group([("lead_id", "in", self.ids)], ["lead_id"], ["__count"])
        )
        for lead in self:
            lead.pipeline_trigger_log_count = counts.get(lead, 0)

    def action_open_pipeline_trigger_logs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_pipeline_automation.crm_pipeline_trigger_log_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        return action
