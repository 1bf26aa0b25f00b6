package main

import (
	"fmt"
	"strings"
)

// folded writes text as a ">-" block at indent, wrapped at about 100 columns, as the real files do.
func folded(b *strings.Builder, indent, key, text string) {
	fmt.Fprintf(b, "%s%s: >-\n", indent, key)
	line := indent + "  "
	for _, w := range strings.Fields(text) {
		if len(line) > len(indent)+2 && len(line)+1+len(w) > 100 {
			b.WriteString(line + "\n")
			line = indent + "  "
		}
		if len(line) > len(indent)+2 {
			line += " "
		}
		line += w
	}
	b.WriteString(line + "\n")
}

// amounts writes a row's non-empty cells keyed by year, one a line.
func amounts(b *strings.Builder, indent string, years []int, v []int64) {
	empty := true
	for _, x := range v {
		if x != 0 {
			empty = false
		}
	}
	if empty {
		b.WriteString(" {}\n")
		return
	}
	b.WriteByte('\n')
	for j, x := range v {
		if x != 0 {
			fmt.Fprintf(b, "%s%d: %d\n", indent, years[j], x)
		}
	}
}

func section(b *strings.Builder, key, title string, rows []row, years []int, totalLabel string, total []int64) {
	fmt.Fprintf(b, "  %s:\n    title: %s\n    rows:\n", key, title)
	for _, r := range rows {
		// The real files explain where the extraction lost cells or printed the area otherwise.
		if r.area == "Service" {
			b.WriteString("      # Styringsområde printed as \"Drift\", normalised to Service.\n")
		}
		fmt.Fprintf(b, "      - label: %s\n        area: %s\n        amounts:", r.label, r.area)
		amounts(b, "          ", years, r.amounts)
	}
	fmt.Fprintf(b, "    totals:\n      - label: %s\n        sums: all\n        amounts:", totalLabel)
	amounts(b, "          ", years, total)
}

func yearList(years []int) string {
	s := make([]string, len(years))
	for i, y := range years {
		s[i] = fmt.Sprint(y)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

func proposalYAML(p *prop) string {
	var b strings.Builder
	b.Grow(8 << 10)
	b.WriteString("# yaml-language-server: $schema=../../schema/proposal.schema.json\n")
	fmt.Fprintf(&b, "schema: 1\nnumber: %d\ntitle: %s\ncommittee: %s\nadministration: %s\nkind: %s\n",
		p.number, p.title, p.c.id, p.c.admin, p.kind)
	if p.kind == "investment" {
		b.WriteString("approved_with: OFS 24-25\ncase: Overførselssagen 2024-2025\n")
	} else {
		b.WriteString("approved_with: null\n")
	}
	folded(&b, "", "summary", p.summary)
	b.WriteString("\n# Table 2 of the catalog: this proposal's row.\ncatalog:\n")
	fmt.Fprintf(&b, "  title: %s\n  contribution:\n", p.title)
	for i, y := range catalogYears {
		fmt.Fprintf(&b, "    %d: %d\n", y, p.contribution[i])
	}
	if p.kind == "investment" {
		fmt.Fprintf(&b, "  total_investment: %d\n", p.totalInvestment)
	} else {
		b.WriteString("  total_investment: null\n")
	}
	b.WriteString("\n# Tabel 1. Forslagets samlede økonomiske konsekvenser\neconomy:\n")
	fmt.Fprintf(&b, "  unit: 1.000 kr.\n  price_level: 2026 p/l\n  years: %s\n", yearList(p.years))
	section(&b, "permanent", "Varige ændringer (effektiviseringer og drift)", p.perm, p.years, "Samlet varig ændring", p.permTotal)
	if p.kind == "investment" {
		section(&b, "implementation", "Implementeringsomkostninger (midler fra investeringspuljen)", p.impl, p.years,
			"Samlede implementeringsomkostninger", p.implTotal)
	}
	b.WriteString("  total_impact:\n    label: Samlet økonomisk påvirkning\n    amounts:")
	amounts(&b, "      ", p.years, p.impact)
	if p.payTotal > 0 {
		b.WriteString("  payback:\n")
		if p.payService > 0 {
			fmt.Fprintf(&b, "    service: %d\n", p.payService)
		}
		fmt.Fprintf(&b, "    total: %d\n", p.payTotal)
	}
	b.WriteString("  notes:\n    - Alle effektiviseringer er angivet med negativt fortegn (-).\n")
	b.WriteString("\n# Tabel 2. Opfølgningsmål\nfollow_up:\n")
	for i := 0; i < p.followUps; i++ {
		group := "Realisering af effektiviseringer"
		if i == 0 && p.kind == "investment" {
			group = "Implementering og anvendelse af investeringsmidler"
		}
		fmt.Fprintf(&b, "  - group: %s\n    goal: %s\n    measure: Ved opfølgning på %s\n    responsible: %s\n    when: Løbende og på statusmøder\n",
			group, rowLabels[(p.number+i)%len(rowLabels)], words[(p.number*7+i)%len(words)], p.c.admin)
	}
	b.WriteByte('\n')
	folded(&b, "", "risk", p.risk)
	b.WriteString("\nfrom_innovation_proposal: false\n\nadministrative_effect:\n  statement: Ikke relevant.\n")
	fmt.Fprintf(&b, "\nconsultations:\n  approvals:\n    - body: Center for Økonomi, %s\n      answer: Ja\n      date: %d. januar 2025\n",
		p.c.admin, 1+p.number%28)
	if len(p.acks) > 0 {
		b.WriteString("\n# Findings of budget validate that the document itself causes.\nacknowledged:\n")
		for _, a := range p.acks {
			fmt.Fprintf(&b, "  - check: %s\n    at: %s\n", a.check, a.at)
			folded(&b, "    ", "reason", a.reason)
		}
	}
	return b.String()
}

func crossCuttingYAML(x *crossCutting) string {
	var b strings.Builder
	b.WriteString("# yaml-language-server: $schema=../../schema/crosscutting.schema.json\n")
	fmt.Fprintf(&b, "schema: 1\nid: %s\ntitle: %s\napproved_with: OFS 24-25\n", x.id, x.title)
	b.WriteString("# Table 2 prints \"-\" for the total investment: it is in Bilag 8.\ninvestment_in: Bilag 8\nshares:\n")
	for _, s := range x.shares {
		fmt.Fprintf(&b, "  - committee: %s\n    contribution:\n", s.c.id)
		for _, y := range catalogYears {
			fmt.Fprintf(&b, "      %d: %d\n", y, s.amount)
		}
	}
	return b.String()
}

// catalogYAML writes the catalog with Table 1 as the proposals add up, so that it holds no finding.
func catalogYAML(props []*prop, ccs []*crossCutting) string {
	totals := map[string][]int64{}
	for _, c := range committees {
		totals[c.id] = make([]int64, len(catalogYears))
	}
	for _, p := range props {
		for i, v := range p.contribution {
			totals[p.c.id][i] += v
		}
	}
	for _, x := range ccs {
		for _, s := range x.shares {
			for i := range catalogYears {
				totals[s.c.id][i] += s.amount
			}
		}
	}
	var b strings.Builder
	b.WriteString("# yaml-language-server: $schema=../schema/catalog.schema.json\n")
	b.WriteString("schema: 1\nname: Syntetisk katalog med investerings- og effektiviseringsforslag\n")
	b.WriteString("municipality: Syntetisk Kommune\nbudget: Budget 2026\nbudget_year: 2026\nunit: 1.000 kr.\nprice_level: 2026 p/l\n")
	fmt.Fprintf(&b, "years: %s\n\ncommittees:\n", yearList(catalogYears))
	for _, c := range committees {
		fmt.Fprintf(&b, "  - id: %s\n    name: %s\n", c.id, c.name)
	}
	b.WriteString("\nassertions:\n  table1:\n    rows:\n")
	all := make([]int64, len(catalogYears))
	for _, c := range committees {
		fmt.Fprintf(&b, "      - committee: %s\n        amounts:\n", c.id)
		for i, y := range catalogYears {
			fmt.Fprintf(&b, "          %d: %d\n", y, totals[c.id][i])
			all[i] += totals[c.id][i]
		}
	}
	b.WriteString("    total:\n")
	for i, y := range catalogYears {
		fmt.Fprintf(&b, "      %d: %d\n", y, all[i])
	}
	return b.String()
}
