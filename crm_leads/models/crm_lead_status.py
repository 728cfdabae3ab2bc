from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

STATUS_ROLES = [
    ("new", "Given to new leads"),
    ("converted", "Set by Convert"),
    ("lost", "Set by Lost"),
]


class CrmLeadStatus(models.Model):
    """Qualification status of a lead (Axelor's "statuts de piste"): open ones are worked on,
    closed ones end the lead. Three of them carry a role that the code relies on."""

    _name = "crm.lead.status"
    _inherit = ["crm.status.role.mixin"]
    _description = "Lead Status"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    is_closed = fields.Boolean(
        string="Closed",
        help="Leads in a closed status are listed under Closed Leads, the others under Open Leads.",
    )
    role = fields.Selection(
        STATUS_ROLES,
        help="New: given to every new lead. Converted and Lost: set only by the Convert and Lost "
        "buttons. Each role is held by one status: to move it, remove it from its status, then give it "
        "to the other one.",
    )
    fold = fields.Boolean(string="Folded in Kanban")
    color = fields.Integer()
    lead_count = fields.Integer(compute="_compute_lead_count", string="Leads")

    def _compute_lead_count(self):
        counts = dict(
            self.env["crm.lead"]
            .with_context(active_test=False)
            ._read_group([("lead_status_id", "in", self.ids)], ["lead_status_id"], ["__count"])
        )
        for status in self:
            status.lead_count = counts.get(status, 0)

    @api.constrains("role", "is_closed")
    def _check_role_matches_closed(self):
        for status in self:
            if status.role == "new" and status.is_closed:
                raise ValidationError(
                    _(
                        'The status "%s" gives leads their start: untick Closed, or take its role away first.',
                        status.name,
                    )
                )
            if status.role in ("converted", "lost") and not status.is_closed:
                raise ValidationError(
                    _('The status "%s" ends leads: tick Closed, or take its role away first.', status.name)
                )

    @api.model
    def _get_status_by_role(self, role):
        """The status holding `role`; the shipped data and the constraints make it exist."""
        status = self.search([("role", "=", role)], limit=1)
        if not status:
            raise UserError(
                _(
                    'No lead status has the role "%s": give it to a status under CRM > Configuration > Lead Statuses.',
                    self._role_label(role),
                )
            )
        return status
