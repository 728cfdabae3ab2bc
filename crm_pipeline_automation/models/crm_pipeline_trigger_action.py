import re
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tools import html2plaintext
from odoo.tools.mail import email_normalize, email_split_and_format

# A placeholder of the recipients: a field path of the opportunity between double brackets, as
# Koban's shortcodes ([[!AssignedToId]] is [[user_id]] here; the "!" is allowed and ignored).
PLACEHOLDER = re.compile(r"\[\[!?\s*([\w.]+)\s*\]\]")


class CrmPipelineTriggerAction(models.Model):
    """One step of what a trigger does to the opportunity, in the order of the sequence.

    The kinds are an extensible selection: an addon adds its own with ``selection_add`` (and
    ``ondelete``), a method ``_run_<kind>(leads, log_of)`` acting on opportunities with the
    run-as user's rights, and ``_describe_<kind>(lead)`` saying what it would do (the test
    dialog). marketing_campaigns adds "add to / remove from a marketing scenario" and "create an
    e-mail campaign" this way."""

    _name = "crm.pipeline.trigger.action"
    _description = "Pipeline Trigger Action"
    _order = "sequence, id"

    trigger_id = fields.Many2one("crm.pipeline.trigger", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="trigger_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [
            ("activity", "Create an activity"),
            ("post", "Post on the opportunity"),
            ("mail", "Send an e-mail"),
            ("tag", "Add a tag"),
        ],
        string="Action",
        required=True,
        default="activity",
    )
    description = fields.Char(compute="_compute_description")
    # Create an activity
    activity_type_id = fields.Many2one(
        "mail.activity.type", string="Activity Type", domain="[('res_model', 'in', (False, 'crm.lead'))]"
    )
    activity_summary = fields.Char(string="Summary", translate=True)
    activity_note = fields.Html(string="Note", translate=True)
    activity_days = fields.Integer(string="Due in (days)", help="0: the same day.")
    activity_assignee = fields.Selection(
        [("salesperson", "The salesperson"), ("team_leader", "The team leader"), ("user", "A named user")],
        string="Assigned to",
        default="salesperson",
    )
    activity_user_id = fields.Many2one(
        "res.users",
        string="User",
        domain=[("share", "=", False)],
        help="The assignee, or when the opportunity has no salesperson or its team no leader.",
    )
    # Post on the opportunity
    post_kind = fields.Selection(
        [("note", "Internal note"), ("comment", "Message to the followers")], string="Post as", default="note"
    )
    post_body = fields.Html(string="Message", translate=True)
    post_user_ids = fields.Many2many(
        "res.users",
        string="Notify",
        # A text domain: a list would make the ORM search these actions at every user creation.
        domain="[('share', '=', False)]",
        help="Users notified of the post.",
    )
    # Send an e-mail
    template_id = fields.Many2one(
        "mail.template", string="E-mail Template", domain="[('model', '=', 'crm.lead')]", ondelete="restrict"
    )
    mail_sender = fields.Selection(
        [("salesperson", "The salesperson"), ("company", "The company"), ("address", "This address")],
        string="Sender",
        default="salesperson",
    )
    mail_sender_address = fields.Char(string="Sender Address")
    mail_to_customer = fields.Boolean(string="The customer contact")
    mail_to_salesperson = fields.Boolean(string="The salesperson")
    mail_to_team_leader = fields.Boolean(string="The team leader")
    mail_to_others = fields.Char(
        string="Other Recipients",
        help="Addresses, separated by commas, and placeholders of the opportunity between double "
        "brackets: [[user_id]] is the salesperson's address (Koban's [[!AssignedToId]]), "
        "[[partner_id]] the customer's, [[team_id.user_id]] the team leader's, [[email_from]] the "
        "opportunity's e-mail.",
    )
    # Add a tag
    tag_id = fields.Many2one("crm.tag", string="Tag", ondelete="cascade")

    @api.depends("kind", "activity_type_id", "activity_summary", "template_id", "tag_id", "post_kind")
    def _compute_description(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for action in self:
            detail = ""
            match action.kind:
                case "activity":
                    detail = action.activity_summary or action.activity_type_id.name
                case "post":
                    detail = dict(self._fields["post_kind"]._description_selection(self.env)).get(action.post_kind)
                case "mail":
                    detail = action.template_id.name
                case "tag":
                    detail = action.tag_id.name
            kind = kinds.get(action.kind, "")
            action.description = self.env._("%(kind)s: %(detail)s", kind=kind, detail=detail) if detail else kind

    # ------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------

    @api.constrains(
        "kind", "activity_type_id", "activity_days", "activity_assignee", "activity_user_id", "post_body",
        "template_id", "mail_sender", "mail_sender_address", "mail_to_others", "tag_id",
    )  # fmt: skip
    def _check_configuration(self):
        for action in self:
            problem = action._configuration_problem()
            if problem:
                raise ValidationError(
                    self.env._("Trigger %(trigger)s: %(problem)s", trigger=action.trigger_id.name, problem=problem)
                )

    def _configuration_problem(self):
        """What is wrong with the action, said so that the user knows what to change; or None."""
        self.ensure_one()
        _ = self.env._
        if self.kind == "activity":
            if not self.activity_type_id:
                return _("choose the type of the activity to create.")
            if self.activity_type_id.res_model not in (False, "crm.lead"):
                return _(
                    'the activity type "%s" is for other documents than opportunities: choose one for opportunities.',
                    self.activity_type_id.name,
                )
            if self.activity_days < 0:
                return _("an activity is due the same day (0) or later: set a number of days of 0 or more.")
            if self.activity_assignee == "user" and not self.activity_user_id:
                return _("choose the user the activity is assigned to.")
        elif self.kind == "post":
            if not html2plaintext(self.post_body or "").strip():
                return _("write the message to post.")
        elif self.kind == "mail":
            return self._mail_problem()
        elif self.kind == "tag" and not self.tag_id:
            return _("choose the tag to add.")
        return None

    def _mail_problem(self):
        _ = self.env._
        if not self.template_id:
            return _("choose the e-mail template to send.")
        if self.template_id.model != "crm.lead":
            return _(
                'the template "%(template)s" is made for %(model)s: choose a template of opportunities.',
                template=self.template_id.name,
                model=self.template_id.model,
            )
        if self.mail_sender == "address" and not email_normalize(self.mail_sender_address or ""):
            return _("write the sender's e-mail address.")
        for path in PLACEHOLDER.findall(self.mail_to_others or ""):
            if not self._placeholder_field(path):
                return _(
                    "the placeholder [[%s]] names no field of the opportunity: use a field such as "
                    "[[user_id]] (the salesperson) or [[partner_id]] (the customer).",
                    path,
                )
        addresses = PLACEHOLDER.sub("", self.mail_to_others or "")
        for address in filter(None, (part.strip() for part in addresses.split(","))):
            if not email_normalize(address):
                return _('"%s" is not an e-mail address: separate the addresses with commas.', address)
        if not (self.mail_to_customer or self.mail_to_salesperson or self.mail_to_team_leader or self.mail_to_others):
            return _("choose who receives the e-mail.")
        return None

    def _placeholder_field(self, path):
        """The last field of a placeholder's path on opportunities, or None if there is none."""
        model = self.env["crm.lead"]
        field = None
        for name in path.split("."):
            field = model._fields.get(name)
            if field is None:
                return None
            if field.relational:
                model = self.env[field.comodel_name]
        return field

    # ------------------------------------------------------------
    # Running, with the run-as user's rights
    # ------------------------------------------------------------

    def _run(self, leads, log_of):
        """Run the action on opportunities (in the run-as user's environment). ``log_of`` gives
        each opportunity's log, where an action writes what it counted (skipped recipients)."""
        getattr(self, f"_run_{self.kind}")(leads, log_of)

    def _run_activity(self, leads, log_of):
        deadline = fields.Date.context_today(self) + relativedelta(days=self.activity_days)
        # Odoo notifies the assignee of each activity on its own, reading its opportunity alone
        # (name, company, team, ...): the opportunities are read at once beforehand.
        leads.fetch()
        by_user = defaultdict(lambda: leads.browse())
        for lead in leads:
            by_user[self._assignee(lead)] |= lead
        for user, user_leads in by_user.items():
            user_leads.activity_schedule(
                activity_type_id=self.activity_type_id.id,
                summary=self.activity_summary or False,
                note=self.activity_note or False,
                date_deadline=deadline,
                user_id=user.id,
            )

    def _assignee(self, lead):
        match self.activity_assignee:
            case "salesperson":
                user = lead.user_id
            case "team_leader":
                user = lead.team_id.user_id
            case _:
                user = self.activity_user_id
        return user or self.activity_user_id or self.trigger_id.run_as_user_id

    def _run_post(self, leads, log_of):
        subtype = "mail.mt_note" if self.post_kind == "note" else "mail.mt_comment"
        partner_ids = self.post_user_ids.partner_id.ids
        # Posted by OdooBot: an automation's post is no sign of life of the opportunity (dormancy).
        author = self.env.ref("base.partner_root").id
        for lead in leads:
            lead.message_post(
                body=self.post_body,
                subtype_xmlid=subtype,
                message_type="comment",
                partner_ids=partner_ids,
                author_id=author,
            )

    def _run_tag(self, leads, log_of):
        leads.write({"tag_ids": [Command.link(self.tag_id.id)]})

    def _run_mail(self, leads, log_of):
        template = self.template_id.with_env(leads.env)
        for lead in leads:
            recipients, skipped = self._mail_recipients(lead)
            if skipped:
                log = log_of[lead.id]
                log.skipped_recipient_count += len(skipped)
                log.skipped_recipients = ", ".join(filter(None, [log.skipped_recipients, *skipped]))
            if not recipients:
                continue
            template.send_mail(
                lead.id,
                email_values={
                    "email_to": ",".join(recipients),
                    "recipient_ids": [],
                    "email_from": self._mail_sender(lead),
                },
            )

    def _mail_sender(self, lead):
        match self.mail_sender:
            case "salesperson":
                sender = lead.user_id.email_formatted
            case "address":
                sender = self.mail_sender_address
            case _:
                sender = False
        return sender or lead.company_id.email_formatted or self.env.company.email_formatted

    def _mail_recipients(self, lead):
        """The addresses the e-mail goes to, and those left out: on Odoo's blacklist (the "do
        not e-mail" of crm_leads)."""
        texts = []
        if self.mail_to_customer:
            texts.append(lead.partner_id.email or lead.email_from)
        if self.mail_to_salesperson:
            texts.append(lead.user_id.email)
        if self.mail_to_team_leader:
            texts.append(lead.team_id.user_id.email)
        others = self.mail_to_others or ""
        texts += [self._placeholder_value(lead, path) for path in PLACEHOLDER.findall(others)]
        texts.append(PLACEHOLDER.sub("", others))
        addresses = {}
        for text in filter(None, texts):
            for formatted in email_split_and_format(text):
                normalized = email_normalize(formatted)
                if normalized:
                    addresses.setdefault(normalized, formatted)
        # The blacklist is readable by administrators only; the run-as user may e-mail the
        # opportunity, so may know which of its addresses refuse e-mails.
        blacklisted = set(self.env["mail.blacklist"].sudo().search([("email", "in", list(addresses))]).mapped("email"))
        sent = [formatted for normalized, formatted in addresses.items() if normalized not in blacklisted]
        return sent, sorted(blacklisted)

    def _placeholder_value(self, lead, path):
        """The addresses a placeholder stands for: a user's or a contact's e-mail, or the text."""
        values = lead.mapped(path)
        if isinstance(values, models.BaseModel):
            if "email" in values._fields:
                return ",".join(filter(None, values.mapped("email")))
            if "partner_id" in values._fields:
                return ",".join(filter(None, values.partner_id.mapped("email")))
            return ""
        return ",".join(str(value) for value in values if value and "@" in str(value))

    # ------------------------------------------------------------
    # Saying what the action would do (the test dialog)
    # ------------------------------------------------------------

    def _describe(self, lead):
        return getattr(self, f"_describe_{self.kind}")(lead)

    def _describe_activity(self, lead):
        deadline = fields.Date.context_today(self) + relativedelta(days=self.activity_days)
        return self.env._(
            'Creates the activity "%(summary)s" (%(type)s) for %(user)s, due on %(date)s.',
            summary=self.activity_summary or self.activity_type_id.name,
            type=self.activity_type_id.name,
            user=self._assignee(lead).name,
            date=fields.Date.to_string(deadline),
        )

    def _describe_post(self, lead):
        kind = dict(self._fields["post_kind"]._description_selection(self.env))[self.post_kind]
        if self.post_user_ids:
            return self.env._(
                "Posts: %(kind)s, notifying %(users)s.", kind=kind, users=", ".join(self.post_user_ids.mapped("name"))
            )
        return self.env._("Posts: %s.", kind)

    def _describe_mail(self, lead):
        recipients, skipped = self._mail_recipients(lead)
        subject = self.template_id._render_field("subject", lead.ids)[lead.id]
        text = self.env._(
            'Sends "%(subject)s" from %(sender)s to %(recipients)s.',
            subject=subject,
            sender=self._mail_sender(lead) or "?",
            recipients=", ".join(recipients) or self.env._("nobody"),
        )
        if skipped:
            text += " " + self.env._("Left out (do not e-mail): %s.", ", ".join(skipped))
        return text

    def _describe_tag(self, lead):
        return self.env._("Adds the tag %s.", self.tag_id.name)
