from odoo import api, fields, models


class MarketingPhoneCampaignExclusion(models.Model):
    """A record a phone campaign was asked to call and left out, and why: the counts shown on the
    campaign, and the list behind them. One row a record, however often the list is built again,
    so that nobody is counted twice; a record that becomes callable leaves the list."""

    _name = "marketing.phone.campaign.exclusion"
    _description = "Record Left Out of a Phone Campaign"
    _order = "campaign_id, reason, id"
    _rec_name = "res_name"

    campaign_id = fields.Many2one("marketing.phone.campaign", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="campaign_id.company_id", store=True)
    res_model = fields.Char(string="Model", required=True)
    res_id = fields.Many2oneReference(string="Record", model_field="res_model", required=True)
    res_name = fields.Char(string="Name", compute="_compute_res_name")
    reason = fields.Selection(
        [
            ("do_not_call", "Do not call"),
            ("no_phone", "Without phone"),
            ("not_callable", "Neither contact nor lead"),
        ],
        required=True,
    )

    _record_unique = models.UniqueIndex("(campaign_id, res_model, res_id)")

    @api.depends("res_model", "res_id")
    def _compute_res_name(self):
        for model, exclusions in self.grouped("res_model").items():
            if model not in self.env:
                exclusions.res_name = False
                continue
            names = dict(
                self.env[model].browse(exclusions.mapped("res_id")).exists().mapped(lambda r: (r.id, r.display_name))
            )
            for exclusion in exclusions:
                exclusion.res_name = names.get(exclusion.res_id, False)

    @api.model
    def _record(self, campaign, model, ids_by_reason, cleared=()):
        """Record the records of ``model`` left out of ``campaign`` (``ids_by_reason``), and forget
        those now called (``cleared``)."""
        all_ids = [res_id for ids in ids_by_reason.values() for res_id in ids] + list(cleared)
        if not all_ids:
            return
        existing = self.search(
            [("campaign_id", "=", campaign.id), ("res_model", "=", model), ("res_id", "in", all_ids)]
        )
        by_res_id = {exclusion.res_id: exclusion for exclusion in existing}
        existing.filtered(lambda exclusion: exclusion.res_id in set(cleared)).unlink()
        to_create = []
        for reason, ids in ids_by_reason.items():
            known = self.browse([by_res_id[res_id].id for res_id in ids if res_id in by_res_id])
            known.filtered(lambda exclusion, reason=reason: exclusion.reason != reason).reason = reason
            to_create += [
                {"campaign_id": campaign.id, "res_model": model, "res_id": res_id, "reason": reason}
                for res_id in ids
                if res_id not in by_res_id
            ]
        self.create(to_create)

    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
