import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("marketing_phone_campaign_caller", {
    steps: () => [
        {
            content: "The caller reads the campaign of his call",
            trigger: ".o_form_view .o_field_widget[name=name]:contains('Tour trade fair calls')",
        },
        {
            content: "Its figures, the records left out counted",
            trigger: ".o_form_view .o_field_widget[name=do_not_call_count]:contains('1')",
        },
        {
            content: "Nothing looks editable, no list of records left out he may not open",
            trigger:
                ".o_form_view:not(:has(.o_field_widget[name=summary] input))" +
                ":not(:has(.o_field_widget[name=caller_ids] input)):not(:has(button[name=action_view_exclusions]))" +
                ":not(:has(button[name=action_start])):not(:has(button[name=action_close]))",
        },
    ],
});

registry.category("web_tour.tours").add("marketing_scenario_reader", {
    steps: () => [
        {
            content: "A user without marketing rights reads the scenario",
            trigger: ".o_form_view .o_field_widget[name=name]:contains('Tour scenario')",
        },
        {
            content: "Without its steps, participants nor buttons, which are the marketing team's",
            trigger:
                ".o_form_view:not(:has(.o_field_widget[name=step_ids])):not(:has(button[name=action_open_participants]))" +
                ":not(:has(button[name=action_start])):not(:has(button[name=action_open_test]))" +
                ":not(:has(.o_field_widget[name=auto_enrol] input:enabled))",
        },
    ],
});
