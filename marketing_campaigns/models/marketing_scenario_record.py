from odoo import fields, models


class MarketingScenarioRecord(models.AbstractModel):
    """What a record took part in among the marketing scenarios: for the leads' and contacts'
    "Marketing" tab. Computed, never stored: the participants hold the link."""

    _name = "marketing.scenario.record"
    _description = "Record Enrolled in Marketing Scenarios"

    marketing_participant_ids = fields.Many2many(
        "marketing.scenario.participant",
        compute="_compute_marketing_participant_ids",
        string="Marketing Scenarios",
        groups="marketing_campaigns.group_marketing_campaigns_user",
    )

    def _compute_marketing_participant_ids(self):
        participants = self.env["marketing.scenario.participant"].search(
            [("model_name", "=", self._name), ("res_id", "in", self._origin.ids), ("is_test", "=", False)]
        )
        by_record = participants.grouped("res_id")
        for record in self:
            record.marketing_participant_ids = by_record.get(record._origin.id, participants.browse())
