from collections import Counter

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

# The conditions on the e-mail of an ancestor step: the event looked for, and whether the
# branch is taken when it happened (True) or when it did not (False).
EVENT_TRIGGERS = {
    "opened": ("opened", True),
    "not_opened": ("opened", False),
    "clicked": ("clicked", True),
    "not_clicked": ("clicked", False),
    "replied": ("replied", True),
    "not_replied": ("replied", False),
    "bounced": ("bounced", True),
}
# How the list of steps shows a step under its parent.
INDENT, ARROW = "\u2003", "\u21b3 "
INTERVAL_UNITS = {"hours": "hours", "days": "days", "weeks": "weeks"}


class MarketingScenarioStep(models.Model):
    """One step of a scenario: what is done to each participant, and when (after its parent, or
    after the parent's e-mail was opened, clicked... within a delay)."""

    _name = "marketing.scenario.step"
    _description = "Marketing Scenario Step"
    _order = "scenario_id, parent_path, sequence, id"
    _parent_store = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    scenario_id = fields.Many2one("marketing.scenario", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="scenario_id.company_id", store=True, index=True)
    model_name = fields.Char(related="scenario_id.model_name")
    parent_id = fields.Many2one(
        "marketing.scenario.step",
        string="After",
        ondelete="cascade",
        index=True,
        domain="[('scenario_id', '=', scenario_id), ('id', '!=', id)]",
        help="The step this one follows. Empty: the step starts when a record enters the scenario.",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("marketing.scenario.step", "parent_id", string="Next Steps")
    tree_name = fields.Char(compute="_compute_tree_name", string="Step", help="The name, indented under its parent.")
    kind = fields.Selection(
        [
            ("mail", "Send an e-mail"),
            ("wait", "Wait"),
            ("activity", "Create an activity"),
            ("tag_add", "Add a tag"),
            ("tag_remove", "Remove a tag"),
            ("server_action", "Run a server action"),
            ("end", "End"),
        ],
        string="Action",
        required=True,
        default="mail",
    )
    trigger = fields.Selection(
        [
            ("parent", "After the previous step"),
            ("opened", "E-mail opened"),
            ("not_opened", "E-mail not opened"),
            ("clicked", "E-mail clicked"),
            ("not_clicked", "E-mail not clicked"),
            ("replied", "E-mail replied"),
            ("not_replied", "E-mail not replied"),
            ("bounced", "E-mail bounced"),
        ],
        string="Starts",
        required=True,
        default="parent",
        help="The e-mail looked at is the one sent by the nearest e-mail step above this one. A branch on "
        "an event is taken as soon as the event happens within the delay; a branch on its absence, when "
        "the delay is over.",
    )
    interval_number = fields.Integer(
        string="Delay", help="For a wait: how long. For a branch on the e-mail: within how long it is decided."
    )
    interval_type = fields.Selection(
        [("hours", "Hours"), ("days", "Days"), ("weeks", "Weeks")], string="Unit", default="days", required=True
    )
    # Send an e-mail
    template_id = fields.Many2one(
        "mail.template", string="E-mail Template", ondelete="restrict", domain="[('model', '=', model_name)]"
    )
    mailing_id = fields.Many2one(
        "mailing.mailing",
        string="Mailing",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="The mailing made from the template: its statistics are those of Email Marketing.",
    )
    subject_preview = fields.Char(
        compute="_compute_subject_preview",
        string="Subject",
        help="The subject of the e-mail as a record of the audience receives it (the first one found).",
    )
    test_mailing_id = fields.Many2one(
        "mailing.mailing",
        string="Test Mailing",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The mailing of the test mode: its e-mails are kept out of the step's statistics.",
    )
    # Create an activity
    activity_type_id = fields.Many2one("mail.activity.type", string="Activity Type", ondelete="restrict")
    activity_summary = fields.Char(string="Summary", translate=True)
    activity_days = fields.Integer(string="Due in (days)")
    activity_assignee = fields.Selection(
        [("salesperson", "The record's salesperson"), ("user", "A named user")],
        string="Assigned to",
        default="salesperson",
        required=True,
    )
    activity_user_id = fields.Many2one(
        "res.users",
        string="User",
        domain=[("share", "=", False)],
        help="The assignee, or when the record has no salesperson.",
    )
    # Add or remove a tag
    tag_field_id = fields.Many2one(
        "ir.model.fields",
        string="Tags Field",
        ondelete="cascade",
        domain="[('model', '=', model_name), ('ttype', '=', 'many2many'), ('store', '=', True)]",
    )
    tag_model = fields.Char(related="tag_field_id.relation", string="Tags Model")
    tag_id = fields.Many2oneReference(string="Tag", model_field="tag_model")
    # Run a server action
    server_action_id = fields.Many2one(
        "ir.actions.server", string="Server Action", ondelete="restrict", domain="[('model_name', '=', model_name)]"
    )
    # Statistics: the e-mail's from its mailing, the others from the participants' steps.
    sent_count = fields.Integer(related="mailing_id.sent", string="E-mails Sent")
    opened_count = fields.Integer(related="mailing_id.opened", string="E-mails Opened")
    clicked_count = fields.Integer(related="mailing_id.clicked", string="E-mails Clicked")
    replied_count = fields.Integer(related="mailing_id.replied", string="Replies")
    bounced_count = fields.Integer(related="mailing_id.bounced", string="Bounces")
    scheduled_count = fields.Integer(compute="_compute_statistics", string="To Come")
    processed_count = fields.Integer(compute="_compute_statistics", string="Processed")
    skipped_count = fields.Integer(
        compute="_compute_statistics", string="Skipped Participants", help="Participants who refuse e-mails or calls."
    )
    error_count = fields.Integer(compute="_compute_statistics", string="In Error")

    @api.depends("parent_path", "display_name")
    def _compute_tree_name(self):
        for step in self:
            depth = max((step.parent_path or "").count("/") - 1, 0)
            step.tree_name = (INDENT * depth + ARROW if depth else "") + step.display_name

    def _compute_statistics(self):
        counts = Counter()
        Trace = self.env["marketing.scenario.trace"]
        domain = [("step_id", "in", self.ids), ("participant_id.is_test", "=", False)]
        for step, state, count in Trace._read_group(domain, ["step_id", "state"], ["__count"]):
            counts[step.id, state] = count
        for step in self:
            step.scheduled_count = counts[step.id, "scheduled"] + counts[step.id, "queued"]
            step.processed_count = counts[step.id, "done"] + counts[step.id, "skipped"] + counts[step.id, "error"]
            step.skipped_count = counts[step.id, "skipped"]
            step.error_count = counts[step.id, "error"]

    @api.depends("kind", "template_id", "scenario_id.domain", "scenario_id.query_id")
    def _compute_subject_preview(self):
        for step in self:
            step.subject_preview = step._subject_preview()

    def _subject_preview(self):
        """The template's subject rendered for a sample record: a user reads "Welcome, Ann", not
        the placeholders of the template. Its name when no record or no rendering is possible."""
        template = self.template_id
        model = self.scenario_id.model_name
        if self.kind != "mail" or not template or template.model != model or model not in self.env:
            return False
        try:
            domain = self.scenario_id._audience_domain()
        except UserError:
            domain = Domain.TRUE
        records = self.env[model]
        sample = records.search(domain, limit=1) or records.search([], limit=1)
        if not sample:
            return template.name
        try:
            return template._render_field("subject", sample.ids)[sample.id] or template.name
        except (AccessError, UserError, ValueError):
            return template.name

    @api.depends("name", "kind", "trigger")
    def _compute_display_name(self):
        triggers = dict(self._fields["trigger"]._description_selection(self.env))
        for step in self:
            if step.trigger == "parent":
                step.display_name = step.name
            else:
                step.display_name = f"{step.name} ({triggers[step.trigger]})"

    # ------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------

    @api.constrains(
        "kind", "trigger", "interval_number", "template_id", "activity_type_id", "activity_assignee",
        "activity_user_id", "tag_field_id", "tag_id", "server_action_id", "parent_id", "scenario_id",
    )  # fmt: skip
    def _check_configuration(self):
        if self._has_cycle():
            self._raise_cycle()
        for step in self:
            problem = step._configuration_problem()
            if problem:
                raise ValidationError(self.env._("Step %(step)s: %(problem)s", step=step.name, problem=problem))

    def _raise_cycle(self):
        raise ValidationError(
            self.env._(
                "The steps cannot follow each other in a loop: choose, in After, a step that does not come after this one."
            )
        )

    def _check_no_cycle(self, parent_id):
        """Refuse a parent that comes after the step, before the tree's paths are updated (which
        would only say "recursion")."""
        parent = self.browse(parent_id)
        above = {int(step_id) for step_id in (parent.parent_path or "").split("/") if step_id}
        if parent in self or above & set(self.ids):
            self._raise_cycle()

    def _configuration_problem(self):
        """What is wrong with the step, said so that the user knows what to change; or None."""
        self.ensure_one()
        _ = self.env._
        model = self.scenario_id.model_name
        if self.parent_id and self.parent_id.scenario_id != self.scenario_id:
            return _("it comes after a step of another scenario: choose a step of this scenario.")
        if self.interval_number < 0:
            return _("a delay cannot be negative.")
        if self.kind == "wait" and self.interval_number <= 0:
            return _("set how long to wait: a delay of 1 or more hours, days or weeks.")
        if self.trigger != "parent" and not self._mail_ancestor():
            return _("it starts on what happened to an e-mail, but no step above it sends one: put it under an e-mail.")
        if self.kind == "mail":
            if not self.template_id:
                return _("choose the e-mail template to send.")
            if self.template_id.model != model:
                return _(
                    'the template "%(template)s" is made for %(other)s, not for %(model)s: choose a template '
                    "of %(model)s.",
                    template=self.template_id.name,
                    other=self.template_id.model_id.name or self.template_id.model,
                    model=self.scenario_id.model_id.name,
                )
        elif self.kind == "activity":
            if not self.activity_type_id:
                return _("choose the type of the activity to create.")
            if self.activity_type_id.res_model not in (False, model):
                return _('the activity type "%s" is for other documents: choose one for these records.',
                         self.activity_type_id.name)  # fmt: skip
            if self.activity_assignee == "user" and not self.activity_user_id:
                return _("choose the user the activity is assigned to.")
        elif self.kind in ("tag_add", "tag_remove"):
            if not self.tag_field_id or self.tag_field_id.model != model or self.tag_field_id.ttype != "many2many":
                return _("choose the tags field of the records (a many2many field).")
            if not self.tag_id:
                return _("choose the tag.")
        elif self.kind == "server_action":
            if not self.server_action_id:
                return _("choose the server action to run.")
            if self.server_action_id.model_name != model:
                return _(
                    'the server action "%(action)s" runs on %(other)s: choose one that runs on these records.',
                    action=self.server_action_id.name,
                    other=self.server_action_id.model_name,
                )
        return None

    def _mail_ancestor(self):
        """The nearest step above this one that sends an e-mail, whose events the branches read."""
        step = self.parent_id
        while step and step.kind != "mail":
            step = step.parent_id
        return step

    # ------------------------------------------------------------
    # The mailing of an e-mail step
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        steps = super().create(vals_list)
        steps._sync_mailing()
        return steps

    def write(self, vals):
        if vals.get("parent_id"):
            self._check_no_cycle(vals["parent_id"])
        result = super().write(vals)
        if {"template_id", "kind", "name"} & set(vals):
            self._sync_mailing()
        return result

    def _sync_mailing(self):
        """Each e-mail step sends through a mailing of its own, made from its template, so that
        Odoo's mailing traces (sent, opened, clicked, replied, bounced), opt-outs and blacklist apply."""
        for step in self.filtered(lambda step: step.kind == "mail" and step.template_id):
            values = step._mailing_values()
            if step.mailing_id:
                # The step's own mailings, made and kept by the scenario whoever edits the step.
                (step.mailing_id | step.test_mailing_id).sudo().write(values)
            else:
                step.mailing_id = self.env["mailing.mailing"].sudo().create(values)  # as above

    def _test_mailing(self):
        """The mailing of the test mode, made on its first use: Odoo sends a mailing once per
        address, so a test must not use the real one."""
        self.ensure_one()
        if not self.test_mailing_id:
            values = {**self._mailing_values(), "subject": self.env._("[Test] %s", self.mailing_id.subject)}
            # The step's own mailing, made by the scenario whoever tests it.
            self.sudo().test_mailing_id = self.env["mailing.mailing"].sudo().create(values)
        return self.test_mailing_id

    def _mailing_values(self):
        template = self.template_id
        scenario = self.scenario_id
        return {
            "subject": template.subject or self.name,
            "body_html": template.body_html,
            "body_arch": template.body_html,
            "mailing_model_id": scenario.model_id.id,
            # Sent by the scenario only: marked sent, and matching no record if sent again by hand.
            "mailing_domain": "[('id', '=', 0)]",
            "state": "done",
            "campaign_id": scenario.campaign_id.id,
            "email_from": template.email_from or self.env.company.email_formatted or self.env.user.email_formatted,
            "reply_to_mode": "update",
            "mailing_type": "mail",
        }

    def _copy_tree(self, scenario):
        """Copy the steps into `scenario`, each under the copy of its parent."""
        copies = {}
        for step in self.sorted(lambda step: (step.parent_path or "", step.id)):
            parent = copies.get(step.parent_id.id)
            copies[step.id] = step.copy({"scenario_id": scenario.id, "parent_id": parent.id if parent else False})
        return copies

    # ------------------------------------------------------------
    # Scheduling
    # ------------------------------------------------------------

    def _delay(self, test=False):
        """The step's delay; in test mode each hour, day or week lasts one minute."""
        self.ensure_one()
        if test:
            return relativedelta(minutes=self.interval_number)
        return relativedelta(**{INTERVAL_UNITS[self.interval_type]: self.interval_number})

    def _schedule_date(self, start, test=False):
        """When the step is due for a participant whose previous step ended at `start`: a wait or
        a branch on an e-mail after its delay (a branch on an event may come earlier), the others at once."""
        self.ensure_one()
        if self.kind == "wait" or self.trigger != "parent":
            return start + self._delay(test)
        return start

    def action_open_traces(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("marketing_campaigns.marketing_scenario_trace_action")
        action["domain"] = [("step_id", "=", self.id)]
        return action
