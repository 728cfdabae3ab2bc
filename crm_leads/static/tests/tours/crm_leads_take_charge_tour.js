import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_leads_take_charge", {
    steps: () => [
        {
            content: "The unassigned lead is open: take charge of it",
            trigger: ".o_form_view .o_form_statusbar button[name='action_take_charge']",
            run: "click",
        },
        {
            content: "The chatter says who took the lead in charge (in the user's language)",
            trigger: ".o-mail-Chatter .o-mail-Message:contains('Mitchell Admin.')",
        },
    ],
});
