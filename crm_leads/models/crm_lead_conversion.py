from markupsafe import Markup

from odoo import _, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import parse_contact_from_email, split_every

from ..tools import normalize_name

# Leads converted per round: matching, creating partners and writing leads cost the same few
# queries for a whole round, whatever its size; 2,000 leads and their partners sit well in memory.
CONVERSION_BATCH_SIZE = 2000


class CrmLead(models.Model):
    """Conversion of leads into a prospect company and its contact (Axelor's "Convertir"),
    one lead from its form or thousands from a selection or a nightly server action."""

    _inherit = "crm.lead"

    conversion_company_id = fields.Many2one(
        "res.partner",
        string="Converted Company",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The company created or found when the lead was converted.",
    )
    conversion_contact_id = fields.Many2one(
        "res.partner",
        string="Converted Contact",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The contact created or found when the lead was converted.",
    )

    # ------------------------------------------------------------
    # Values of the partners made from a lead
    # ------------------------------------------------------------

    def _crm_leads_prepare_common_values(self):
        """What the company and the contact both take from the lead."""
        self.ensure_one()
        email = tools.email_split(self.email_from)
        return {
            "email": email[0] if email else False,
            "phone": self.phone,
            "street": self.street,
            "street2": self.street2,
            "zip": self.zip,
            "city": self.city,
            "state_id": self.state_id.id,
            "country_id": self.country_id.id,
            "website": self.website,
            "user_id": self.user_id.id,
            "lang": self.lang_id.code if self.lang_id.active else False,
            "lead_scoring": self.priority or "0",
            "crm_tag_ids": [fields.Command.set(self.tag_ids.ids)],
            "source_id": self.source_id.id,
            "relationship_type": "prospect",
        }

    def _crm_leads_prepare_company_values(self):
        """Values of the company created from this lead (extend it to carry more lead fields)."""
        return {
            **self._crm_leads_prepare_common_values(),
            "name": self.partner_name,
            "is_company": True,
            "comment": self.description,
            "industry_id": self.industry_id.id,
        }

    def _crm_leads_prepare_contact_values(self, company):
        """Values of the contact created from this lead under `company` (may be empty)."""
        return {
            **self._crm_leads_prepare_common_values(),
            "name": self._crm_leads_contact_name(),
            "is_company": False,
            "parent_id": company.id,
            "function": self.function or self.job_function_id.name,
            "company_name": False if company else self.partner_name,
            "type": "contact",
        }

    def _crm_leads_contact_name(self):
        """The contact's name: the lead's contact name, else the name part of its e-mail."""
        self.ensure_one()
        if self.contact_name:
            return self.contact_name
        if self.email_from:
            return parse_contact_from_email(self.email_from)[0] or False
        return False

    # ------------------------------------------------------------
    # Conversion
    # ------------------------------------------------------------

    def _crm_leads_check_convertible(self):
        closed = self.filtered(lambda lead: lead.type != "lead" or lead.lead_status_is_closed or not lead.active)
        if closed:
            raise UserError(
                _(
                    'The lead "%s" is already converted, lost, closed or an opportunity: only open leads '
                    "can be converted. Remove it from the selection.",
                    closed[0].name,
                )
            )

    def _crm_leads_convert(
        self,
        company_mode="match",
        contact_mode="match",
        company=None,
        contact=None,
        create_opportunity=False,
        prospect_status=None,
    ):
        """Convert these leads and return what it did, as counts.

        `company_mode` and `contact_mode`:
          - "match": find the existing partner by normalised e-mail, then by normalised name,
            and create it only when none is found (duplicates of the batch are created once);
          - "create": always create a new partner;
          - "link": use `company` / `contact` for every lead;
          - "none": no company / no contact.
        The partners get the relationship type Prospect (existing ones only when they have no
        type: a customer stays a customer), the leads the Converted status and links to them. With
        `create_opportunity`, each lead becomes an opportunity of its contact (Odoo's own
        conversion, so the lead keeps its history). New partners get `prospect_status`, or the
        prospect status holding the role New.
        """
        if company_mode == "link" and not company:
            raise UserError(_("Choose the existing company to link the leads to, or another option."))
        if contact_mode == "link" and not contact:
            raise UserError(_("Choose the existing contact to link the leads to, or another option."))
        leads = self.filtered(lambda lead: lead.type == "lead" and lead.active and not lead.lead_status_is_closed)
        counts = dict.fromkeys(
            ("leads", "companies_created", "companies_linked", "contacts_created", "contacts_linked"), 0
        )
        # Looked up once for all the batches.
        prospect_status = prospect_status or self.env["crm.prospect.status"]._get_status_by_role("new")
        converted_status = self.env["crm.lead.status"]._get_status_by_role("converted")
        for ids in split_every(CONVERSION_BATCH_SIZE, leads.ids):
            batch = self.browse(ids)
            batch_counts = batch._crm_leads_convert_batch(
                company_mode, contact_mode, company, contact, prospect_status, converted_status
            )
            for key, value in batch_counts.items():
                counts[key] += value
            if create_opportunity:
                batch._crm_leads_convert_to_opportunities()
        return counts

    def _crm_leads_convert_batch(
        self, company_mode, contact_mode, company, contact, prospect_status=None, converted_status=None
    ):
        """One round of `_crm_leads_convert`: a few searches, one create per kind of partner,
        grouped writes."""
        Partner = self.env["res.partner"].with_context(tracking_disable=True, mail_create_nolog=True)
        if prospect_status:
            Partner = Partner.with_context(default_prospect_status_id=prospect_status.id)
        company_of, companies_created, companies_linked = self._crm_leads_company_per_lead(
            Partner, company_mode, company
        )
        contact_of, contacts_created, contacts_linked = self._crm_leads_contact_per_lead(
            Partner, contact_mode, contact, company_of, companies_created
        )
        (companies_linked | contacts_linked)._crm_leads_mark_prospects(prospect_status)
        self._crm_leads_link_conversion(company_of, contact_of, converted_status)
        self._crm_leads_log_created_partners((company_of, contact_of), companies_created | contacts_created)
        return {
            "leads": len(self),
            "companies_created": len(companies_created),
            "companies_linked": len(companies_linked),
            "contacts_created": len(contacts_created),
            "contacts_linked": len(contacts_linked),
        }

    def _crm_leads_company_per_lead(self, Partner, mode, company):
        """({lead: company}, created companies, found or linked companies)."""
        empty = Partner.browse()
        if mode == "none":
            return {}, empty, empty
        if mode == "link":
            return dict.fromkeys(self, company), empty, company
        leads = self.filtered("partner_name")
        found = {}
        if mode == "match":
            emails = {lead.email_normalized for lead in leads if lead.email_normalized}
            names = {normalize_name(lead.partner_name) for lead in leads}
            candidates = Partner.search(
                [
                    ("is_company", "=", True),
                    "|",
                    ("email_normalized", "in", list(emails)),
                    ("crm_leads_name_key", "in", list(names)),
                ],
                order="id",
            )
            by_email, by_name = {}, {}
            for partner in candidates:
                by_email.setdefault(partner.email_normalized, partner)
                by_name.setdefault(partner.crm_leads_name_key, partner)
            for lead in leads:
                partner = by_email.get(lead.email_normalized) if lead.email_normalized else None
                found[lead] = partner or by_name.get(normalize_name(lead.partner_name))
        return self._crm_leads_create_missing(
            Partner,
            leads,
            found,
            key=lambda lead: normalize_name(lead.partner_name),
            prepare=lambda lead: lead._crm_leads_prepare_company_values(),
            match=mode == "match",
        )

    def _crm_leads_contact_per_lead(self, Partner, mode, contact, company_of, new_companies):
        """({lead: contact}, created contacts, found or linked contacts)."""
        empty = Partner.browse()
        if mode == "none":
            return {}, empty, empty
        if mode == "link":
            return dict.fromkeys(self, contact), empty, contact
        leads = self.filtered(lambda lead: lead._crm_leads_contact_name())
        found = {}

        def name_key(lead):
            company = company_of.get(lead)
            return (company.id if company else False, normalize_name(lead._crm_leads_contact_name()))

        if mode == "match":
            emails = {lead.email_normalized for lead in leads if lead.email_normalized}
            names = {normalize_name(lead._crm_leads_contact_name()) for lead in leads}
            candidates = Partner.search(
                [
                    ("is_company", "=", False),
                    "|",
                    ("email_normalized", "in", list(emails)),
                    ("crm_leads_name_key", "in", list(names)),
                ],
                order="id",
            )
            by_email, by_name = {}, {}
            for partner in candidates:
                by_email.setdefault(partner.email_normalized, partner)
                # A namesake counts only in the same company: two "Jean Martin" of two companies
                # are two people.
                by_name.setdefault((partner.parent_id.id, partner.crm_leads_name_key), partner)
            for lead in leads:
                partner = by_email.get(lead.email_normalized) if lead.email_normalized else None
                found[lead] = partner or by_name.get(name_key(lead))

        def prepare(lead):
            company = company_of.get(lead) or Partner.browse()
            values = lead._crm_leads_prepare_contact_values(company)
            if company in new_companies:
                # What Odoo's sync would do: a contact lives at its company's address.
                values.update(company._get_address_values())
            return values

        return self._crm_leads_create_missing(
            Partner,
            leads,
            found,
            key=name_key,
            prepare=prepare,
            match=mode == "match",
            needs_sync=lambda lead: lead in company_of and company_of[lead] not in new_companies,
        )

    def _crm_leads_create_missing(self, Partner, leads, found, key, prepare, match, needs_sync=lambda lead: False):
        """Create in one call the partners of `leads` that `found` has none for; when matching,
        leads of the batch with the same e-mail or key share one new partner."""
        partner_of = {lead: partner for lead, partner in found.items() if partner}
        to_create = {}  # lead creating a partner -> its values
        creator_of = {}  # lead -> the lead of the batch whose new partner it shares
        seen = {}
        for lead in leads:
            if lead in partner_of:
                continue
            marks = [("key", key(lead))]
            if lead.email_normalized:
                marks.append(("email", lead.email_normalized))
            first = next((seen[mark] for mark in marks if mark in seen), None) if match else None
            if first is None:
                first = lead
                to_create[lead] = prepare(lead)
            for mark in marks:
                seen.setdefault(mark, first)
            creator_of[lead] = first
        # Partners with nothing to take from a parent (no parent, or a parent made from the same
        # lead a moment ago) skip Odoo's partner-by-partner sync from the parent, which costs two
        # queries each; the others get it.
        new_partner_of = {}
        created = Partner.browse()
        for synced in (False, True):
            creators = [lead for lead in to_create if needs_sync(lead) == synced]
            if creators:
                batch = Partner.with_context(_partners_skip_fields_sync=not synced).create(
                    [to_create[lead] for lead in creators]
                )
                new_partner_of.update(zip(creators, batch, strict=True))
                created |= batch
        # Written now, all computed columns of a new partner go in one UPDATE instead of one per
        # search that needs some of them.
        Partner.flush_model()
        for lead, first in creator_of.items():
            partner_of[lead] = new_partner_of[first]
        linked = Partner.browse({partner.id for partner in found.values() if partner})
        return partner_of, created, linked

    def _crm_leads_link_conversion(self, company_of, contact_of, status=None):
        """Write the converted status and the links of these leads, grouped, and note the
        conversion in each lead's chatter in one batch."""
        leads = self.with_context(tracking_disable=True, crm_leads_closing_action=True)
        status = status or self.env["crm.lead.status"]._get_status_by_role("converted")
        leads.write({"lead_status_id": status.id})
        for lead in leads:
            company = company_of.get(lead._origin) or self.env["res.partner"]
            contact = contact_of.get(lead._origin) or self.env["res.partner"]
            values = {}
            if company:
                values["conversion_company_id"] = company.id
            if contact:
                values["conversion_contact_id"] = contact.id
            partner = contact or company
            if partner and partner != lead.partner_id:
                values["partner_id"] = partner.id
            if values:
                lead.write(values)
        bodies = {}
        for lead in self:
            company, contact = company_of.get(lead), contact_of.get(lead)
            # The contact by its own name: its display name repeats its company's.
            links = {
                "company": company._get_html_link(title=company.name) if company else "",
                "contact": contact._get_html_link(title=contact.name) if contact else "",
            }
            if company and contact:
                body = _("Lead converted to the company %(company)s and its contact %(contact)s.", **links)
            elif company:
                body = _("Lead converted to the company %(company)s.", **links)
            elif contact:
                body = _("Lead converted to the contact %(contact)s.", **links)
            else:
                body = _("Lead converted, without company or contact.")
            bodies[lead.id] = Markup("<p>%s</p>") % body
        self._message_log_batch(bodies=bodies)

    def _crm_leads_log_created_partners(self, partner_maps, created):
        """Note in the chatter of each partner in `created` which lead it comes from (the first one
        when leads of the batch share it); `partner_maps` are {lead: partner} dicts. The creation
        itself is not logged: see `mail_create_nolog` in the conversion."""
        lead_of = {}
        for partner_of in partner_maps:
            for lead, partner in partner_of.items():
                if partner in created:
                    lead_of.setdefault(partner, lead)
        if lead_of:
            created._message_log_batch(
                bodies={
                    partner.id: Markup("<p>%s</p>")
                    % self.env._("Created from the lead %s.", lead._get_html_link(title=lead.name))
                    for partner, lead in lead_of.items()
                }
            )

    def _crm_leads_convert_to_opportunities(self):
        """Each lead becomes an opportunity of its contact (or company), in Odoo's way."""
        for partner, leads in self.grouped("partner_id").items():
            leads.convert_opportunity(partner)

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_crm_leads_open_convert(self):
        """The Convert dialog, for this lead or this selection."""
        self._crm_leads_check_convertible()
        return {
            "type": "ir.actions.act_window",
            "name": _("Convert"),
            "res_model": "crm.lead.convert",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": "crm.lead", "active_ids": self.ids, "default_lead_ids": self.ids},
        }

    def action_crm_leads_convert_bulk(self):
        """Server action: convert the selected (or queried) open leads, matching existing
        companies and contacts, and say how many partners were created and found."""
        counts = self._crm_leads_convert()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Leads converted"),
                "message": self._crm_leads_conversion_summary(counts),
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _crm_leads_conversion_summary(self, counts):
        return _(
            "%(leads)s lead(s) converted: %(companies_created)s company(ies) created, %(companies_linked)s "
            "existing company(ies) linked, %(contacts_created)s contact(s) created, %(contacts_linked)s "
            "existing contact(s) linked.",
            **counts,
        )
