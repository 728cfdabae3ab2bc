import { Component } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { parseXML } from "@web/core/utils/xml";
import { Field } from "@web/views/fields/field";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

// The field holding a value of each type of parameter, as the run dialog shows it.
const VALUE_FIELD_NODES = {
    text: `<field name="value_text"/>`,
    number: `<field name="value_number"/>`,
    date: `<field name="value_date"/>`,
    selection: `<field name="value_selection_id" options="{'no_create': True, 'no_open': True}"/>`,
    record: `<field name="value_record" widget="many2one_reference" options="{'no_create': True, 'no_open': True}"/>`,
};

/**
 * One "Value" column for every type of parameter in the run dialog: each line shows the field
 * of its own parameter's type (a text, a number, a date, a choice, a record), where a list
 * would otherwise need a column per type.
 */
export class SmartQueryParamValueField extends Component {
    static template = "smart_queries.SmartQueryParamValueField";
    static components = { Field };
    static props = { ...standardFieldProps };

    setup() {
        this.fieldInfos = {};
    }

    get fieldInfo() {
        const type = this.props.record.data.param_type || "text";
        if (!this.fieldInfos[type]) {
            const { resModel, fields } = this.props.record;
            this.fieldInfos[type] = Field.parseFieldNode(
                parseXML(VALUE_FIELD_NODES[type]),
                { [resModel]: { fields } },
                resModel,
                "list"
            );
        }
        return this.fieldInfos[type];
    }
}

registry.category("fields").add("smart_query_param_value", {
    component: SmartQueryParamValueField,
    supportedTypes: ["char"],
});
