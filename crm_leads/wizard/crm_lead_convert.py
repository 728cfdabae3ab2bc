from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import normalize_name


class CrmLeadConvert(models.TransientModel):
    """The Convert dialog of leads: what to do about the company and the contact, and whether
    the lead goes on as an opportunity. The work is done by `crm.lead._crm_leads_convert`."""

    _name = "crm.lead.convert"
    _description = "Convert Leads"

    lead_ids = fields.Many2many("crm.lead", string="Leads", required=True)
    lead_count = fields.Integer(compute="_compute_lead_count")
    company_action = fields.Selection(
        [("create", "Create a new company"), ("link", "Link an existing company"), ("none", "No company")],
        string="Company",
        required=True,
        default="create",
        help="With several leads, a new company is created only when none is found with the "
        "lead's e-mail or company name.",
    )
    company_id = fields.Many2one("res.partner", string="Existing Company", domain=[("is_company", "=", True)])
    contact_action = fields.Selection(
        [("create", "Create a new contact"), ("link", "Link an existing contact"), ("none", "No contact")],
        string="Contact",
        required=True,
        default="create",
        help="With several leads, a new contact is created only when none is found with the "
        "lead's e-mail or contact name (in the same company).",
    )
    contact_id = fields.Many2one("res.partner", string="Existing Contact", domain=[("is_company", "=", False)])
    prospect_status_id = fields.Many2one(
        "crm.prospect.status",
        string="Prospect Status",
        default=lambda self: self.env["crm.prospect.status"]._get_status_by_role("new"),
        help="The status of the prospects this conversion creates.",
    )
    create_opportunity = fields.Boolean(
        string="Create an opportunity",
        help="The lead becomes an opportunity of the contact (or of the company), in the pipeline.",
    )

    @api.depends("lead_ids")
    def _compute_lead_count(self):
        for wizard in self:
            wizard.lead_count = len(wizard.lead_ids)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        lead_ids = context.get("default_lead_ids") or (
            context.get("active_ids", []) if context.get("active_model") == "crm.lead" else []
        )
        leads = self.env["crm.lead"].browse(lead_ids)
        values["lead_ids"] = [fields.Command.set(leads.ids)]
        leads._crm_leads_check_convertible()
        if len(leads) == 1:
            values.update(self._suggestions_for(leads))
        return values

    @api.model
    def _suggestions_for(self, lead):
        """For one lead: link the company and contact found with its e-mail or names, else
        create them when the lead names them, else none."""
        Partner = self.env["res.partner"]
        values = {}
        company = Partner.browse()
        if lead.partner_name:
            company = Partner.search(
                [("is_company", "=", True), ("crm_leads_name_key", "=", normalize_name(lead.partner_name))], limit=1
            )
        values.update(
            company_action="link" if company else ("create" if lead.partner_name else "none"),
            company_id=company.id,
        )
        contact = Partner.browse()
        if lead.email_normalized:
            contact = Partner.search(
                [("is_company", "=", False), ("email_normalized", "=", lead.email_normalized)], limit=1
            )
        values.update(
            contact_action="link" if contact else ("create" if lead._crm_leads_contact_name() else "none"),
            contact_id=contact.id,
        )
        return values

    @api.onchange("company_id")
    def _onchange_company_id(self):
        if self.company_id and self.contact_id.commercial_partner_id not in (self.company_id, self.contact_id):
            self.contact_id = False

    def action_convert(self):
        self.ensure_one()
        if self.company_action == "link" and not self.company_id:
            raise UserError(_('Choose the existing company, or pick "Create a new company" or "No company".'))
        if self.contact_action == "link" and not self.contact_id:
            raise UserError(_('Choose the existing contact, or pick "Create a new contact" or "No contact".'))
        leads = self.lead_ids
        leads._crm_leads_check_convertible()
        # One lead: the user saw what exists and chose; several: match them rather than duplicate.
        create_mode = "create" if len(leads) == 1 else "match"
        counts = leads._crm_leads_convert(
            company_mode=create_mode if self.company_action == "create" else self.company_action,
            contact_mode=create_mode if self.contact_action == "create" else self.contact_action,
            company=self.company_id,
            contact=self.contact_id,
            create_opportunity=self.create_opportunity,
            prospect_status=self.prospect_status_id,
        )
        if len(leads) == 1 and self.create_opportunity:
            return leads.redirect_lead_opportunity_view()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Leads converted"),
                "message": leads._crm_leads_conversion_summary(counts),
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
