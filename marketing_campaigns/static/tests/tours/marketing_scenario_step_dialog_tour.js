import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("marketing_scenario_step_dialog", {
    steps: () => [
        {
            content: "Open the e-mail step of the scenario",
            trigger: ".o_field_widget[name=step_ids] .o_data_row td:contains('Tour welcome e-mail')",
            run: "click",
        },
        {
            content: "The dialog shows the subject as the audience's first record receives it",
            trigger: ".modal .o_field_widget[name=subject_preview]:contains('Welcome, Tour Ann')",
        },
        {
            content: "No placeholder of the template is shown",
            trigger: ".modal .o_form_view:not(:contains('{{')):not(:contains('object.'))",
        },
        {
            content: "Close the dialog",
            trigger: ".modal .btn-close",
            run: "click",
        },
        {
            content: "Back on the scenario",
            trigger: ".o_form_view:not(.modal .o_form_view) .o_field_widget[name=step_ids]",
        },
    ],
});
