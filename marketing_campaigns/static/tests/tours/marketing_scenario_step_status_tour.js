import { registry } from "@web/core/registry";

const stepRow = (name) => `.o_field_widget[name=trace_ids] .o_data_row:contains('${name}')`;

registry.category("web_tour.tours").add("marketing_scenario_step_status", {
    steps: () => [
        {
            content: "The e-mail step shows what became of its e-mail",
            trigger: `${stepRow("Tour welcome e-mail")} td[name=mailing_trace_status]:contains('Opened')`,
        },
        {
            content: "The wait after it shows no e-mail status of its own",
            trigger: `${stepRow("Tour wait")} td[name=mailing_trace_status]:not(:contains('Opened'))`,
        },
    ],
});

registry.category("web_tour.tours").add("marketing_scenario_step_counters", {
    steps: () => [
        {
            content: "The wait step's row has no e-mail counters",
            trigger:
                ".o_field_widget[name=step_ids] .o_data_row:contains('Tour wait')" +
                ":not(:has(td[name=sent_count]:contains('0'))):not(:has(td[name=opened_count]:contains('0')))",
        },
        {
            content: "The e-mail step's row has them",
            trigger:
                ".o_field_widget[name=step_ids] .o_data_row:contains('Tour welcome e-mail')" +
                " td[name=opened_count]:contains('1')",
        },
    ],
});
