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
        if any(vals.get("role") or vals.get("is_closed") for vals in vals_list):
            self.env.registry.clear_cache()  # _get_status_id_by_role, _get_closed_status_ids
        return statuses

    def write(self, vals):
        if "is_closed" in vals:
            # before the leads recompute their Closed flag from _get_closed_status_ids
            self.env.registry.clear_cache()
        result = super().write(vals)
        if "role" in vals or "is_closed" in vals:
            self.env.registry.clear_cache()  # _get_status_id_by_role, _get_closed_status_ids
        return result

    def unlink(self):
        clears_cache = any(self.mapped("role")) or any(self.mapped("is_closed"))
        result = super().unlink()
        if clears_cache:
            self.env.registry.clear_cache()  # _get_status_id_by_role, _get_closed_status_ids
        return result

    @api.model
    @tools.ormcache("role")
    def _get_status_id_by_role(self, role):
        """The id of the status holding `role`, or None. Cached: Odoo's lead assignment and mass
        conversion convert one lead at a time, and each new lead asks for the New status; a
        search each time cost them one query a lead. Statuses change their roles seldom, and
        clear the cache when they do."""
        # sudo: the cache is shared by every user, and every user may read every status
        return self.sudo().search([("role", "=", role)], limit=1).id or None

    @api.model
    @tools.ormcache()
    def _get_closed_status_ids(self):
        """The ids of the closed statuses, cached for the leads' Closed flag (see crm.lead)."""
        # sudo: the cache is shared by every user, and every user may read every status
        return frozenset(self.sudo().search([("is_closed", "=", True)]).ids)

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
