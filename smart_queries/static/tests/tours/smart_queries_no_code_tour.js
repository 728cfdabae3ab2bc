import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("smart_queries_value_asked_on_a_field", {
    steps: () => [
        {
            content: "Open the values asked at run time",
            trigger: ".o_form_view .o_notebook a[name='parameters']",
            run: "click",
        },
        {
            content: "Add a value to ask",
            trigger: ".o_field_widget[name='param_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Choose the field it filters on",
            trigger: ".o_field_widget[name='param_ids'] .o_data_row .o_field_widget[name='field_id'] input",
            run: "edit City",
        },
        {
            content: "The field City of the contacts",
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('City')",
            run: "click",
        },
        {
            content: "The question is the field's name",
            trigger: ".o_field_widget[name='param_ids'] .o_data_row .o_field_widget[name='label'] input:value(City)",
        },
        {
            content: "How the city compares",
            trigger: ".o_field_widget[name='param_ids'] .o_data_row .o_field_widget[name='operator'] .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "Is equal to",
            trigger: ".o_select_menu_item:contains('is equal to'):not(:contains('not'))",
            run: "click",
        },
        {
            content: "The query does not run without a city",
            trigger: ".o_field_widget[name='param_ids'] .o_data_row .o_field_widget[name='required'] input",
            run: "click",
        },
        {
            content: "Save the query",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "Run the query",
            trigger: ".o_form_view .o_form_statusbar button[name='action_run']",
            run: "click",
        },
        {
            content: "The dialog asks the city in one Value column",
            trigger: ".modal .o_list_renderer:has(thead th[data-name='value_text']):not(:has(thead th[data-name='value_date']))",
        },
        {
            content: "Run without a value: the city is required",
            trigger: ".modal footer button[name='action_run']",
            run: "click",
        },
        {
            content: "The error names the value left empty",
            trigger: ".modal .modal-body:contains('parameter City')",
        },
        {
            content: "Close the error",
            trigger: ".modal:has(.modal-body:contains('parameter City')) .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The dialog asks: City?",
            trigger: ".modal .o_data_row:contains('City?') td[name='value_text']",
            run: "click",
        },
        {
            content: "Type the city",
            trigger: ".modal .o_data_row .o_field_widget[name='value_text'] input",
            run: "edit Lyon",
        },
        {
            content: "Run with this value",
            trigger: ".modal footer button[name='action_run']",
            run: "click",
        },
        {
            content: "Only the contact of Lyon matches",
            trigger: ".o_list_view .o_data_row:contains('SQ Tour Lyon')",
        },
        {
            content: "The contact of Paris is left out",
            trigger: ".o_list_view:not(:has(.o_data_row:contains('SQ Tour Paris')))",
        },
    ],
});

registry.category("web_tour.tours").add("smart_queries_shared_query_read_only", {
    steps: () => [
        {
            content: "A member is told the query is shared with him",
            trigger: ".o_form_view .alert-info:contains('shared with you')",
        },
        {
            content: "Its name cannot be changed",
            trigger: ".o_form_view .o_field_widget[name='name'].o_readonly_modifier",
        },
        {
            content: "Nor its criteria",
            trigger: ".o_form_view .o_field_widget[name='domain'].o_readonly_modifier",
        },
        {
            content: "He runs it",
            trigger: ".o_form_view .o_form_statusbar button[name='action_run']",
            run: "click",
        },
        {
            content: "The country asked shows its default by name",
            trigger: ".modal .o_data_row:contains('Country?') td[name='value_text']:contains('France')",
        },
        {
            content: "Close the dialog",
            trigger: ".modal footer button[special='cancel']",
            run: "click",
        },
        {
            content: "Duplicate it to adapt it",
            trigger: ".o_form_view .o_form_statusbar button[name='action_duplicate_to_adapt']",
            run: "click",
        },
        {
            content: "The copy is his to change",
            trigger: ".o_form_view:not(:has(.alert-info)) .o_field_widget[name='name']:not(.o_readonly_modifier) input",
            run: "edit My contacts of a town",
        },
        {
            content: "Save the copy",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved, without an access error",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});

registry.category("web_tour.tours").add("smart_queries_trigger_action_from_lists", {
    steps: () => [
        {
            content: "Add an action to the trigger",
            trigger: ".o_field_widget[name='action_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "The dialog's title is singular",
            trigger: ".modal .modal-title:contains('Create an Action')",
        },
        {
            content: "The tags fields of the contacts are offered",
            trigger: ".modal .o_field_widget[name='field_id'] input",
            run: "click",
        },
        {
            content: "Tags, and no follower field",
            trigger: ".o-autocomplete--dropdown-menu:not(:contains('Followers')) .dropdown-item:contains('Tags')",
            run: "click",
        },
        {
            content: "Search the tag by its name",
            trigger: ".modal .o_field_widget[name='value_record_id'] input",
            run: "edit SQ Tour Prospect",
        },
        {
            content: "The tag is offered by name",
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('SQ Tour Prospect')",
            run: "click",
        },
        {
            content: "Save the action",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The action lists the tag",
            trigger: ".o_field_widget[name='action_ids'] .o_data_row td[name='value_display']:contains('SQ Tour Prospect')",
        },
        {
            content: "Save the trigger",
            trigger: ".o_form_view:not(.modal .o_form_view) .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});
