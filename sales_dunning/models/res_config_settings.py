from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sales_dunning_reminders = fields.Boolean(related="company_id.sales_dunning_reminders", readonly=False)
    sales_dunning_courtesy_days = fields.Integer(related="company_id.sales_dunning_courtesy_days", readonly=False)
    sales_dunning_courtesy_template_id = fields.Many2one(
        related="company_id.sales_dunning_courtesy_template_id",
        readonly=False,
        groups="base.group_system",
    )
    sales_dunning_quote_followup = fields.Boolean(related="company_id.sales_dunning_quote_followup", readonly=False)
    sales_dunning_quote_followup_mode = fields.Selection(
        related="company_id.sales_dunning_quote_followup_mode", readonly=False
    )
    sales_dunning_quote_step_ids = fields.One2many(related="company_id.sales_dunning_quote_step_ids", readonly=False)
    sales_dunning_level_ids = fields.One2many(related="company_id.credit_policy_id.level_ids", readonly=False)

    def set_values(self):
        res = super().set_values()
        if self.sales_dunning_reminders and not self.company_id.credit_policy_id:
            self.company_id._sales_dunning_create_default_policy()
        return res
