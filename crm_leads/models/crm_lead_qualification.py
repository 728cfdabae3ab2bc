import re

from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Domain

from ..tools import normalize_name

# Axelor's lead scoring and opportunity scoring, five stars of commercial interest, as the values
# of Odoo's own priority: one rating that Odoo's sorting, assignment and merge read too.
RATINGS = [
    ("0", "Not rated"),
    ("1", "Weak interest"),
    ("2", "Some interest"),
    ("3", "Interesting"),
    ("4", "Very interesting"),
    ("5", "Top interest"),
]

# French company size classes (INSEE): micro, small and medium, intermediate, large companies.
COMPANY_SIZES = [
    ("1_9", "1-9 employees"),
    ("10_49", "10-49 employees"),
    ("50_249", "50-249 employees"),
    ("250_999", "250-999 employees"),
    ("1000_4999", "1,000-4,999 employees"),
    ("5000", "5,000 employees or more"),
]


def normalize_phone_for_duplicates(number, country_phone_code=None):
    """The national digits of a phone number: "+33 1 42 14 20 00", "0033142142000" and
    "01.42.14.20.00" all give "142142000" for a French lead (trunk 0 and country code dropped)."""
    number = (number or "").strip()
    international = number.startswith(("+", "00"))
    digits = re.sub(r"\D", "", number)
    if number.startswith("00"):
        digits = digits[2:]
    code = str(country_phone_code or "")
    if international and code and digits.startswith(code):
        digits = digits[len(code) :]
    return digits.lstrip("0")


class CrmLead(models.Model):
    """Lead qualification of Axelor: taking a lead in charge, the five-star rating, the
    marketing panel (company size, key account, nurturing, industry, department, job function),
    the do not call / do not e-mail switches and the duplicate checks."""

    _name = "crm.lead"
    _inherit = ["crm.lead", "crm.do.not.contact.mixin"]

    priority = fields.Selection(
        selection_add=RATINGS,
        string="Rating",
        ondelete={"4": "set 3", "5": "set 3"},
        help="Commercial interest, from one star (weak) to five (very interesting). Leads and "
        "opportunities are sorted by it; a converted lead gives it to its company and contact.",
    )
    company_size = fields.Selection(
        COMPANY_SIZES,
        string="Company Size",
        help="Number of employees of the lead's company, to target companies of a given size.",
    )
    is_key_account = fields.Boolean(
        string="Key Account",
        help="A company that matters commercially, for instance a large company to win as a customer.",
    )
    is_nurturing = fields.Boolean(
        string="Nurturing",
        help="The lead is not buying yet (project on hold, early prospecting): feed it with marketing content.",
    )
    industry_id = fields.Many2one("res.partner.industry", string="Industry", index="btree_not_null")
    department_id = fields.Many2one(
        "crm.contact.department", string="Department", index="btree_not_null", ondelete="restrict"
    )
    job_function_id = fields.Many2one(
        "crm.contact.job.function", string="Job Function", index="btree_not_null", ondelete="restrict"
    )
    possible_duplicate_ids = fields.Many2many(
        "crm.lead",
        compute="_compute_possible_duplicate_ids",
        string="Possible Duplicates",
        help="Other leads and opportunities with the same e-mail, or the same company and contact name.",
    )
    possible_duplicate_count = fields.Integer(
        compute="_compute_possible_duplicate_ids", string="Possible Duplicate Count"
    )

    # ------------------------------------------------------------
    # Take charge
    # ------------------------------------------------------------

    def action_take_charge(self):
        self._take_charge(self.env.user)
        return True

    def action_take_charge_selected(self):
        """Take charge from a list or kanban selection: say how many, then show them reassigned."""
        self._take_charge(self.env.user)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._("Leads assigned to you: %s.", len(self)),
                "type": "success",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _take_charge(self, user):
        """Assign these leads to `user` and to their sales team when they have one, and say so in
        each lead's chatter. A user without a team leaves each lead in its team, where Odoo would
        move it to a default team the user is no member of either."""
        if not self:
            return
        if user.sale_team_id:
            self.write({"user_id": user.id, "team_id": user.sale_team_id.id})
        else:
            for team, leads in self.grouped("team_id").items():
                leads.write({"user_id": user.id, "team_id": team.id})
        body = Markup("<p>%s</p>") % self.env._("Taken in charge by %s.", user.name)
        self._message_log_batch(bodies=dict.fromkeys(self.ids, body))

    # ------------------------------------------------------------
    # Duplicates
    # ------------------------------------------------------------

    def _duplicate_key(self, fnames):
        """What this lead's `fnames` give once normalised (names through `normalize_name`; e-mails
        and phones are compared in their normalised form), or None when one of them is empty: a
        lead is no duplicate of another through what neither of them has."""
        self.ensure_one()
        key = []
        for fname in fnames:
            if fname == "email_from":
                value = self.email_normalized or ""
            elif fname == "phone":
                country = self.country_id or self.env.company.country_id
                value = normalize_phone_for_duplicates(self.phone_sanitized or self.phone, country.phone_code)
            else:
                value = normalize_name(self[fname])
            if not value:
                return None
            key.append(value)
        return tuple(key)

    @api.depends("email_normalized", "partner_name", "contact_name")
    def _compute_possible_duplicate_ids(self):
        """Warn before a lead is entered twice: same e-mail, or same company and contact name.
        One search for all the leads of `self`, then the names compared once normalised."""
        emails = {lead.email_normalized for lead in self if lead.email_normalized}
        conditions = [Domain("email_normalized", "in", list(emails))] if emails else []
        # A spelling may differ in accents in the company or in the contact name, seldom in both.
        for lead in self.filtered(lambda lead: lead.partner_name and lead.contact_name):
            conditions.append(
                Domain("partner_name", "ilike", lead.partner_name.strip())
                | Domain("contact_name", "ilike", lead.contact_name.strip())
            )
        candidates = self.browse()
        if conditions:
            own_ids = [lead._origin.id for lead in self if lead._origin.id]
            candidates = self.search(Domain.OR(conditions) & Domain("id", "not in", own_ids))
        name_fields = ["partner_name", "contact_name"]
        for lead in self:
            names = lead._duplicate_key(name_fields)
            duplicates = candidates.filtered(
                lambda other, lead=lead, names=names: (
                    other.id != lead._origin.id
                    and (
                        (lead.email_normalized and other.email_normalized == lead.email_normalized)
                        or (names and other._duplicate_key(name_fields) == names)
                    )
                )
            )
            lead.possible_duplicate_ids = duplicates
            lead.possible_duplicate_count = len(duplicates)

    def action_open_duplicate_leads(self):
        self.ensure_one()
        leads = self.possible_duplicate_ids | self
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Possible duplicates of %s", self.display_name),
            "res_model": "crm.lead",
            "view_mode": "list,form",
            "views": [(self.env.ref("crm.crm_case_tree_view_leads").id, "list"), (False, "form")],
            "domain": [("id", "in", leads.ids)],
        }

    def _sort_by_confidence_level(self, reverse=False):
        """The record the user chose to keep in the merge dialog comes first: Odoo's merge keeps
        the first record and merges the others into it."""
        leads = super()._sort_by_confidence_level(reverse=reverse)
        keep_id = self.env.context.get("crm_leads_merge_keep_id")
        if keep_id in leads.ids:
            kept = leads.filtered(lambda lead: lead.id == keep_id)
            return kept + (leads - kept) if reverse else (leads - kept) + kept
        return leads

    def _merge_get_fields_specific(self):
        return {
            **super()._merge_get_fields_specific(),
            "is_key_account": lambda fname, leads: any(leads.mapped("is_key_account")),
            "is_nurturing": lambda fname, leads: any(leads.mapped("is_nurturing")),
        }

    def _merge_get_fields(self):
        return [*super()._merge_get_fields(), "company_size", "industry_id", "department_id", "job_function_id"]
