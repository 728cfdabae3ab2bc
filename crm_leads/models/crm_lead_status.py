from odoo import _, api, fields, models, tools
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

    @api.model_create_multi
    def create(self, vals_list):
        statuses = super().create(vals_list)
        if any(vals.get("role") for vals in vals_list):
            self.env.registry.clear_cache()  # _get_status_id_by_role
        return statuses

    def write(self, vals):
        result = super().write(vals)
        if "role" in vals:
            self.env.registry.clear_cache()  # _get_status_id_by_role
        return result

    def unlink(self):
        holds_role = any(self.mapped("role"))
        result = super().unlink()
        if holds_role:
            self.env.registry.clear_cache()  # _get_status_id_by_role
        return result

    @api.model
    @tools.ormcache("role")
    def _get_status_id_by_role(self, role):
        """The id of the status holding `role`, or None. Cached: Odoo's lead assignment and mass
        conversion convert one lead at a time, and each new lead asks for the New status; a
        search each time cost them one query a lead. Statuses change their roles seldom, and
        clear the cache when they do."""
        return self.search([("role", "=", role)], limit=1).id or None

    @api.model
    def _get_status_by_role(self, role):
        """The status holding `role`; the shipped data and the constraints make it exist."""
        status = self.browse(self._get_status_id_by_role(role))
        if not status:
            raise UserError(
                _(
                    'No lead status has the role "%s": give it to a status under CRM > Configuration > Lead Statuses.',
                    self._role_label(role),
                )
            )
        return status
