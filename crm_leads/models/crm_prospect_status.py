from odoo import api, fields, models

PROSPECT_STATUS_ROLES = [
    ("new", "Given to new prospects"),
    ("won", "Makes the prospect a customer"),
    ("lost", "Prospect lost"),
]


class CrmProspectStatus(models.Model):
    """Qualification status of a prospect (Axelor's "statuts prospect"), shown on prospects when
    the setting "Manage statuses on prospects" is on. Reaching the won status makes the prospect
    a customer."""

    _name = "crm.prospect.status"
    _inherit = ["crm.status.role.mixin"]
    _description = "Prospect Status"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    role = fields.Selection(
        PROSPECT_STATUS_ROLES,
        help="New: given to prospects made by converting a lead. Won: makes the prospect a customer. "
        "Each role is held by one status.",
    )
    fold = fields.Boolean(string="Folded in Kanban")
    color = fields.Integer()
    partner_count = fields.Integer(compute="_compute_partner_count", string="Prospects")

    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("prospect_status_id", "in", self.ids)], ["prospect_status_id"], ["__count"]
            )
        )
        for status in self:
            status.partner_count = counts.get(status, 0)

    @api.model
    def _get_status_by_role(self, role):
        """The status holding `role`, or an empty recordset when none does."""
        return self.search([("role", "=", role)], limit=1)
