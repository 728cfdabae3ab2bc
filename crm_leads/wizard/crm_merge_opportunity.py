from odoo import fields, models
from odoo.exceptions import UserError


class CrmMergeOpportunity(models.TransientModel):
    """Odoo's merge keeps the most advanced lead; Axelor lets the user choose which one is the
    original: the others are merged into it."""

    _inherit = "crm.merge.opportunity"

    keep_lead_id = fields.Many2one(
        "crm.lead",
        string="Record to Keep",
        domain="[('id', 'in', opportunity_ids)]",
        help="The others are merged into this one. Left empty, the most advanced one is kept.",
    )

    def action_merge(self):
        self.ensure_one()
        if self.keep_lead_id and self.keep_lead_id not in self.opportunity_ids:
            raise UserError(
                self.env._("The record to keep must be one of the records to merge: choose it in the list.")
            )
        merging = self.with_context(crm_leads_merge_keep_id=self.keep_lead_id.id)
        return super(CrmMergeOpportunity, merging).action_merge()
