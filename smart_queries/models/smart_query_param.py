import re
import unicodedata

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.date_utils import parse_date

PARAM_TYPES = [
    ("text", "Text"),
    ("number", "Number"),
    ("date", "Date"),
    ("selection", "Selection"),
    ("record", "Record"),
]
# The type of value asked for a field the parameter filters on.
FIELD_PARAM_TYPES = {
    "char": "text",
    "text": "text",
    "html": "text",
    "integer": "number",
    "float": "number",
    "monetary": "number",
    "date": "date",
    "datetime": "date",
    "selection": "selection",
    "many2one": "record",
    "many2many": "record",
}
OPERATORS = [
    ("=", "is equal to"),
    ("!=", "is not equal to"),
    ("ilike", "contains"),
    (">=", "is at least"),
    ("<=", "is at most"),
    (">", "is greater than"),
    ("<", "is lower than"),
]
# The operators that make sense for each type of value.
TYPE_OPERATORS = {
    "text": ("=", "!=", "ilike"),
    "number": ("=", "!=", ">=", "<=", ">", "<"),
    "date": ("=", "!=", ">=", "<=", ">", "<"),
    "selection": ("=", "!="),
    "record": ("=", "!="),
}


def _identifier(text):
    """`text` as a parameter name: "Créé depuis" gives "cree_depuis"."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    name = re.sub(r"\W+", "_", ascii_text.lower()).strip("_")
    return f"p_{name}" if name[:1].isdigit() else name


class SmartQueryParam(models.Model):
    """A value asked each time the query runs. Either it names a field and an operator, and the
    condition "field operator value" is added to the criteria when the query runs (no code: "City
    is equal to ... asked at run time"); or the criteria read it as ``params['name']``."""

    _name = "smart.query.param"
    _description = "Saved Query Parameter"
    _order = "query_id, sequence, id"

    query_id = fields.Many2one("smart.query", string="Query", required=True, ondelete="cascade", index=True)
    query_model_id = fields.Many2one(related="query_id.model_id", string="Model of the Query")
    sequence = fields.Integer(default=10)
    field_id = fields.Many2one(
        "ir.model.fields",
        string="Field",
        ondelete="cascade",
        domain="[('model_id', '=', query_model_id), ('store', '=', True), ('ttype', 'in', %s)]"
        % (list(FIELD_PARAM_TYPES),),
        help="The field the value asked is compared with: the condition is added to the criteria when "
        "the query runs. Leave it empty to write params['name'] in the criteria yourself.",
    )
    operator = fields.Selection(
        OPERATORS,
        compute="_compute_operator",
        store=True,
        readonly=False,
        precompute=True,
        help="How the field is compared with the value asked.",
    )
    name = fields.Char(
        string="Technical Name",
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="The criteria read the value as params['name']: letters, digits and underscores.",
    )
    label = fields.Char(
        translate=True,
        compute="_compute_label",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="The question asked when the query runs.",
    )
    param_type = fields.Selection(
        PARAM_TYPES,
        string="Type",
        compute="_compute_from_field",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    required = fields.Boolean(
        help="The query does not run without a value (given, or the default one). An optional value "
        "left empty adds no condition on its field."
    )
    selection_field_id = fields.Many2one(
        "ir.model.fields",
        string="Values Of",
        compute="_compute_from_field",
        store=True,
        readonly=False,
        precompute=True,
        ondelete="cascade",
        domain=[("ttype", "=", "selection")],
        help="The field whose choices are offered.",
    )
    record_model_id = fields.Many2one(
        "ir.model",
        string="Record Of",
        compute="_compute_from_field",
        store=True,
        readonly=False,
        precompute=True,
        ondelete="cascade",
        domain=[("transient", "=", False), ("abstract", "=", False)],
        help="The model of the record to choose.",
    )
    default_value = fields.Char(
        help="Used when no value is given: a number, a date (2025-12-31, or relative: today -7d), "
        "the technical value of a choice, or the id of a record.",
    )

    _name_once_per_query = models.UniqueIndex(
        "(query_id, name)",
        "Two parameters of a query cannot have the same technical name.",
    )

    @api.depends("field_id")
    def _compute_from_field(self):
        """The value asked fits the field: a choice among a selection's values, a record of a
        relational field's model, a date, a number or a text."""
        for param in self:
            field = param.field_id
            if not field:
                param.param_type = param.param_type or "text"
                param.selection_field_id = param.selection_field_id
                param.record_model_id = param.record_model_id
                continue
            param.param_type = FIELD_PARAM_TYPES.get(field.ttype, "text")
            param.selection_field_id = field if field.ttype == "selection" else False
            param.record_model_id = (
                self.env["ir.model"]._get(field.relation) if field.ttype in ("many2one", "many2many") else False
            )

    @api.depends("field_id")
    def _compute_operator(self):
        for param in self:
            if not param.field_id:
                param.operator = False
            elif param.operator not in TYPE_OPERATORS[FIELD_PARAM_TYPES.get(param.field_id.ttype, "text")]:
                param.operator = "ilike" if param.field_id.ttype in ("char", "text", "html") else "="

    @api.depends("field_id", "label")
    def _compute_name(self):
        """The name the criteria would read the value by, made from the field or the question: a
        user who never writes params['name'] never has to choose one."""
        taken = {}  # per query, with the names given in this batch of parameters
        for param in self:
            base = param.field_id.name or _identifier(param.label)
            if param.name or not base:
                param.name = param.name
                continue
            names = taken.setdefault(param.query_id, set((param.query_id.param_ids - self).mapped("name")))
            names.update(name for name in (self - param).mapped("name") if name)
            name, index = base, 2
            while name in names:
                name, index = f"{base}_{index}", index + 1
            param.name = name
            names.add(name)

    @api.depends("field_id")
    def _compute_label(self):
        for param in self:
            param.label = param.label or param.field_id.field_description

    @api.model_create_multi
    def create(self, vals_list):
        params = super().create(vals_list)
        params.query_id._check_triggers_steered_by_user()
        return params

    def write(self, vals):
        self.query_id._check_triggers_steered_by_user()
        result = super().write(vals)
        if "query_id" in vals:
            self.query_id._check_triggers_steered_by_user()
        return result

    def unlink(self):
        self.query_id._check_triggers_steered_by_user()
        return super().unlink()

    @api.constrains("name")
    def _check_name_is_identifier(self):
        for param in self:
            if not param.name.isidentifier():
                raise ValidationError(
                    self.env._(
                        "The parameter name %(name)s is not valid: use letters, digits and underscores only, "
                        "not starting with a digit (e.g. country).",
                        name=param.name,
                    )
                )

    @api.constrains("param_type", "selection_field_id", "record_model_id", "default_value", "field_id", "operator")
    def _check_type_settings(self):
        for param in self:
            if param.param_type == "selection" and not param.selection_field_id:
                raise ValidationError(
                    self.env._(
                        "The parameter %(param)s offers choices: say which selection field they come from.",
                        param=param.label,
                    )
                )
            if param.param_type == "record" and not param.record_model_id:
                raise ValidationError(
                    self.env._("The parameter %(param)s is a record: say of which model.", param=param.label)
                )
            if param.field_id and param.field_id.model_id != param.query_id.model_id:
                raise ValidationError(
                    self.env._(
                        "The parameter %(param)s filters on %(field)s, which is not a field of the query's model: "
                        "choose one of its fields.",
                        param=param.label,
                        field=param.field_id.field_description,
                    )
                )
            if param.field_id and param.operator not in TYPE_OPERATORS[param.param_type]:
                raise ValidationError(
                    self.env._(
                        'The parameter %(param)s cannot compare its field with "%(operator)s": choose another '
                        "operator.",
                        param=param.label,
                        operator=dict(self._fields["operator"]._description_selection(self.env)).get(
                            param.operator, param.operator or ""
                        ),
                    )
                )
            if param.default_value:
                try:
                    param._default_typed_value()
                except UserError as error:
                    raise ValidationError(error.args[0]) from error

    @api.constrains("name", "param_type", "selection_field_id", "record_model_id", "query_id", "field_id", "operator")
    def _check_query_criteria(self):
        self.query_id._check_domain()

    def _selection_values(self):
        self.ensure_one()
        return self.selection_field_id.selection_ids.mapped("value")

    def _typed_value(self, value):
        """The value as the criteria compare it; a value that does not fit the type is refused."""
        self.ensure_one()
        try:
            if self.param_type == "number":
                number = float(value)
                return int(number) if number.is_integer() else number
            if self.param_type == "date":
                if isinstance(value, str) and not value[:1].isdigit():
                    value = parse_date(value, self.env)  # relative dates, as in domains: today -7d
                return fields.Date.to_string(fields.Date.to_date(value))
            if self.param_type == "record":
                record_id = value.id if isinstance(value, models.BaseModel) else int(value)
                return record_id
        except (TypeError, ValueError) as error:
            raise UserError(self._wrong_value_message(value)) from error
        if self.param_type == "selection" and value not in self._selection_values():
            raise UserError(self._wrong_value_message(value))
        return str(value) if self.param_type in ("text", "selection") else value

    def _wrong_value_message(self, value):
        expected = dict(self._fields["param_type"]._description_selection(self.env))[self.param_type]
        return self.env._(
            "The value %(value)s does not fit the parameter %(param)s, which expects a %(type)s.",
            value=value,
            param=self.label or self.name,
            type=expected.lower(),
        )

    def _default_typed_value(self):
        self.ensure_one()
        return self._typed_value(self.default_value) if self.default_value else False

    def _run_line_default(self):
        """The default value, in the field of the run dialog that holds this type."""
        self.ensure_one()
        value = self._default_typed_value()
        if value is False:
            return {}
        if self.param_type == "selection":
            choice = self.selection_field_id.selection_ids.filtered(lambda s: s.value == value)[:1]
            return {"value_selection_id": choice.id}
        return {self.env["smart.query.launch.line"]._value_field(self.param_type): value}

    def _sample_values(self):
        """A typed value per parameter, to check the criteria when the query is saved."""
        samples = {"text": "x", "number": 1, "date": fields.Date.to_string(fields.Date.today()), "record": 1}
        values = {}
        for param in self:
            if param.param_type == "selection":
                values[param.name] = (param._selection_values() or [""])[0]
            else:
                values[param.name] = samples[param.param_type]
        return values

    def _condition(self, value):
        """The condition the parameter adds to the criteria for `value`, or None: it names no
        field, or it is optional and left empty."""
        self.ensure_one()
        if not self.field_id or (value is False and not self.required):
            return None
        return (self.field_id.name, self.operator, value)
