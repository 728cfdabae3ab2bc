import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("smart_queries_run_with_parameter", {
    steps: () => [
        {
            content: "The criteria editor reads params['town'] and counts the records",
            trigger: ".o_field_widget[name='domain'] .o_domain_show_selection_button",
        },
        {
            content: "Run the query",
            trigger: ".o_form_view .o_form_statusbar button[name='action_run']",
            run: "click",
        },
        {
            content: "The dialog asks the town",
            trigger: ".modal .o_data_row:contains('Town') td[name='value_text']",
            run: "click",
        },
        {
            content: "Type the town",
            trigger: ".modal .o_data_row .o_field_widget[name='value_text'] input",
            run: "edit Lyon",
        },
        {
            content: "Run with this value",
            trigger: ".modal footer button[name='action_run']",
            run: "click",
        },
        {
            content: "The list shows the query's columns",
            trigger: ".o_list_view th[data-name='city'] ~ th[data-name='country_id']",
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
