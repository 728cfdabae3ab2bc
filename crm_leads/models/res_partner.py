from odoo import _, api, fields, models
from odoo.tools import SQL, email_normalize
from odoo.tools.mail import generate_tracking_message_id

from ..tools import normalize_name
from .crm_lead_qualification import RATINGS

RELATIONSHIP_TYPES = [
    ("prospect", "Prospect"),
    ("customer", "Customer"),
    ("supplier", "Supplier"),
    ("internal", "Internal"),
    ("factor", "Factor"),
]


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "crm.do.not.contact.mixin", "crm.events.mixin", "crm.import.match.mixin"]

    relationship_type = fields.Selection(
        RELATIONSHIP_TYPES,
        index=True,
        tracking=True,
        help="What this company or person is to us (Axelor's type of third party). Converting a lead "
        "makes its partners prospects; confirming a sale order makes a prospect a customer.",
    )
    lead_scoring = fields.Selection(
        RATINGS, string="Rating", default="0", help="The five-star rating of the lead this partner comes from."
    )
    # Only the Sales rights read CRM tags: for anyone else, the contact form would fail to load.
    crm_tag_ids = fields.Many2many(
        "crm.tag",
        string="Lead Tags",
        groups="sales_team.group_sale_salesman,crm_leads.group_crm_readonly",
        help="The tags of the lead this partner comes from.",
    )
    source_id = fields.Many2one(
        "utm.source", string="Source", ondelete="set null", help="Where the lead this partner comes from was found."
    )
    prospect_status_id = fields.Many2one(
        "crm.prospect.status",
        string="Prospect Status",
        index="btree_not_null",
        tracking=True,
        copy=False,
        ondelete="restrict",
        group_expand="_read_group_expand_prospect_status",
        help='Where the prospect stands in its qualification (setting "Manage statuses on prospects"). '
        "The won status makes it a customer.",
    )
    contact_role_ids = fields.Many2many(
        "crm.contact.role", string="Roles", help="The parts this person plays at their company."
    )
    email_domain = fields.Char(
        compute="_compute_email_domain",
        store=True,
        index="btree_not_null",
        help="The part of the e-mail address after @: contacts sharing it are related.",
    )
    related_contact_ids = fields.Many2many(
        "res.partner",
        compute="_compute_related_contact_ids",
        string="Related Contacts",
        help="The contacts whose e-mail address has the same domain, public mail domains left out.",
    )
    related_contact_count = fields.Integer(compute="_compute_related_contact_ids", string="Related Contacts Count")
    associate_user_ids = fields.Many2many(
        "res.users",
        "res_partner_associate_user_rel",
        "partner_id",
        "user_id",
        string="Associated Salespeople",
        # A text domain: a list would make the ORM search these records at every user creation
        # (to recompute "share"), and break Odoo's own tests creating users with an inbox.
        domain="[('share', '=', False)]",
        help='Salespeople following this account beside its salesperson: "My Accounts" shows it to them too.',
    )
    crm_leads_name_key = fields.Char(
        compute="_compute_crm_leads_name_key",
        store=True,
        precompute=True,
        index=True,
        string="Name Key",
        help="The name without case, accents or extra spaces: converting leads matches partners on it.",
    )

    @api.depends("name")
    def _compute_crm_leads_name_key(self):
        for partner in self:
            partner.crm_leads_name_key = normalize_name(partner.name)

    @api.model
    def _crm_import_match_keys(self):
        return {
            **super()._crm_import_match_keys(),
            "email": (self.env._("E-mail"), ["email"], "email_normalized", lambda email: email_normalize(email)),
            "name": (self.env._("Name"), ["name"], "crm_leads_name_key", normalize_name),
        }

    @api.depends("email_normalized")
    def _compute_email_domain(self):
        for partner in self:
            email = partner.email_normalized or ""
            partner.email_domain = email.rpartition("@")[2] if "@" in email else False

    @api.depends("email_domain")
    def _compute_related_contact_ids(self):
        """One search for the public domains, one for the partners of all the others."""
        domains = {partner.email_domain for partner in self if partner.email_domain}
        domains -= self.env["crm.public.mail.domain"]._filter_public(domains)
        by_domain = {}
        if domains:
            for partner in self.search([("email_domain", "in", list(domains))], order="name"):
                by_domain.setdefault(partner.email_domain, self.browse())
                by_domain[partner.email_domain] |= partner
        for partner in self:
            related = by_domain.get(partner.email_domain, self.browse()) - partner._origin
            partner.related_contact_ids = related
            partner.related_contact_count = len(related)

    def action_open_related_contacts(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Related Contacts"),
            "res_model": "res.partner",
            "view_mode": "list,kanban,form",
            "domain": [("id", "in", self.related_contact_ids.ids)],
            "context": {"create": False},
        }

    @api.model
    def _read_group_expand_prospect_status(self, statuses, domain):
        """Every status is a kanban column, even an empty one, so prospects can be dropped there."""
        return statuses.search([])

    @api.model_create_multi
    def create(self, vals_list):
        """New prospects start in the status holding the role New."""
        if self.env.context.get("default_prospect_status_id"):
            return super().create(vals_list)
        if any(vals.get("relationship_type") == "prospect" and "prospect_status_id" not in vals for vals in vals_list):
            status = self.env["crm.prospect.status"]._get_status_by_role("new")
            for vals in vals_list:
                if vals.get("relationship_type") == "prospect":
                    vals.setdefault("prospect_status_id", status.id)
        return super().create(vals_list)

    def write(self, vals):
        result = super().write(vals)
        if vals.get("prospect_status_id"):
            status = self.env["crm.prospect.status"].browse(vals["prospect_status_id"])
            if status.role == "won":
                self._crm_leads_mark_customers()
        return result

    def _crm_leads_filter_prospects(self):
        """The partners of `self` that are prospects, by their own relationship type or their
        company's (a contact of a prospect company is a prospect too)."""
        return self.filtered(
            lambda partner: "prospect" in (partner.relationship_type, partner.commercial_partner_id.relationship_type)
        )

    def _crm_leads_mark_prospects(self, prospect_status=None):
        """Partners of `self` without a relationship type become prospects (a customer stays a
        customer) with `prospect_status`, or the "New" one, unless they already have a status.
        In SQL: res.partner's write() syncs each company to its contacts one by one,
        two queries a partner, which made converting 2,000 leads matching existing partners cost
        2,000 queries per 1,000 leads (tests/benchmarks/bench_crm_leads_conversion.py); the type
        is no commercial field, so there is nothing to sync."""
        untyped = self.filtered(lambda partner: not partner.relationship_type)
        if not untyped:
            return
        untyped.check_access("write")
        status = prospect_status or self.env["crm.prospect.status"]._get_status_by_role("new")
        without_status = untyped.filtered(lambda partner: not partner.prospect_status_id)
        self.env.cr.execute(
            SQL(
                """UPDATE res_partner
                      SET relationship_type = 'prospect',
                          prospect_status_id = COALESCE(prospect_status_id, %s),
                          write_uid = %s, write_date = %s
                    WHERE id IN %s""",
                status.id or None,
                self.env.uid,
                self.env.cr.now(),
                tuple(untyped.ids),
            )
        )
        untyped.invalidate_recordset(["relationship_type", "prospect_status_id", "write_uid", "write_date"])
        untyped._crm_leads_log_prospect_tracking(without_status if status else self.browse(), status)

    def _crm_leads_log_prospect_tracking(self, given_status, status):
        """Write in the chatter of the partners of `self` what Odoo's tracking would have for
        `_crm_leads_mark_prospects`, which bypasses it: the note `_message_log` writes (author the
        current user, subtype note, no body) per partner, with the tracking values Odoo builds
        (`_create_tracking_values`) of Relationship Type (none to Prospect) and, for the partners
        of `given_status`, of Prospect Status (none to `status`).
        In SQL, one statement for the notes and their values: the ORM inserts 100 rows a query,
        which made converting leads matching untyped partners cost 30 queries more per 1,000 leads
        (tests/benchmarks/bench_crm_leads_conversion.py, 89.5 instead of at most 60)."""
        if not self:
            return
        tracked = self.fields_get(
            ["relationship_type", "prospect_status_id"], attributes=("string", "type", "selection")
        )
        Tracking = self.env["mail.tracking.value"]
        changes = [
            (
                self,
                Tracking._create_tracking_values(
                    False, "prospect", "relationship_type", tracked["relationship_type"], self[:1]
                ),
            )
        ]
        if given_status:
            changes.append(
                (
                    given_status,
                    Tracking._create_tracking_values(
                        False, status, "prospect_status_id", tracked["prospect_status_id"], self[:1]
                    ),
                )
            )
        author_id, email_from = self._message_compute_author()
        reply_to = self.env["mail.thread"]._notify_get_reply_to(default=email_from, author_id=author_id)[False]
        now, uid = self.env.cr.now(), self.env.uid
        columns = ("field_id", "old_value_char", "new_value_char", "old_value_integer", "new_value_integer")
        tracking_rows = SQL(" UNION ALL ").join(
            SQL(
                "SELECT message.id, %s FROM message WHERE message.res_id = ANY(%s)",
                SQL(", ").join(
                    SQL(
                        "%s::%s", values.get(column), SQL("int4" if column.endswith(("_id", "_integer")) else "varchar")
                    )
                    for column in columns
                ),
                partners.ids,
            )
            for partners, values in changes
        )
        self.env.cr.execute(
            SQL(
                """WITH message AS (
                        INSERT INTO mail_message (model, res_id, message_type, subtype_id, is_internal, body,
                                                  author_id, email_from, reply_to, message_id, email_add_signature,
                                                  date, create_uid, create_date, write_uid, write_date)
                             SELECT %(model)s, partner_id, 'notification', %(subtype)s, TRUE, '',
                                    %(author)s, %(email_from)s, %(reply_to)s, %(message_id)s, FALSE,
                                    %(date)s, %(uid)s, %(now)s, %(uid)s, %(now)s
                               FROM unnest(%(ids)s) AS partner_id
                          RETURNING id, res_id
                   )
                   INSERT INTO mail_tracking_value (mail_message_id, %(columns)s,
                                                    create_uid, create_date, write_uid, write_date)
                        SELECT tracking.*, %(uid)s, %(now)s, %(uid)s, %(now)s FROM (%(rows)s) AS tracking""",
                model=self._name,
                subtype=self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
                author=author_id,
                email_from=email_from,
                reply_to=reply_to,
                message_id=generate_tracking_message_id("message-notify"),
                date=fields.Datetime.now(),
                uid=uid,
                now=now,
                ids=self.ids,
                columns=SQL(", ").join(SQL.identifier(column) for column in columns),
                rows=tracking_rows,
            )
        )
        self.invalidate_recordset(["message_ids", "message_needaction", "message_needaction_counter"])

    def _crm_leads_mark_customers(self):
        """Prospects (or partners without a type) whose company buys become customers; suppliers,
        internal partners and factors keep their type."""
        companies = self.commercial_partner_id
        partners = companies | companies.child_ids
        partners.filtered(lambda partner: partner.relationship_type in (False, "prospect")).write(
            {"relationship_type": "customer"}
        )

    # ------------------------------------------------------------
    # Events tab
    # ------------------------------------------------------------

    def _crm_events_meeting_defaults(self):
        self.ensure_one()
        return self, self.display_name, {}
