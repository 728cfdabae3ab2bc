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
            trigger: ".modal button[name='action_lost_reason_apply']",
            run: "click",
        },
        {
            content: "Back on the won opportunity",
            trigger: "body:not(:has(.modal)) .o_form_view:not(:has(button[name='action_set_won_rainbowman']))",
        },
    ],
});
