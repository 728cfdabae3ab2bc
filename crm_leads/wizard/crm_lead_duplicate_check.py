from collections import defaultdict

from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmLeadDuplicateCheck(models.TransientModel):
    """Axelor's "Check duplicates": the user picks the fields to compare, the leads whose values
    match once normalised (case, accents, spaces, phone formatting) come out in groups, and a
    group is merged with Odoo's own merge dialog."""

    _name = "crm.lead.duplicate.check"
    _description = "Check Duplicate Leads"

    field_choice_ids = fields.One2many(
        "crm.lead.duplicate.field",
        "check_id",
        string="Fields to Compare",
        default=lambda self: self._default_field_choices(),
        help="Leads are grouped when all the ticked fields match, ignoring case, accents, spaces and "
        "punctuation. A lead with one of them empty is left out.",
    )
    lead_ids = fields.Many2many(
        "crm.lead",
        string="Leads to Check",
        default=lambda self: self._default_lead_ids(),
        help="The leads selected when the check was started; all the active leads when none was.",
    )
    group_ids = fields.One2many("crm.lead.duplicate.group", "check_id", string="Duplicate Groups")
    checked = fields.Boolean(string="Checked", help="The check ran: the groups shown are its result.")

    def _compute_display_name(self):
        # What the breadcrumbs say when the user comes back from a group of duplicates.
        for check in self:
            check.display_name = self.env._("Check Duplicates")

    def _default_field_choices(self):
        """The text fields the user sees on the lead form, the company name ticked: the others
        (normalised e-mail, IAP request ids...) are the machine's. Listed here because
        salespeople may not read Odoo's field definitions."""
        Lead = self.env["crm.lead"]
        arch = etree.fromstring(Lead.get_view(self.env.ref("crm.crm_lead_view_form").id, "form")["arch"])
        on_form = {
            node.get("name") for node in arch.iter("field") if node.get("invisible") not in ("1", "True", "true")
        }
        lead_fields = Lead.fields_get(list(on_form), attributes=["string", "type", "store"])
        choices = sorted(
            (description["string"], name)
            for name, description in lead_fields.items()
            if description["type"] == "char" and description.get("store")
        )
        return [
            fields.Command.create({"name": name, "label": label, "selected": name == "partner_name"})
            for label, name in choices
        ]

    def _default_lead_ids(self):
        if self.env.context.get("active_model") == "crm.lead":
            return self.env["crm.lead"].browse(self.env.context.get("active_ids", []))
        return self.env["crm.lead"]

    @api.model
    def _group_duplicates(self, leads, fnames):
        """Lists of ids of the leads of `leads` that match on `fnames`, two leads or more each.
        The values are fetched in one query for all the leads, then compared in Python."""
        fetched = leads.search_fetch(
            [("id", "in", leads.ids)], [*fnames, "email_normalized", "phone_sanitized", "country_id"]
        )
        groups = defaultdict(list)
        for lead in fetched:
            key = lead._duplicate_key(fnames)
            if key:
                groups[key].append(lead.id)
        return [ids for ids in groups.values() if len(ids) > 1]

    def action_check(self):
        self.ensure_one()
        fnames = self.field_choice_ids.filtered("selected").mapped("name")
        if not fnames:
            raise UserError(self.env._("Tick at least one field to compare, for instance the company name."))
        leads = self.lead_ids or self.env["crm.lead"].search([("type", "=", "lead")])
        groups = self._group_duplicates(leads, fnames)
        self.write(
            {
                "checked": True,
                "group_ids": [fields.Command.clear()]
                + [fields.Command.create({"lead_ids": [fields.Command.set(ids)]}) for ids in groups],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Check Duplicates"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            # In the main window, so that the results are still there when the user comes back
            # from a group through the breadcrumbs.
            "target": "current",
        }


class CrmLeadDuplicateField(models.TransientModel):
    """A text field of the lead a duplicate check may compare."""

    _name = "crm.lead.duplicate.field"
    _description = "Field Compared by a Duplicate Check"
    _order = "label, id"
    _rec_name = "label"

    check_id = fields.Many2one("crm.lead.duplicate.check", required=True, ondelete="cascade", index=True)
    name = fields.Char(string="Technical Name", required=True)
    label = fields.Char(string="Field", required=True)
    selected = fields.Boolean(string="Compare")


class CrmLeadDuplicateGroup(models.TransientModel):
    """Leads found alike by a duplicate check."""

    _name = "crm.lead.duplicate.group"
    _description = "Group of Duplicate Leads"

    check_id = fields.Many2one("crm.lead.duplicate.check", required=True, ondelete="cascade")
    lead_ids = fields.Many2many("crm.lead", string="Leads")
    lead_count = fields.Integer(compute="_compute_lead_count", string="Count")

    @api.depends("lead_ids")
    def _compute_lead_count(self):
        for group in self:
            group.lead_count = len(group.lead_ids)

    def action_merge(self):
        """Odoo's merge dialog on this group, the most advanced lead proposed as the one to keep."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Merge"),
            "res_model": "crm.merge.opportunity",
            "view_mode": "form",
            "target": "new",
            "context": {
                "active_model": "crm.lead",
                "active_ids": self.lead_ids.ids,
                "default_keep_lead_id": self.lead_ids._sort_by_confidence_level(reverse=True)[:1].id,
            },
        }

    def action_open_leads(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Duplicate Leads"),
            "res_model": "crm.lead",
            "view_mode": "list,form",
            "views": [(self.env.ref("crm.crm_case_tree_view_leads").id, "list"), (False, "form")],
            "domain": [("id", "in", self.lead_ids.ids)],
        }
