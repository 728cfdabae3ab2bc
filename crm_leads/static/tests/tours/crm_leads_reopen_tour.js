import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_leads_reopen", {
    steps: () => [
        {
            content: "The converted lead's status bar cannot be clicked back to an open status",
            trigger:
                ".o_field_widget[name='lead_status_id'] .o_statusbar_status" +
                ":has(button.o_arrow_button_current:contains('Converted'))" +
                ":not(:has(button:not([disabled]):contains('New')))",
        },
        {
            content: "A sales manager reopens it",
            trigger: ".o_form_statusbar button[name='action_crm_leads_reopen']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal button.btn-primary",
            run: "click",
        },
        {
            content: "The lead is New again, and may be converted anew",
            trigger:
                ".o_field_widget[name='lead_status_id'] button.o_arrow_button_current:contains('New')" +
                ":not(:visible:contains('Converted'))",
        },
        {
            content: "Convert is offered again",
            trigger: ".o_form_statusbar button[name='action_crm_leads_open_convert']",
        },
    ],
});
