import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_leads_convert", {
    steps: () => [
        {
            content: "Convert the lead",
            trigger: ".o_form_view button[name='action_crm_leads_open_convert']",
            run: "click",
        },
        {
            content: "The dialog proposes to create the company and the contact",
            trigger: ".modal .o_field_widget[name='company_action'] input:checked[data-value='create']",
        },
        {
            content: "Ask for an opportunity too",
            trigger: ".modal .o_field_widget[name='create_opportunity'] input",
            run: "click",
        },
        {
            content: "Convert",
            trigger: ".modal button[name='action_convert']",
            run: "click",
        },
        {
            content: "The lead is now an opportunity, with nothing left to convert",
            trigger: "body:not(:has(.modal)) .o_form_view:not(:has(button[name='action_crm_leads_open_convert'])) .o_field_widget[name='stage_id']",
        },
    ],
});
