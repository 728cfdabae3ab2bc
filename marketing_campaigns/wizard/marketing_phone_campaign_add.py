from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import clean_context


class MarketingPhoneCampaignAdd(models.TransientModel):
    """Add the contacts, leads or opportunities selected in a list to a phone campaign."""

    _name = "marketing.phone.campaign.add"
    _description = "Add to a Phone Campaign"

    campaign_id = fields.Many2one(
        "marketing.phone.campaign",
        string="Phone Campaign",
        required=True,
        domain=[("state", "!=", "done")],
    )
    res_model = fields.Char(string="Model", required=True)
    res_ids = fields.Json(string="Records", required=True)
    record_count = fields.Integer(string="Selected Records", compute="_compute_record_count")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") and context.get("active_ids"):
            values.setdefault("res_model", context["active_model"])
            values.setdefault("res_ids", context["active_ids"])
        return values

    @api.depends("res_ids")
    def _compute_record_count(self):
        for wizard in self:
            wizard.record_count = len(wizard.res_ids or [])

    def action_add(self):
        self.ensure_one()
        if self.res_model not in ("res.partner", "crm.lead"):
            raise UserError(self.env._("Select contacts, leads or opportunities to add them to a phone campaign."))
        # Only the records the user may read: ids come from the browser.
        records = self.env[self.res_model].browse(self.res_ids).exists()._filtered_access("read")
        # The list's context (default_* keys of the leads' action) must not reach the calls created.
        campaign = self.campaign_id.with_context(clean_context(self.env.context))
        return campaign._add_targets({self.res_model: records.ids})
