import ast

from lxml import etree
from lxml.builder import E

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.orm.domains import CONDITION_OPERATORS
from odoo.tools.safe_eval import dateutil, safe_eval

from ..criteria import CriteriaError, check_criteria, datetime_module

# Views a query's records open in beside the generated list, when the model has them.
EXTRA_VIEW_TYPES = ("form", "kanban", "pivot")
# Generated lists must never become a model's default list: the lowest priority wins.
GENERATED_VIEW_PRIORITY = 1000


def _is_empty(value):
    """No value given: None, False or "", but not 0 (``0 == False`` in Python)."""
    return value is None or value is False or value == ""


class SmartQuery(models.Model):
    """A saved selection of records of one model, which the triggers act upon."""

    _name = "smart.query"
    _description = "Saved Query"
    _inherit = ["mail.thread"]
    _order = "name, id"

    # Translatable, as the names of Odoo's own configuration (stages, tags): a query shipped
    # with an addon, or shared in a company working in several languages, reads in each.
    name = fields.Char(required=True, tracking=True, translate=True)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    # Not required in the database so that uninstalling a model archives its queries
    # (see ir.model's unlink) instead of deleting them; the check below keeps active ones complete.
    model_id = fields.Many2one(
        "ir.model",
        string="Model",
        ondelete="set null",
        domain=[("transient", "=", False), ("abstract", "=", False)],
        tracking=True,
    )
    model_name = fields.Char(related="model_id.model", string="Model Name", store=True, index=True)
    domain = fields.Char(string="Criteria", default="[]", required=True, tracking=True)
    # A copy belongs to whoever makes it: members of a shared query duplicate it to adapt it.
    user_id = fields.Many2one(
        "res.users", string="Owner", required=True, default=lambda self: self.env.user, index=True, copy=False
    )
    group_ids = fields.Many2many(
        "res.groups",
        string="Shared with",
        help="Members of these groups may run the query. Without groups, only its owner sees it.",
    )
    column_ids = fields.One2many("smart.query.column", "query_id", string="Columns", copy=True)
    param_ids = fields.One2many("smart.query.param", "query_id", string="Parameters", copy=True)
    trigger_ids = fields.One2many(
        "smart.query.trigger", "query_id", string="Triggers", groups="smart_queries.group_smart_query_manager"
    )
    order_field_id = fields.Many2one(
        "ir.model.fields",
        string="Sort By",
        ondelete="set null",
        domain="[('model_id', '=', model_id), ('store', '=', True), ('ttype', 'not in', ('binary', 'one2many', 'many2many', 'json', 'properties'))]",
        help="The list of the matching records is sorted on this field; without it, on the model's default order.",
    )
    order_direction = fields.Selection(
        [("asc", "Ascending"), ("desc", "Descending")], string="Sort Direction", default="asc", required=True
    )
    # The addon rewrites and deletes this view as superuser: nobody but administrators may even
    # read the field, and only a view the addon generated for this query is ever touched.
    list_view_id = fields.Many2one(
        "ir.ui.view",
        string="Generated List",
        readonly=True,
        copy=False,
        ondelete="set null",
        groups="base.group_system",
    )
    preview_count = fields.Integer(string="Matching Records", readonly=True, copy=False)
    preview_date = fields.Datetime(string="Counted On", readonly=True, copy=False)
    preview_user_id = fields.Many2one("res.users", string="Counted For", readonly=True, copy=False)

    param_preview_values = fields.Json(
        compute="_compute_param_preview_values",
        string="Parameter Values for the Criteria Editor",
        help="What params['name'] stands for while the criteria are edited: the default value, else a sample.",
    )

    can_edit = fields.Boolean(
        compute="_compute_can_edit",
        help="The current user may change the query: its owner, or a Smart Query Manager. Members of a "
        "shared query run it, and duplicate it to adapt it.",
    )

    _active_has_model = models.Constraint(
        "CHECK (model_id IS NOT NULL OR active IS NOT TRUE)",
        "A query needs a model.",
    )

    @api.onchange("model_id")
    def _onchange_model_id(self):
        """Columns, sort and criteria of another model make no sense on the new one."""
        self.column_ids = [fields.Command.clear()]
        self.param_ids -= self.param_ids.filtered("field_id")
        self.order_field_id = False
        self.domain = "[]"

    @api.depends_context("uid")
    def _compute_can_edit(self):
        for query in self:
            query.can_edit = not query._origin or query._origin.has_access("write")

    @api.depends("param_ids.name", "param_ids.param_type", "param_ids.default_value", "param_ids.selection_field_id")
    def _compute_param_preview_values(self):
        for query in self:
            params = query.param_ids.filtered(lambda p: p.name and p.param_type)
            values = params._sample_values()
            for param in params.filtered("default_value"):
                try:
                    values[param.name] = param._default_typed_value()
                except UserError:
                    continue
            query.param_preview_values = values

    # ------------------------------------------------------------------
    # Checks on save
    # ------------------------------------------------------------------

    @api.constrains("model_id", "active")
    def _check_model_readable(self):
        for query in self.filtered("active"):
            model = query.model_id
            if not model:
                raise ValidationError(self.env._("Choose the model of the query %(query)s.", query=query.name))
            if model.transient or model.model not in self.env or self.env[model.model]._abstract:
                raise ValidationError(
                    self.env._(
                        "The model %(model)s keeps no records of its own: choose another model for the query %(query)s.",
                        model=model.name,
                        query=query.name,
                    )
                )
            try:
                # Constraints run as superuser: check the rights of the user saving the query.
                self.env[model.model].sudo(False).check_access("read")
            except AccessError as error:
                raise ValidationError(
                    self.env._(
                        "You may not read %(model)s records, so the query %(query)s cannot use them: "
                        "choose a model you have access to.",
                        model=model.name,
                        query=query.name,
                    )
                ) from error

    @api.constrains("domain", "model_id", "param_ids", "active")
    def _check_domain(self):
        for query in self.filtered(lambda q: q.active and q.model_name in q.env):
            query._check_param_references()
            domain = query._get_domain(query.param_ids._sample_values())
            query._check_domain_conditions(domain)

    def _referenced_param_names(self):
        """Names read from ``params`` in the criteria: ``params['x']`` or ``params.get('x')``."""
        self.ensure_one()
        try:
            tree = ast.parse((self.domain or "[]").strip(), mode="eval")
        except SyntaxError as error:
            raise ValidationError(
                self.env._(
                    "The criteria of the query %(query)s are not a valid domain (%(error)s): "
                    "edit them with the criteria editor.",
                    query=self.name,
                    error=error.msg,
                )
            ) from error
        names = set()
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Subscript)
                and isinstance(node.value, ast.Name)
                and node.value.id == "params"
                and isinstance(node.slice, ast.Constant)
            ):
                names.add(node.slice.value)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "params"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                names.add(node.args[0].value)
        return names

    def _check_param_references(self):
        self.ensure_one()
        unknown = self._referenced_param_names() - set(self.param_ids.mapped("name"))
        if unknown:
            raise ValidationError(
                self.env._(
                    "The criteria of the query %(query)s use the parameter %(param)s, which the query does not "
                    "declare: add it in the Parameters tab or correct its name.",
                    query=self.name,
                    param=", ".join(sorted(map(str, unknown))),
                )
            )

    def _check_domain_conditions(self, domain):
        """Refuse a criterion naming an unknown field or an operator that does not fit its field."""
        self.ensure_one()
        model = self.env[self.model_name]
        for item in domain:
            if isinstance(item, (list, tuple)) and len(item) == 3 and str(item[1]).lower() not in CONDITION_OPERATORS:
                raise ValidationError(
                    self.env._(
                        "The criteria of the query %(query)s use the operator %(operator)s on %(field)s, which "
                        "is not an operator: choose one offered by the criteria editor.",
                        query=self.name,
                        operator=item[1],
                        field=item[0],
                    )
                )
        try:
            conditions = list(Domain(domain).iter_conditions())
        except (TypeError, ValueError) as error:
            raise ValidationError(
                self.env._(
                    "The criteria of the query %(query)s are not a valid domain (%(error)s): "
                    "edit them with the criteria editor.",
                    query=self.name,
                    error=error,
                )
            ) from error
        for condition in conditions:
            field_path, operator = condition.field_expr, condition.operator
            unknown_field = self._unknown_field_in_path(model, field_path)
            if unknown_field:
                raise ValidationError(
                    self.env._(
                        "The criteria of the query %(query)s use the field %(field)s, which does not exist on "
                        "%(model)s: choose an existing field.",
                        query=self.name,
                        field=unknown_field,
                        model=self.model_id.name,
                    )
                )
            try:
                # _search optimizes the condition and turns it into SQL without running it:
                # this is where a field refuses an operator or a value of the wrong type.
                model._search(Domain([(field_path, operator, condition.value)]))
            except (TypeError, ValueError, UserError) as error:
                raise ValidationError(
                    self.env._(
                        "The criteria of the query %(query)s compare %(field)s with the operator %(operator)s "
                        "in a way that does not fit the field (%(error)s): change the operator or the value.",
                        query=self.name,
                        field=field_path,
                        operator=operator,
                        error=error,
                    )
                ) from error

    def _unknown_field_in_path(self, model, field_path):
        """The first name of a dotted path that is not a field of the model it is read on."""
        for name in field_path.split("."):
            field = model._fields.get(name)
            if field is None:
                return f"{field_path} ({name})" if "." in field_path else name
            if not field.relational:
                break
            model = model.env[field.comodel_name]
        return None

    # ------------------------------------------------------------------
    # Evaluation
    # ------------------------------------------------------------------

    def _get_eval_context(self, params):
        """What the criteria may use: the parameters and the date helpers of Odoo's domains.

        Any internal user writes criteria, so no record is given: methods of a record (``sudo``,
        ``write``) would be callable from them.
        """
        return {
            "params": params,
            "uid": self.env.uid,
            "datetime": datetime_module(self.env.context.get("tz") or self.env.user.tz),
            "dateutil": dateutil,
            "relativedelta": dateutil.relativedelta.relativedelta,
            "context_today": lambda: fields.Date.context_today(self),
        }

    def _get_param_values(self, param_values=None):
        """Typed values of every parameter: the given one, else its default; a required one needs either."""
        self.ensure_one()
        param_values = param_values or {}
        values = {}
        for param in self.param_ids:
            value = param_values.get(param.name)
            if _is_empty(value):
                value = param._default_typed_value()
            else:
                value = param._typed_value(value)
            if _is_empty(value) and param.required:
                raise UserError(
                    self.env._(
                        "The query %(query)s needs a value for its parameter %(param)s: give one when running it, "
                        "or a default value on the parameter.",
                        query=self.name,
                        param=param.label or param.name,
                    )
                )
            values[param.name] = False if _is_empty(value) else value
        return values

    def _check_criteria_literal(self):
        """Criteria are values, relative dates and parameters only: nothing in them may run long
        or build large values, since every member of a shared query evaluates them."""
        self.ensure_one()
        try:
            check_criteria(self.domain or "[]")
        except CriteriaError as error:
            raise ValidationError(
                self.env._(
                    "The criteria of the query %(query)s may hold only values, fields, relative dates and "
                    "parameters, not %(construct)s: edit them with the criteria editor.",
                    query=self.name,
                    construct=error.args[0],
                )
            ) from error

    def _get_domain(self, param_values=None):
        """The criteria as a domain list, with the run-time values given as ``params``, and the
        conditions of the parameters that name a field added."""
        self.ensure_one()
        # Checked again here: criteria may have reached the database around the save checks.
        self._check_criteria_literal()
        params = self._get_param_values(param_values)
        try:
            domain = safe_eval(self.domain or "[]", self._get_eval_context(params))
        except Exception as error:
            raise ValidationError(
                self.env._(
                    "The criteria of the query %(query)s cannot be read: %(error)s", query=self.name, error=error
                )
            ) from error
        domain = list(domain)
        for param in self.param_ids.filtered("field_id"):
            condition = param._condition(params[param.name])
            if condition:
                domain.append(condition)
        return domain

    def _check_runnable(self):
        self.ensure_one()
        if not self.model_name or self.model_name not in self.env:
            raise UserError(
                self.env._(
                    "The model of the query %(query)s is no longer installed: the query cannot run.",
                    query=self.name,
                )
            )

    def _search_matching(self, param_values=None):
        """The matching records, searched with the rights of the current user."""
        self.ensure_one()
        self._check_runnable()
        return self.env[self.model_name].search(self._get_domain(param_values))

    # ------------------------------------------------------------------
    # Preview and run
    # ------------------------------------------------------------------

    def action_refresh_preview(self):
        """Count the matching records with the rights of the user asking, with the parameters' defaults.
        The count is kept on the query for those who may change it; members are told theirs."""
        for query in self:
            query._check_runnable()
            undefaulted = query.param_ids.filtered(lambda param: param.required and not param.default_value)
            if undefaulted:
                raise UserError(
                    self.env._(
                        'To count the records of "%(query)s", give its parameter %(param)s a default value: '
                        "the count uses the defaults. Run the query to give other values.",
                        query=query.name,
                        param=undefaulted[0].label or undefaulted[0].name,
                    )
                )
            count = query.env[query.model_name].search_count(query._get_domain())
            if not query.has_access("write"):
                # A member counts with his own rights: the number is his, not the shared query's.
                return {
                    "type": "ir.actions.client",
                    "tag": "display_notification",
                    "params": {
                        "title": query.name,
                        "message": self.env._("Records matching the query for you: %s", count),
                        "type": "info",
                    },
                }
            query.write(
                {"preview_count": count, "preview_date": fields.Datetime.now(), "preview_user_id": self.env.uid}
            )
        return True

    def action_run(self):
        """Open the matching records, asking the parameters' values first when the query has some."""
        self.ensure_one()
        self._check_runnable()
        if self.param_ids:
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Run %(query)s", query=self.name),
                "res_model": "smart.query.launch",
                "view_mode": "form",
                "target": "new",
                "context": {"default_query_id": self.id},
            }
        return self._action_open_records()

    def action_duplicate_to_adapt(self):
        """A member of a shared query makes it his own to change: a copy he owns, shared with
        nobody until he says so, opened in its form."""
        self.ensure_one()
        copy = self.copy({"name": self.env._("%s (copy)", self.name), "group_ids": [fields.Command.clear()]})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": copy.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def _action_open_records(self, param_values=None):
        """The window action listing the matching records with the query's own list."""
        self.ensure_one()
        self._check_runnable()
        domain = self._get_domain(param_values)
        if self.column_ids and not self._generated_list_views():
            # Uninstalling a module deletes the views using its fields, ours included.
            self._sync_list_view()
        # Reading which views exist is not reading records: users may lack rights on ir.ui.view.
        views_sudo = self.env["ir.ui.view"].sudo()  # see above
        existing_types = set(
            views_sudo.search(
                [("model", "=", self.model_name), ("type", "in", EXTRA_VIEW_TYPES), ("mode", "=", "primary")]
            ).mapped("type")
        )
        views = [(self._generated_list_views().id, "list")]
        views += [(False, view_type) for view_type in EXTRA_VIEW_TYPES if view_type in existing_types]
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": self.model_name,
            "views": views,
            "view_mode": ",".join(view_type for _view_id, view_type in views),
            "domain": domain,
            "context": {"create": False},
            "target": "current",
        }

    # ------------------------------------------------------------------
    # Generated list view
    # ------------------------------------------------------------------

    def _list_view_arch(self):
        self.ensure_one()
        attributes = {"multi_edit": "1", "create": "0"}
        if self.order_field_id:
            attributes["default_order"] = f"{self.order_field_id.name} {self.order_direction}"
        columns = []
        for column in self.column_ids.sorted(lambda c: (c.sequence, c.id)):
            field = column.field_id
            column_attributes = {"name": field.name}
            if field.ttype == "many2many":
                column_attributes["widget"] = "many2many_tags"
            columns.append(E.field(**column_attributes))
        return E.list(*columns, **attributes)

    def _generated_view_name(self):
        self.ensure_one()
        return f"smart.query.{self.id}.list"

    def _generated_list_views(self):
        """The list views of `self` that the addon generated, and only those: a view is the addon's
        to rewrite or delete when it bears the query's generated name, is a primary list of the
        query's model and no module declares it. Whatever else the field points at is left alone."""
        # The field is for administrators only, and the views are read to be checked, not trusted.
        queries, views = self.sudo(), self.env["ir.ui.view"].sudo()
        # Views a module declares are never generated ones; ir.model.data is for administrators.
        model_data = self.env["ir.model.data"].sudo()
        declared = set(
            model_data.search([("model", "=", "ir.ui.view"), ("res_id", "in", queries.list_view_id.ids)]).mapped(
                "res_id"
            )
        )
        for query in queries:
            view = query.list_view_id
            if (
                view
                and view.id not in declared
                and view.name == query._generated_view_name()
                and view.type == "list"
                and view.mode == "primary"
                and not view.inherit_id
            ):
                views |= view
        return views

    def _sync_list_view(self):
        """Keep the list generated from the columns in step: made, rewritten or dropped."""
        # Users change their queries' columns without the right to write views; the arch is
        # built here from the names of the columns' ir.model.fields only, never from user text,
        # and only views generated by the addon for the query are written or deleted.
        for query in self.sudo():
            view = query._generated_list_views()
            if not query.column_ids or not query.model_name or query.model_name not in self.env:
                view.unlink()
                if query.list_view_id:
                    query.list_view_id = False
                continue
            values = {
                "name": query._generated_view_name(),
                "model": query.model_name,
                "type": "list",
                "mode": "primary",
                "priority": GENERATED_VIEW_PRIORITY,
                "arch": etree.tostring(query._list_view_arch(), encoding="unicode"),
            }
            if view and view.model == query.model_name:
                view.write(values)
            else:
                view.unlink()
                query.list_view_id = view.create(values)

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("user_id", self.env.uid) != self.env.uid for vals in vals_list):
            self._check_may_give_queries()
        queries = super().create(vals_list)
        queries._sync_list_view()
        return queries

    def _check_may_give_queries(self):
        """A query's triggers run as its owner: choosing the owner is choosing whose rights and
        whose own documents they act with, so only settings managers give a query to someone."""
        if self.env.su or self.env.user._is_system():
            return
        raise AccessError(
            self.env._("A query belongs to whoever creates it: only a settings manager may give it to another user.")
        )

    def write(self, vals):
        if "user_id" in vals and any(query.user_id.id != vals["user_id"] for query in self):
            self._check_may_give_queries()
        if {"model_id", "domain", "param_ids"} & set(vals):
            self._check_triggers_steered_by_user()
        result = super().write(vals)
        if {"model_id", "order_field_id", "order_direction", "column_ids"} & set(vals):
            self._sync_list_view()
        if "model_id" in vals:
            # Triggers and their members are configuration and bookkeeping, not the user's data.
            triggers = self.sudo().with_context(active_test=False).trigger_ids
            triggers.action_ids._check_configuration()
            triggers._forget_members()
        return result

    def _check_triggers_steered_by_user(self):
        """The criteria decide what the triggers act upon, with their run-as user's rights."""
        if self.env.su:
            return
        # Plain users cannot read triggers; the check is on the current user, not with their rights.
        triggers = self.sudo().with_context(active_test=False).trigger_ids
        triggers._check_steered_by(self.env.user)

    def unlink(self):
        # The generated lists belong to the queries; users may not unlink views themselves.
        views = self._generated_list_views()
        result = super().unlink()
        views.unlink()
        return result

    def _archive_for_missing_model(self, model_names):
        """Archive the active queries on models about to disappear, with a note saying why."""
        queries = self.with_context(active_test=True).search([("model_name", "in", model_names)])
        for query in queries:
            query.message_post(
                body=self.env._(
                    "The model %(model)s was uninstalled: this query was archived. "
                    "Reinstall the model's application and choose the model again to use it.",
                    model=query.model_name,
                )
            )
        views = queries._generated_list_views()
        queries.write({"active": False, "list_view_id": False})
        views.unlink()
        return queries
