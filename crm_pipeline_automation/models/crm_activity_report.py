from odoo import fields, models


class CrmActivityReport(models.Model):
    _inherit = "crm.activity.report"

    activity_outcome_id = fields.Many2one("mail.activity.outcome", string="Outcome", readonly=True)

    def _select(self):
        return super()._select() + ", m.activity_outcome_id"
