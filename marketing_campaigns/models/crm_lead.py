from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    marketing_mailing_trace_ids = fields.Many2many(
        "mailing.trace",
        string="Mailings Received",
        compute="_compute_marketing_mailing_trace_ids",
        groups="mass_mailing.group_mass_mailing_user",
        help="The e-mail campaigns sent to the lead or opportunity, with what became of each.",
    )

    def _compute_marketing_mailing_trace_ids(self):
        traces = self.env["mailing.trace"].search(
            [("model", "=", self._name), ("res_id", "in", self.ids), ("is_test_trace", "=", False)]
        )
        by_lead = traces.grouped("res_id")
        for lead in self:
            lead.marketing_mailing_trace_ids = by_lead.get(lead._origin.id, traces.browse())
