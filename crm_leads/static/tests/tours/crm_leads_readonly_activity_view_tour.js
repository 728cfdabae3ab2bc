import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_leads_readonly_activity_view", {
    steps: () => [
        {
            content: "The activity view lists the lead and its activity, with no Schedule activity footer",
            trigger:
                ".o_activity_view:has(.o_data_row:contains('Tour read lead'))" +
                ":has(.o_activity_summary_cell:not(.o_activity_empty_cell))" +
                ":not(:has(.o_activity_view_table_footer))",
        },
        {
            content: "Its empty cells offer no +",
            trigger:
                ".o_activity_view:has(.o_activity_empty_cell):not(:has(.o_activity_empty_cell .fa-plus))",
        },
        {
            content: "Clicking an empty cell opens nothing",
            trigger: ".o_activity_empty_cell",
            run: "click",
        },
        {
            content: "No dialog to schedule an activity",
            trigger: "body:not(:has(.modal .o_form_view))",
        },
    ],
});
