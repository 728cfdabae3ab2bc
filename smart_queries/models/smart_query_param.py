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


class SmartQueryParam(models.Model):
    """A value the criteria read as ``params['name']``, asked each time the query runs."""

    _name = "smart.query.param"
    _description = "Saved Query Parameter"
    _order = "query_id, sequence, id"

    query_id = fields.Many2one("smart.query", string="Query", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(
        string="Technical Name",
        required=True,
        help="The criteria read the value as params['name']: letters, digits and underscores.",
    )
    label = fields.Char(required=True, help="The question asked when the query runs.")
    param_type = fields.Selection(PARAM_TYPES, string="Type", required=True, default="text")
    required = fields.Boolean(help="The query does not run without a value (given, or the default one).")
    selection_field_id = fields.Many2one(
        "ir.model.fields",
        string="Values Of",
        ondelete="cascade",
        domain=[("ttype", "=", "selection")],
        help="The field whose choices are offered.",
    )
    record_model_id = fields.Many2one(
        "ir.model",
        string="Record Of",
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

    @api.constrains("param_type", "selection_field_id", "record_model_id", "default_value")
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
            if param.default_value:
                try:
                    param._default_typed_value()
                except UserError as error:
                    raise ValidationError(error.args[0]) from error

    @api.constrains("name", "param_type", "selection_field_id", "record_model_id", "query_id")
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
