from odoo import _, api, fields, models
from odoo.exceptions import UserError

CLOSING_ROLES = ("converted", "lost")


class CrmLead(models.Model):
    _inherit = "crm.lead"

    lead_status_id = fields.Many2one(
        "crm.lead.status",
        string="Lead Status",
        default=lambda self: self._default_lead_status(),
        group_expand="_read_group_expand_lead_status",
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
        help="Where the lead stands in its qualification. Converted and Lost are set by the Convert and Lost buttons.",
    )
    lead_status_role = fields.Selection(related="lead_status_id.role", string="Lead Status Role")
    lead_status_is_closed = fields.Boolean(
        related="lead_status_id.is_closed", string="Closed Lead", store=True, index=True
    )

    def _default_lead_status(self):
        lead_type = self.env.context.get("default_type") or self.default_get(["type"]).get("type")
        Status = self.env["crm.lead.status"]
        if lead_type != "lead":
            return Status
        return Status.browse(Status._get_status_id_by_role("new"))

    @api.model
    def _read_group_expand_lead_status(self, statuses, domain):
        """Every status is a kanban column, even an empty one, so leads can be dropped there."""
        return statuses.search([])

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("type", self.env.context.get("default_type")) == "opportunity":
                vals.setdefault("lead_status_id", False)
            elif vals.get("lead_status_id"):
                self._check_lead_status_settable(vals["lead_status_id"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("lead_status_id"):
            self._check_lead_status_settable(vals["lead_status_id"])
        return super().write(vals)

    def _check_lead_status_settable(self, status_id):
        """Converted and lost statuses mean that something happened (a conversion, a loss
        with its reason): only those actions may set them."""
        if self.env.context.get("crm_leads_closing_action"):
            return
        status = self.env["crm.lead.status"].browse(status_id)
        if status.role in CLOSING_ROLES:
            raise UserError(
                _(
                    'The status "%s" is set by the Convert and Lost buttons only: use them instead.',
                    status.name,
                )
            )

    def _set_lead_status_by_role(self, role):
        """Move these leads to the status holding `role`, closing ones included."""
        if self:
            status = self.env["crm.lead.status"]._get_status_by_role(role)
            self.with_context(crm_leads_closing_action=True).write({"lead_status_id": status.id})

    def action_set_lost(self, **additional_values):
        result = super().action_set_lost(**additional_values)
        self.filtered(lambda lead: lead.type == "lead")._set_lead_status_by_role("lost")
        return result

    def action_unarchive(self):
        restored = self.filtered(lambda lead: not lead.active and lead.lead_status_role == "lost")
        result = super().action_unarchive()
        restored._set_lead_status_by_role("new")
        return result

    def convert_opportunity(self, partner, user_ids=False, team_id=False):
        """The leads Odoo converts get the Converted status (see `_convert_opportunity_data`)."""
        return super(CrmLead, self.with_context(crm_leads_closing_action=True)).convert_opportunity(
            partner, user_ids=user_ids, team_id=team_id
        )

    def _convert_opportunity_data(self, customer, team_id=False):
        """The Converted status goes in the write Odoo makes to convert the lead: Odoo's lead
        assignment and mass conversion convert one lead at a time, and a write of ours after
        theirs cost them queries for every lead."""
        values = super()._convert_opportunity_data(customer, team_id=team_id)
        if self.type == "lead":
            values["lead_status_id"] = self.env["crm.lead.status"]._get_status_by_role("converted").id
        return values
