import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_leads_close_siblings", {
    steps: () => [
        {
            content: "Win the opportunity",
            trigger: ".o_form_view button[name='action_set_won_rainbowman']",
            run: "click",
        },
        {
            content: "The dialog lists the prospect's other opportunity",
            trigger: ".modal .o_field_widget[name='lead_ids'] .o_data_row:contains('Tour sibling')",
        },
        {
            content: "Close it as lost",
            trigger: ".modal button[name='action_crm_leads_close_siblings']",
            run: "click",
        },
        {
            content: "A message says how many were closed",
            trigger: ".o_notification:contains('1 other opportunity(ies) closed as lost.')",
        },
        {
            content: "Back on the won opportunity",
            trigger: "body:not(:has(.modal)) .o_form_view:not(:has(button[name='action_set_won_rainbowman']))",
        },
    ],
});
