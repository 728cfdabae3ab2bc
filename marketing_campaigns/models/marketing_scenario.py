from collections import Counter

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import split_every
from odoo.tools.mail import email_normalize
from odoo.tools.safe_eval import safe_eval

# Records enrolled by one background job: each batch is done, or retried, as a whole.
ENROL_BATCH_SIZE = 1000


class MarketingScenario(models.Model):
    """A marketing scenario: the records of an audience each go through a tree of steps
    (e-mails, waits, activities, tags, server actions), at their own pace."""

    _name = "marketing.scenario"
    _description = "Marketing Scenario"
    _order = "name, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("stopped", "Stopped")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
    )
    model_id = fields.Many2one(
        "ir.model",
        string="Target",
        required=True,
        ondelete="cascade",
        default=lambda self: self.env["ir.model"]._get("crm.lead"),
        domain=[("is_mail_thread", "=", True), ("transient", "=", False)],
        help="The records the scenario acts on: leads and opportunities, contacts, or any model with an e-mail.",
    )
    model_name = fields.Char(related="model_id.model", string="Target Model", store=True, index=True)
    audience = fields.Selection(
        [("domain", "Records matching criteria"), ("query", "A smart query")],
        default="domain",
        required=True,
    )
    domain = fields.Char(string="Criteria", default="[]", help="The records that enter the scenario.")
    query_id = fields.Many2one(
        "smart.query",
        string="Smart Query",
        ondelete="restrict",
        domain="[('model_id', '=', model_id)]",
        help="The query's matching records enter the scenario (searched with the rights of the scenario's user).",
    )
    unique_field_id = fields.Many2one(
        "ir.model.fields",
        string="Unique By",
        ondelete="set null",
        domain="[('model_id', '=', model_id), ('store', '=', True), ('ttype', 'in', ('char', 'many2one'))]",
        help="Two records with the same value (e.g. the e-mail) are one person: only the first is enrolled. "
        "Empty: each record is enrolled once.",
    )
    campaign_id = fields.Many2one(
        "utm.campaign",
        string="Campaign",
        ondelete="restrict",
        help="The campaign of the scenario's mailings: their statistics and links are counted under it.",
    )
    auto_enrol = fields.Boolean(
        string="Enrol New Matches",
        default=True,
        help="A scheduled job enrols the records that entered the audience since its last pass.",
    )
    max_attempts = fields.Integer(
        string="Attempts per Step",
        default=3,
        required=True,
        help="A step that fails for a participant is tried again later, this many times in all; then the "
        "participant is put in error and the others go on.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Run As",
        default=lambda self: self.env.user,
        copy=False,
        ondelete="restrict",
        domain=[("share", "=", False)],
        help="The steps act on the records, and render the e-mails, with this user's rights, whoever starts "
        "the scenario. Only a settings manager may choose another user than themselves.",
    )
    step_ids = fields.One2many("marketing.scenario.step", "scenario_id", string="Steps")
    participant_ids = fields.One2many("marketing.scenario.participant", "scenario_id", string="Participants")
    # Figures whoever reads the scenario may see (a sales manager choosing it in a pipeline
    # action), though the participants are the marketing team's: counted with sudo.
    enrolled_count = fields.Integer(compute="_compute_statistics", compute_sudo=True, string="Enrolled")
    running_count = fields.Integer(compute="_compute_statistics", compute_sudo=True, string="Running")
    completed_count = fields.Integer(compute="_compute_statistics", compute_sudo=True, string="Finished")
    error_count = fields.Integer(compute="_compute_statistics", compute_sudo=True, string="In Error")
    won_count = fields.Integer(
        compute="_compute_statistics",
        compute_sudo=True,
        string="Won",
        help="Opportunities won since they were enrolled.",
    )

    _max_attempts_positive = models.Constraint(
        "CHECK (max_attempts > 0)", "A step is tried at least once: set the attempts per step to 1 or more."
    )

    def _compute_statistics(self):
        Participant = self.env["marketing.scenario.participant"]
        base = [("scenario_id", "in", self.ids), ("is_test", "=", False)]
        counts = Counter()
        for scenario, state, count in Participant._read_group(base, ["scenario_id", "state"], ["__count"]):
            counts[scenario.id, state] = count
        won = Counter()
        for participant in Participant.search_fetch(
            [*base, ("lead_id.won_status", "=", "won")], ["scenario_id", "lead_id", "create_date"]
        ):
            if participant.lead_id.date_closed and participant.lead_id.date_closed >= participant.create_date:
                won[participant.scenario_id.id] += 1
        for scenario in self:
            states = {state: counts[scenario.id, state] for state in ("running", "completed", "removed", "error")}
            scenario.enrolled_count = sum(states.values())
            scenario.running_count = states["running"]
            scenario.completed_count = states["completed"]
            scenario.error_count = states["error"]
            scenario.won_count = won[scenario.id]

    @api.onchange("model_id")
    def _onchange_model_id(self):
        """Criteria, query and unique field of another model mean nothing on the new one."""
        self.domain = "[]"
        self.query_id = False
        email_field = self.env[self.model_name]._mail_get_primary_email_field() if self.model_name else False
        self.unique_field_id = self.env["ir.model.fields"]._get(self.model_name, email_field) if email_field else False

    # ------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------

    @api.constrains("model_id", "query_id", "unique_field_id")
    def _check_target(self):
        for scenario in self:
            if scenario.query_id and scenario.query_id.model_id != scenario.model_id:
                raise ValidationError(
                    self.env._(
                        'The query "%(query)s" selects %(other)s, not %(model)s: choose a query of %(model)s.',
                        query=scenario.query_id.name,
                        other=scenario.query_id.model_id.name,
                        model=scenario.model_id.name,
                    )
                )
            scenario._check_unique_field()
            scenario.step_ids._check_configuration()

    def _check_unique_field(self):
        field = self.unique_field_id
        if field and field.model != self.model_name:
            raise ValidationError(
                self.env._(
                    "The field %(field)s that makes a participant unique is not a field of %(model)s: "
                    "choose a field of %(model)s, such as its e-mail.",
                    field=field.name,
                    model=self.model_id.name,
                )
            )

    def _audience_domain(self):
        """The audience as a domain on the target model, searched with the run-as user's rights."""
        self.ensure_one()
        if self.model_name not in self.env:
            raise UserError(self.env._("The target of the scenario %s is no longer installed.", self.name))
        if self.audience == "query":
            if not self.query_id:
                raise UserError(self.env._("Choose the smart query of the scenario %s.", self.name))
            return Domain(self.query_id._get_domain())
        try:
            return Domain(safe_eval(self.domain or "[]", {"uid": self.env.uid}))
        except Exception as error:
            raise UserError(
                self.env._(
                    "The criteria of the scenario %(scenario)s cannot be read (%(error)s): edit them again.",
                    scenario=self.name,
                    error=error,
                )
            ) from error

    def _run_as(self):
        """The user the scenario acts as: its Run As user (the manager who configured it), never
        the one who starts it nor the superuser. Scenarios older than the field run as their author."""
        self.ensure_one()
        return self.user_id or self.create_uid

    def _check_run_as(self, user_id):
        if user_id and user_id != self.env.uid and not self.env.su and not self.env.user._is_system():
            raise UserError(
                self.env._("Only a settings manager may make a scenario run as another user: leave yourself in Run As.")
            )

    def _check_run_as_can_send(self):
        """The e-mails are rendered as the Run As user: when template rendering is restricted
        (Odoo's setting), a template with placeholders beyond the simple ones needs a user allowed
        to render them. Said before starting, rather than found by the scheduled job."""
        self.ensure_one()
        run_as = self._run_as()
        if run_as._is_admin() or run_as.has_group("mail.group_mail_template_editor"):
            return
        for step in self.step_ids.filtered(lambda step: step.kind == "mail" and step.mailing_id):
            if step.mailing_id._has_unsafe_expression():
                raise UserError(
                    self.env._(
                        'The scenario %(scenario)s runs as %(user)s, who may not send the template "%(template)s": '
                        'its placeholders are reserved to the group "%(group)s" while template rendering is '
                        "restricted. Ask an administrator to give %(user)s that group, or to choose as Run As "
                        "a user who has it.",
                        scenario=self.name,
                        user=run_as.name,
                        template=step.template_id.name,
                        group=self.env.ref("mail.group_mail_template_editor").name,
                    )
                )

    def _check_can_start(self):
        """Refuse, saying what to change, a scenario that would do nothing or do it wrong."""
        self.ensure_one()
        _ = self.env._
        self._check_unique_field()
        if not self.step_ids:
            raise UserError(_("The scenario %s has no step: add its first step before starting it.", self.name))
        self.step_ids._check_configuration()
        if self._run_as()._is_superuser():
            raise UserError(
                _(
                    "The scenario %(scenario)s would run as %(user)s, the system's own user, whose rights have no "
                    "limit: choose in Run As the user whose rights it acts with.",
                    scenario=self.name,
                    user=self._run_as().name,
                )
            )
        self._check_run_as_can_send()
        records = self.env[self.model_name].with_user(self._run_as())
        if not records.search_count(self._audience_domain(), limit=1):
            raise UserError(
                _(
                    "The audience of the scenario %s is empty: no record matches its criteria or query. "
                    "Change them so that at least one record enters the scenario.",
                    self.name,
                )
            )

    # ------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------

    def action_start(self):
        for scenario in self:
            scenario._check_can_start()
        # A marketing user runs a scenario a manager configured: only its state changes; it acts
        # as its Run As user, the configuration stays the manager's.
        self.sudo().state = "running"
        self.filtered("auto_enrol")._enqueue_enrol_new_matches()
        return True

    def action_stop(self):
        # As for starting: a marketing user stops it, its configuration is left alone.
        self.sudo().state = "stopped"
        return True

    def action_open_participants(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "marketing_campaigns.marketing_scenario_participant_action"
        )
        action["domain"] = [("scenario_id", "=", self.id)]
        action["context"] = {"default_scenario_id": self.id, "search_default_filter_not_test": 1}
        return action

    def action_open_steps_tree(self):
        """The scenario's steps drawn as the tree they make."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "marketing_campaigns.marketing_scenario_step_action_hierarchy"
        )
        action["display_name"] = self.env._("Steps of %s", self.name)
        action["domain"] = [("scenario_id", "=", self.id)]
        action["context"] = {"default_scenario_id": self.id}
        return action

    def action_open_test(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Test the scenario"),
            "res_model": "marketing.scenario.test",
            "view_mode": "form",
            "target": "new",
            "context": {"default_scenario_id": self.id},
        }

    # ------------------------------------------------------------
    # Enrolment: the one entry point
    # ------------------------------------------------------------

    def _enrol(self, records):
        """Enrol `records` (of the target model) in the running scenario: each person once, by the
        unique field; their first steps are scheduled. Return the new participants."""
        self.ensure_one()
        Participant = self.env["marketing.scenario.participant"]
        if self.state != "running":
            raise UserError(
                self.env._('The scenario "%s" is not running: start it before enrolling records.', self.name)
            )
        if records._name != self.model_name:
            raise UserError(
                self.env._(
                    'The scenario "%(scenario)s" enrols %(model)s, not %(other)s.',
                    scenario=self.name,
                    model=self.model_id.name,
                    other=records._description,
                )
            )
        keys = self._unique_keys(records)
        # The scenario's bookkeeping: who is already in it, whoever enrols (a trigger's user).
        participants_su = Participant.sudo()
        taken = set(
            participants_su.search_fetch(
                [
                    ("scenario_id", "=", self.id),
                    ("is_test", "=", False),
                    ("unique_key", "in", list(set(keys.values()))),
                ],
                ["unique_key"],
            ).mapped("unique_key")
        )
        vals_list = []
        for record in records:
            key = keys[record.id]
            if key in taken:
                continue
            taken.add(key)
            vals_list.append(self._participant_values(record, key))
        participants = Participant.sudo().create(vals_list)  # bookkeeping, as above
        participants._schedule_first_steps()
        return participants

    def _audience_part(self, records):
        """The records of `records` in the scenario's audience, as its Run As user finds them:
        none if they are not of its target model."""
        self.ensure_one()
        if records._name != self.model_name:
            return records.browse()
        scenario = self.with_user(self._run_as())
        found = scenario.env[self.model_name]._search(Domain("id", "in", records.ids) & scenario._audience_domain())
        return records.browse(list(found))

    def _enrol_from_trigger(self, records):
        """Enrol, for a trigger action, only the records of the scenario's audience. Return the
        records left out and a sentence saying so (empty when none was)."""
        self.ensure_one()
        kept = self._audience_part(records)
        self._enrol(kept)
        left_out = records - kept
        if not left_out:
            return left_out, ""
        names = ", ".join(left_out[:10].mapped("display_name")) + (", ..." if len(left_out) > 10 else "")
        return left_out, self.env._(
            'Not enrolled in the marketing scenario "%(scenario)s", not being in its audience: %(records)s',
            scenario=self.name,
            records=names,
        )

    def _participant_values(self, record, key, **extra):
        return {
            "scenario_id": self.id,
            "res_id": record.id,
            "unique_key": key,
            "lead_id": record.id if record._name == "crm.lead" else False,
            **extra,
        }

    def _unique_keys(self, records):
        """What makes each record one person in the scenario: its unique field's value
        (an e-mail normalised: "Ann <ANN@x.fr>" and "ann@x.fr" are one person), else the record."""
        field = self.unique_field_id.name
        keys = {}
        for record in records:
            value = record[field] if field else False
            if isinstance(value, models.BaseModel):
                value = value.id and f"{value._name},{value.id}"
            elif isinstance(value, str):
                value = email_normalize(value) or value.strip().lower()
            keys[record.id] = value or f"{records._name},{record.id}"
        return keys

    def _remove(self, records):
        """Take `records` out of the scenario: their steps still to come are cancelled."""
        self.ensure_one()
        domain = [("scenario_id", "=", self.id), ("res_id", "in", records.ids), ("state", "=", "running")]
        # The scenario's bookkeeping, whoever removes them (a pipeline trigger's user).
        participants = self.env["marketing.scenario.participant"].sudo().search(domain)
        participants._stop("removed")
        return participants

    # ------------------------------------------------------------
    # Scheduled enrolment of the audience's new matches
    # ------------------------------------------------------------

    @api.model
    def _cron_enrol_new_matches(self):
        """Queue, for every running scenario, the enrolment of the records that entered its audience."""
        self.search([("state", "=", "running"), ("auto_enrol", "=", True)])._enqueue_enrol_new_matches()

    def _enqueue_enrol_new_matches(self):
        for scenario in self:
            scenario.with_delay(
                description=self.env._("Marketing scenario %s: enrol the new matches", scenario.name),
                identity_key=f"marketing_scenario_enrol:{scenario.id}",
            )._job_enrol_new_matches()

    def _job_enrol_new_matches(self):
        """Job: find the audience's records not enrolled yet, in one query, and queue their enrolment in batches."""
        self.ensure_one()
        if self.state != "running":
            return 0
        records = self.env[self.model_name].with_user(self._run_as())
        participants = self.env["marketing.scenario.participant"]
        # Who is already in the scenario: its bookkeeping, read whoever started it.
        enrolled = participants.sudo()._search([("scenario_id", "=", self.id), ("is_test", "=", False)])
        new = records.search(self._audience_domain() & Domain("id", "not in", enrolled.select("res_id")), order="id")
        for batch in split_every(ENROL_BATCH_SIZE, new.ids, list):
            self.with_delay(
                description=self.env._(
                    "Marketing scenario %(scenario)s: enrol %(count)s records", scenario=self.name, count=len(batch)
                )
            )._job_enrol(batch)
        return len(new)

    def _job_enrol(self, res_ids):
        """Job: enrol a batch of records; those already in the scenario are left as they are."""
        self.ensure_one()
        if self.state != "running":
            return 0
        records = self.env[self.model_name].with_user(self._run_as()).browse(res_ids).exists()
        return len(self._enrol(records))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_run_as(vals.get("user_id"))
        return super().create(vals_list)

    def write(self, vals):
        self._check_run_as(vals.get("user_id"))
        result = super().write(vals)
        if "model_id" in vals and self.participant_ids:
            raise UserError(self.env._("The target of a scenario that has participants cannot change: copy it."))
        return result

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for scenario, vals in zip(self, vals_list, strict=True):
            vals["name"] = self.env._("%s (copy)", scenario.name)
        return vals_list

    def copy(self, default=None):
        """The steps are copied parents first: each copy hangs from the copy of its parent."""
        scenarios = super().copy(default=default)
        for original, scenario in zip(self, scenarios, strict=True):
            original.step_ids._copy_tree(scenario)
        return scenarios
