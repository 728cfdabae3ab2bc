from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    sales_dunning_followup_order_ids = fields.Many2many(
        "sale.order",
        string="Quotations to Follow Up",
        compute="_compute_sales_dunning_followup_order_ids",
    )

    @api.depends("order_ids.state")
    def _compute_sales_dunning_followup_order_ids(self):
        for lead in self:
            lead.sales_dunning_followup_order_ids = lead.order_ids.filtered("sales_dunning_step_due_id")

    def action_sales_dunning_follow_up(self):
        """ "Follow up now" on the opportunity: its quotations whose follow-up is due."""
        self.sales_dunning_followup_order_ids.action_sales_dunning_follow_up()
        return True
