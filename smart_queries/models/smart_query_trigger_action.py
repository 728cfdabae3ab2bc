from contextlib import contextmanager
from itertools import groupby

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.mail import email_normalize_all

# Field types a "set field values" action can write, the value given as text (many2one: a record).
WRITABLE_TYPES = ("char", "text", "html", "selection", "boolean", "integer", "float", "monetary", "date", "datetime")


class SmartQueryTriggerAction(models.Model):
    """One step of what a trigger does to each new record of its query.

    The kinds are an extensible selection: an addon adds its own with ``selection_add`` and a
    method ``_run_<kind>(records, stats)`` acting on a batch of records."""

    _name = "smart.query.trigger.action"
    _description = "Smart Query Trigger Action"
    _order = "sequence, id"

    trigger_id = fields.Many2one("smart.query.trigger", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    model_id = fields.Many2one(related="trigger_id.query_id.model_id")
    model_name = fields.Char(related="trigger_id.query_id.model_name")
    kind = fields.Selection(
        [
            ("tag_add", "Add a Tag"),
            ("tag_remove", "Remove a Tag"),
            ("write", "Set a Field Value"),
            ("mail", "Send an E-mail"),
            ("activity", "Schedule an Activity"),
            ("server_action", "Run a Server Action"),
            ("unlink", "Delete"),
        ],
        string="Action",
        required=True,
        default="tag_add",
    )
    field_id = fields.Many2one(
        "ir.model.fields",
        string="Field",
        ondelete="cascade",
        domain="[('model_id', '=', model_id)]",
        help="The tags field (a many2many) or the field to set.",
    )
    field_type = fields.Selection(related="field_id.ttype")
    field_relation = fields.Char(
        related="field_id.relation",
        string="Model of the Field's Records",
        help="The model of the tags, or of the record, the field holds.",
    )
    # What the form offers: the fields holding tags, the fields the user may set.
    tag_field_ids = fields.Many2many("ir.model.fields", compute="_compute_offered_fields", string="Tags Fields")
    writable_field_ids = fields.Many2many("ir.model.fields", compute="_compute_offered_fields", string="Fields to Set")
    value_ref = fields.Reference(
        selection="_selection_value_model",
        string="Record",
        help="The tag to add or remove, or the record a many2one field is set to.",
    )
    value_text = fields.Char(string="Value", help="The value to set, as you would type it (dates as 2026-12-31).")
    # The value in a widget fitting the field: each reads and writes value_ref or value_text.
    value_record_id = fields.Many2oneReference(
        string="Tag or Record",
        model_field="field_relation",
        compute="_compute_typed_values",
        inverse="_inverse_value_record_id",
    )
    value_boolean = fields.Boolean(string="Checked", compute="_compute_typed_values", inverse="_inverse_value_boolean")
    value_integer = fields.Integer(string="Number", compute="_compute_typed_values", inverse="_inverse_value_number")
    value_float = fields.Float(string="Amount", compute="_compute_typed_values", inverse="_inverse_value_number")
    value_date = fields.Date(string="Date", compute="_compute_typed_values", inverse="_inverse_value_date")
    value_datetime = fields.Datetime(
        string="Date and Time", compute="_compute_typed_values", inverse="_inverse_value_date"
    )
    value_selection_id = fields.Many2one(
        "ir.model.fields.selection",
        string="Choice",
        compute="_compute_typed_values",
        inverse="_inverse_value_selection",
        domain="[('field_id', '=', field_id)]",
    )
    value_display = fields.Char(string="Tag or Value", compute="_compute_value_display")
    template_id = fields.Many2one(
        "mail.template", string="E-mail Template", ondelete="set null", domain="[('model_id', '=', model_id)]"
    )
    activity_type_id = fields.Many2one("mail.activity.type", string="Activity Type", ondelete="set null")
    activity_summary = fields.Char(string="Summary", translate=True)
    activity_deadline_days = fields.Integer(string="Due in (days)")
    activity_user_field_id = fields.Many2one(
        "ir.model.fields",
        string="Assign To the User In",
        ondelete="cascade",
        domain="[('model_id', '=', model_id), ('ttype', '=', 'many2one'), ('relation', '=', 'res.users')]",
        help="E.g. the record's salesperson. Records without one go to the user below, else to the trigger's user.",
    )
    activity_user_id = fields.Many2one("res.users", string="Assign To")
    server_action_id = fields.Many2one(
        "ir.actions.server", string="Server Action", ondelete="set null", domain="[('model_id', '=', model_id)]"
    )
    delete_cap = fields.Integer(
        string="Deletions per Run at Most",
        default=100,
        help="A safety cap: past it, the run deletes nothing more, reports the records left and deactivates the trigger.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create([self._with_value_ref(vals) for vals in vals_list])
        if not self.env.su:
            actions.trigger_id._check_steered_by(self.env.user)
        return actions

    def write(self, vals):
        if not self.env.su:
            self.trigger_id._check_steered_by(self.env.user)
        result = super().write(self._with_value_ref(vals))
        if not self.env.su and "trigger_id" in vals:
            self.trigger_id._check_steered_by(self.env.user)
        return result

    def unlink(self):
        if not self.env.su:
            self.trigger_id._check_steered_by(self.env.user)
        return super().unlink()

    @api.depends("model_id")
    @api.depends_context("uid")
    def _compute_offered_fields(self):
        for action in self:
            tag_fields, writable_fields = action._offered_field_names()
            field_ids = self.env["ir.model.fields"]._get_ids(action.model_name) if action.model_name else {}
            action.tag_field_ids = [field_ids[name] for name in tag_fields if name in field_ids]
            action.writable_field_ids = [field_ids[name] for name in writable_fields if name in field_ids]

    @api.onchange("kind")
    def _onchange_kind(self):
        """A tags field is no field to set, and the other way round: the form starts afresh."""
        tag_fields, writable_fields = self._offered_field_names()
        offered = tag_fields if self.kind in ("tag_add", "tag_remove") else writable_fields
        if self.field_id.name not in offered:
            self.field_id = False
            self.value_ref = False
            self.value_text = False

    def _offered_field_names(self):
        """The fields of the query's model that hold tags (a many2many to a model of named, colored
        records, as Odoo shows tags: not followers, users or groups), and the plain fields the
        current user may set (stored, not read-only, not technical, not kept to a group he lacks)."""
        self.ensure_one()
        if not self.model_name or self.model_name not in self.env:
            return [], []
        tag_fields, writable_fields = [], []
        for name, field in self.env[self.model_name]._fields.items():
            if not field.store or (field.groups and not self.env.user.has_groups(field.groups)):
                continue
            if name in models.MAGIC_COLUMNS or name.startswith(("message_", "activity_", "website_message")):
                continue
            if field.type == "many2many":
                comodel = self.env[field.comodel_name]
                if (
                    not field.comodel_name.startswith(("ir.", "res.users", "res.groups", "mail."))
                    and comodel._rec_name == "name"
                    and "color" in comodel._fields
                ):
                    tag_fields.append(name)
            elif field.type in (*WRITABLE_TYPES, "many2one") and not field.readonly:
                writable_fields.append(name)
        return tag_fields, writable_fields

    @api.depends("value_ref", "value_text", "field_id")
    def _compute_typed_values(self):
        for action in self:
            ref, ttype = action.value_ref, action.field_id.ttype
            action.value_record_id = ref.id if ref and ref._name == action.field_relation else False
            try:
                value = action._field_value() if ttype in WRITABLE_TYPES and action.kind == "write" else False
            except ValueError:
                value = False
            action.value_boolean = ttype == "boolean" and bool(value)
            action.value_integer = value if ttype == "integer" and value else 0
            action.value_float = value if ttype in ("float", "monetary") and value else 0.0
            action.value_date = value if ttype == "date" else False
            action.value_datetime = value if ttype == "datetime" else False
            choices = action.field_id.selection_ids if ttype == "selection" and value else []
            action.value_selection_id = next((choice for choice in choices if choice.value == value), False)

    def _with_value_ref(self, vals):
        """`vals` with the tag or record chosen in the form as the stored reference: the checks
        of the action, run when it is saved, see it before any inverse method would."""
        if not vals.get("value_record_id") or "value_ref" in vals:
            return vals
        field = self.env["ir.model.fields"].browse(vals["field_id"]) if "field_id" in vals else self.field_id[:1]
        if not field.relation:
            return vals
        return {**vals, "value_ref": f"{field.relation},{vals['value_record_id']}"}

    def _inverse_value_record_id(self):
        for action in self:
            relation, record_id = action.field_relation, action.value_record_id
            action.value_ref = f"{relation},{record_id}" if relation and record_id else False

    def _inverse_value_boolean(self):
        for action in self.filtered(lambda a: a.field_type == "boolean"):
            action.value_text = "True" if action.value_boolean else "False"

    def _inverse_value_number(self):
        for action in self:
            if action.field_type == "integer":
                action.value_text = str(action.value_integer)
            elif action.field_type in ("float", "monetary"):
                action.value_text = str(action.value_float)

    def _inverse_value_date(self):
        for action in self:
            if action.field_type == "date":
                action.value_text = fields.Date.to_string(action.value_date) or False
            elif action.field_type == "datetime":
                action.value_text = fields.Datetime.to_string(action.value_datetime) or False

    def _inverse_value_selection(self):
        for action in self.filtered(lambda a: a.field_type == "selection"):
            action.value_text = action.value_selection_id.value or False

    @api.depends(
        "kind", "field_id", "value_text", "value_record_id", "value_boolean", "value_integer", "value_float",
        "value_date", "value_datetime", "value_selection_id",
    )  # fmt: skip
    def _compute_value_display(self):
        """The tag or value in the list of actions, from the widgets: it reads right while the
        action is being set up, before it is saved."""
        for action in self:
            ttype = action.field_type
            if action.kind not in ("tag_add", "tag_remove", "write") or not action.field_id:
                action.value_display = False
            elif action.kind != "write" or ttype == "many2one":
                record = self.env[action.field_relation].browse(action.value_record_id)
                action.value_display = record.display_name if action.value_record_id else False
            elif ttype == "boolean":
                action.value_display = self.env._("Yes") if action.value_boolean else self.env._("No")
            elif ttype == "integer":
                action.value_display = str(action.value_integer)
            elif ttype in ("float", "monetary"):
                action.value_display = str(action.value_float)
            elif ttype == "date":
                action.value_display = fields.Date.to_string(action.value_date)
            elif ttype == "datetime":
                moment = action.value_datetime and fields.Datetime.context_timestamp(action, action.value_datetime)
                action.value_display = moment.strftime("%Y-%m-%d %H:%M") if moment else False
            elif ttype == "selection":
                action.value_display = action.value_selection_id.name
            else:
                action.value_display = action.value_text

    @api.model
    def _selection_value_model(self):
        return [(model.model, model.name) for model in self.env["ir.model"].sudo().search([])]  # labels only

    # ------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------

    @api.constrains(
        "kind", "field_id", "value_ref", "value_text", "template_id", "activity_type_id",
        "activity_user_field_id", "server_action_id", "delete_cap", "trigger_id",
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
        model = self.model_name
        if self.field_id and self.field_id.model != model:
            return _("the field %(field)s is not a field of %(model)s.", field=self.field_id.name, model=model)
        if self.kind in ("tag_add", "tag_remove"):
            if self.field_id.ttype != "many2many":
                return _("choose the tags field to change: a many2many field of %s.", model)
            if not self.value_ref or self.value_ref._name != self.field_id.relation:
                return _("choose the tag, a record of %s.", self.field_id.relation)
        elif self.kind == "write":
            return self._write_problem()
        elif self.kind == "mail":
            if not self.template_id:
                return _("choose the e-mail template to send.")
            if self.template_id.model != model:
                return _(
                    'the template "%(template)s" is made for %(other)s, not for %(model)s: choose one of %(model)s.',
                    template=self.template_id.name,
                    other=self.template_id.model,
                    model=model,
                )
        elif self.kind == "activity":
            if not self.activity_type_id:
                return _("choose the type of activity to schedule.")
            if "activity_ids" not in self.env[model]._fields:
                return _("the records of %s cannot have activities.", model)
        elif self.kind == "server_action":
            if not self.server_action_id:
                return _("choose the server action to run.")
            if self.server_action_id.model_name != model:
                return _(
                    'the server action "%(action)s" runs on %(other)s, not on %(model)s: choose one of %(model)s.',
                    action=self.server_action_id.name,
                    other=self.server_action_id.model_name,
                    model=model,
                )
        elif self.kind == "unlink":
            if not self.env.user._is_system():  # constraints run as superuser: ask the real user
                return _("only a settings manager may make a trigger delete records.")
            if self.delete_cap <= 0:
                return _("set how many records a run may delete at most.")
        return None

    def _write_problem(self):
        _ = self.env._
        field = self.field_id
        if not field:
            return _("choose the field to set.")
        if (
            field.readonly
            or field.ttype not in (*WRITABLE_TYPES, "many2one")
            or field.name not in self._offered_field_names()[1]
        ):
            return _("the field %s cannot be set by a trigger: choose a plain field that users may change.", field.name)
        if field.ttype == "many2one":
            if not self.value_ref or self.value_ref._name != field.relation:
                return _(
                    "choose the record to put in %(field)s, a record of %(model)s.",
                    field=field.name,
                    model=field.relation,
                )
            return None
        try:
            self._field_value()
        except ValueError:
            return _(
                '"%(value)s" is not a value for the field %(field)s.', value=self.value_text or "", field=field.name
            )
        return None

    def _field_value(self):
        """The value to write, converted from its text to the field's type (ValueError if it is no such value)."""
        field = self.field_id
        text = (self.value_text or "").strip()
        if field.ttype == "many2one":
            return self.value_ref.id
        if field.ttype == "boolean":
            if text.lower() not in ("true", "false", "1", "0", ""):
                raise ValueError(text)
            return text.lower() in ("true", "1")
        if not text:
            return False
        if field.ttype == "integer":
            return int(text)
        if field.ttype in ("float", "monetary"):
            return float(text.replace(",", "."))
        if field.ttype == "date":
            return fields.Date.to_date(text)
        if field.ttype == "datetime":
            return fields.Datetime.to_datetime(text)
        if field.ttype == "selection":
            keys = self.env[self.model_name]._fields[field.name].get_values(self.env)
            if text not in keys:
                raise ValueError(text)
        return text

    # ------------------------------------------------------------
    # Running
    # ------------------------------------------------------------

    def _run_on_batch(self, records, stats):
        """Run the actions on a batch at once; if that fails, record by record so that one bad
        record does not hold back the others. Return the ids of the records that failed."""
        left_out = stats["left_out"]
        try:
            with isolated(self.env.cr):
                self._run_on(records, stats)
        except Exception:  # noqa: BLE001 - retried record by record just below
            stats["left_out"] = left_out
            stats.pop("cap_reached", None)
            return self._run_one_by_one(records, stats)
        stats["processed"] += len(records)
        return []

    def _run_one_by_one(self, records, stats):
        failed = []
        for record in records:
            left_out = stats["left_out"]
            try:
                with isolated(self.env.cr):
                    self._run_on(record, stats)
            except Exception as error:  # noqa: BLE001 - the record is reported and the run goes on
                stats["left_out"] = left_out
                failed.append(record.id)
                stats["failed"] += 1
                stats["errors"].append(f"#{record.id}: {error}")
            else:
                stats["processed"] += 1
        return failed

    def _run_on(self, records, stats):
        if not records:
            return
        for action in self:
            getattr(action, f"_run_{action.kind}")(records, stats)

    def _run_tag_add(self, records, stats):
        records.write({self.field_id.name: [fields.Command.link(self.value_ref.id)]})

    def _run_tag_remove(self, records, stats):
        records.write({self.field_id.name: [fields.Command.unlink(self.value_ref.id)]})

    def _run_write(self, records, stats):
        records.write({self.field_id.name: self._field_value()})

    def _run_mail(self, records, stats):
        reachable = self._mail_reachable(records, stats)
        if reachable:
            self.template_id.with_env(records.env).send_mail_batch(reachable.ids)

    def _mail_reachable(self, records, stats):
        """The records whose e-mail reaches nobody on Odoo's blacklist: every address counts, the
        record's own and each one the template sends to (To, Cc, partners), a field holding several
        addresses included. The others are left out of this action only, and counted."""
        template = self.template_id.with_env(records.env)
        rendered = template._generate_template(records.ids, ("email_to", "email_cc", "partner_to"))
        partner_ids = {partner_id for values in rendered.values() for partner_id in values.get("partner_ids") or ()}
        # The recipients' addresses and the blacklist are read to filter them, whoever the trigger
        # runs as: the blacklist is readable by administrators only.
        partners, blacklist = self.env["res.partner"].sudo(), self.env["mail.blacklist"].sudo()
        partner_emails = {partner.id: partner.email for partner in partners.browse(partner_ids)}
        own_email = getattr(records, "_primary_email", None)
        addresses = {}
        for record in records:
            values = rendered.get(record.id, {})
            texts = [values.get("email_to"), values.get("email_cc")]
            texts += [partner_emails.get(partner_id) for partner_id in values.get("partner_ids") or ()]
            if own_email in record._fields:
                texts.append(record[own_email])
            addresses[record.id] = {email for text in texts if text for email in email_normalize_all(text)}
        every_address = set().union(*addresses.values())
        blacklisted = set(blacklist.search([("email", "in", list(every_address))]).mapped("email"))
        reachable = records.filtered(lambda record: not addresses[record.id] & blacklisted)
        stats["left_out"] += len(records) - len(reachable)
        return reachable

    def _run_activity(self, records, stats):
        if self.activity_type_id.category == "phonecall":
            records = self._reachable(records, "phone_sanitized_blacklisted", stats)
        deadline = fields.Date.context_today(self) + relativedelta(days=self.activity_deadline_days)
        user_field = self.activity_user_field_id.name

        def assignee(record):
            return (user_field and record[user_field]) or self.activity_user_id or records.env.user

        for user, group in groupby(records.sorted(lambda record: assignee(record).id), key=assignee):
            records.browse([record.id for record in group]).activity_schedule(
                activity_type_id=self.activity_type_id.id,
                summary=self.activity_summary or False,
                date_deadline=deadline,
                user_id=user.id,
            )

    @api.model
    def _reachable(self, records, blacklisted_field, stats):
        """The records that may be contacted: Odoo's e-mail and phone blacklists (the "do not
        e-mail" and "do not call" of the CRM addons) are honoured by every automation. The others
        are left out of this action only, and counted."""
        if blacklisted_field not in records._fields:
            return records
        # Read the blacklist afresh: an address may have been blacklisted since the value was cached.
        records.invalidate_recordset([blacklisted_field])
        reachable = records.filtered(lambda record: not record[blacklisted_field])
        stats["left_out"] += len(records) - len(reachable)
        return reachable

    def _run_server_action(self, records, stats):
        self.server_action_id.with_env(records.env).with_context(
            active_model=records._name, active_ids=records.ids, active_id=records[:1].id
        ).run()

    def _run_unlink(self, records, stats):
        if not stats["run"]._reserve_deletions(len(records), self.delete_cap):
            stats["cap_reached"] = True
            raise UserError(
                self.env._(
                    "The safety cap of %s deletions per run is reached: the record was left alone.", self.delete_cap
                )
            )
        records.unlink()


@contextmanager
def isolated(cr):
    """A savepoint that, when it rolls back, also forgets what the failed attempt queued for
    after the commit (a webhook's HTTP call, a notification): Odoo's savepoints undo the SQL
    only, and a record whose attempt failed must have no effect at all."""
    # Odoo's queues of what runs after the commit, or after a rollback of the whole transaction.
    queues = [cr.postcommit._funcs, cr.postrollback._funcs]
    lengths = [len(queue) for queue in queues]
    try:
        with cr.savepoint():
            yield
    except Exception:
        for queue, length in zip(queues, lengths, strict=True):
            while len(queue) > length:
                queue.pop()
        raise
