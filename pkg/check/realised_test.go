package check_test

import "testing"

// realisedYAML is savingYAML with two follow-up goals and a realised section: 10 promised a
// year, 9 realised in 2026 (exactly a tenth short) and 8 in 2027. Synthetic data.
const realisedYAML = savingYAML + `follow_up:
  - {goal: Færre timer, measure: Timeregistreringen}
  - {goal: Færre timer, measure: Lønsystemet}
realised:
  permanent:
    2026: {amount: -9, report: Regnskab 2026, date: 2027-03-15}
    2027: {amount: -8, report: Regnskab 2027, date: 2028-03-15}
  goals:
    - {goal: Færre timer, measure: Lønsystemet, status: met, note: Lønsystemet viser det.}
`

// thresholdCatalog is the minimal catalog with a shortfall threshold of a tenth.
var thresholdCatalog = edit(catalogYAML, "years: [2026, 2027]", "years: [2026, 2027]\nshortfall_threshold: 0.1")

func TestShortfall(t *testing.T) {
	runCases(t, []checkCase{
		{
			// 2026 is exactly a tenth short: no finding; 2027 is two tenths.
			name:  "over the threshold",
			files: map[string]string{"catalog.yaml": thresholdCatalog, "aaa/01-forslag.yaml": realisedYAML},
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:27:20", "shortfall", "realised.permanent.2027.amount",
					"realised saving in 2027 is 8, 2 short of the 10 promised: more than the catalog's shortfall threshold allows (1, 0.1 of the promise)"),
			},
		},
		{
			name: "acknowledged",
			files: map[string]string{"catalog.yaml": thresholdCatalog, "aaa/01-forslag.yaml": realisedYAML +
				"acknowledged:\n  - {check: shortfall, at: realised.permanent.2027, reason: Regnskab 2027 says the contract came late.}\n"},
			want: []finding{
				warningAt("proposals/aaa/01-forslag.yaml:27:20", "shortfall", "realised.permanent.2027.amount",
					"realised saving in 2027 is 8, 2 short of the 10 promised: more than the catalog's shortfall threshold allows (1, 0.1 of the promise)").
					acknowledged("Regnskab 2027 says the contract came late."),
			},
		},
		{
			name:  "no threshold",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": realisedYAML}),
		},
		{
			name:  "saved more",
			files: map[string]string{"catalog.yaml": thresholdCatalog, "aaa/01-forslag.yaml": edit(realisedYAML, "amount: -8,", "amount: -12,")},
		},
	})
}

func TestRealisedYear(t *testing.T) {
	runCases(t, []checkCase{{
		name:  "outside the proposal's years",
		files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(realisedYAML, "    2027: {amount: -8,", "    2031: {amount: -8,")}),
		want: []finding{
			errorAt("proposals/aaa/01-forslag.yaml:27:5", "realised-year", "realised.permanent.2031",
				"realised year 2031 is not one of the proposal's years (2026, 2027)"),
		},
	}})
}

func TestGoalStatus(t *testing.T) {
	runCases(t, []checkCase{
		{
			name:  "met without a note",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(realisedYAML, ", note: Lønsystemet viser det.}", "}")}),
			want: []finding{
				errorAt("proposals/aaa/01-forslag.yaml:29:57", "goal-without-note", "realised.goals.0.status",
					`goal "Færre timer" is marked met without a note: say in note what shows it is met`),
			},
		},
		{
			name:  "a note of spaces",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(realisedYAML, "note: Lønsystemet viser det.}", `note: "  "}`)}),
			want: []finding{
				errorAt("proposals/aaa/01-forslag.yaml:29:57", "goal-without-note", "realised.goals.0.status",
					`goal "Færre timer" is marked met without a note: say in note what shows it is met`),
			},
		},
		{
			name:  "two goals share the text",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(realisedYAML, "measure: Lønsystemet, status", "status")}),
			want: []finding{
				errorAt("proposals/aaa/01-forslag.yaml:29:14", "unknown-goal", "realised.goals.0.goal",
					`goal "Færre timer" names 2 rows of follow_up: add the measure of the one meant`),
			},
		},
		{
			name:  "no such goal",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": edit(realisedYAML, "goal: Færre timer, measure: Lønsystemet, status", "goal: Færre tider, status")}),
			want: []finding{
				errorAt("proposals/aaa/01-forslag.yaml:29:14", "unknown-goal", "realised.goals.0.goal",
					`goal "Færre tider" is not one of follow_up's goals: write its text as follow_up does`),
			},
		},
		{
			name: "named twice",
			files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": realisedYAML +
				"    - {goal: Færre timer, measure: Lønsystemet, status: missed, note: Skrevet to gange.}\n"}),
			want: []finding{
				errorAt("proposals/aaa/01-forslag.yaml:30:14", "unknown-goal", "realised.goals.1.goal",
					`goal "Færre timer" already has a status, at realised.goals.0`),
			},
		},
	})
}
