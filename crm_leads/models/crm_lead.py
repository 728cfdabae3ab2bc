from markupsafe import Markup

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
        compute="_compute_lead_status_is_closed", string="Closed Lead", store=True, index=True
    )

    def _default_lead_status(self):
        lead_type = self.env.context.get("default_type") or self.default_get(["type"]).get("type")
        Status = self.env["crm.lead.status"]
        if lead_type != "lead":
            return Status
        return Status.browse(Status._get_status_id_by_role("new"))

    @api.depends("lead_status_id", "lead_status_id.is_closed")
    def _compute_lead_status_is_closed(self):
        """Read from the cached closed statuses rather than the status records: Odoo's lead
        assignment forgets every record after each team, and reading the status again cost it a
        query per team."""
        closed_ids = self.env["crm.lead.status"]._get_closed_status_ids()
        for lead in self:
            lead.lead_status_is_closed = lead.lead_status_id.id in closed_ids

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
            self._check_not_converted(vals["lead_status_id"])
        return super().write(vals)

    def _check_not_converted(self, status_id):
        """A converted lead has a company, a contact, maybe an opportunity: moving it back to an
        open status (status bar, kanban, list) would leave them behind. Reopen undoes it."""
        if self.env.context.get("crm_leads_closing_action"):
            return
        converted = self.filtered(
            lambda lead: lead.lead_status_role == "converted" and lead.lead_status_id.id != status_id
        )
        if converted:
            raise UserError(
                _(
                    'The lead "%s" is converted: its status changes no more. A sales manager can reopen '
                    "it with the Reopen button, which unlinks it from its company and contact.",
                    converted[0].name,
                )
            )

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

    def action_crm_leads_reopen(self):
        """Undo a conversion by mistake: the lead goes back to the New status, unlinked from the
        company and contact of its conversion (which stay, with their own history)."""
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise UserError(_("Only sales managers can reopen a converted lead."))
        leads = self.filtered(lambda lead: lead.type == "lead" and lead.lead_status_role == "converted")
        bodies = {}
        for lead in leads:
            partners = lead.conversion_company_id | lead.conversion_contact_id
            bodies[lead.id] = Markup("<p>%s</p>") % (
                _(
                    "Lead reopened, unlinked from %s.",
                    Markup(", ").join(p._get_html_link(title=p.name) for p in partners),
                )
                if partners
                else _("Lead reopened.")
            )
            values = {"conversion_company_id": False, "conversion_contact_id": False}
            if lead.partner_id and lead.partner_id in partners:
                values["partner_id"] = False
            lead.write(values)
        leads._set_lead_status_by_role("new")
        leads._message_log_batch(bodies=bodies)
        return True

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
