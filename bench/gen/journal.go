package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// txn is one transaction of the equivalent journals: a proposal's (or a cross-cutting share's)
// contribution in one catalog year, one posting per account, the contribution as a positive figure.
type txn struct {
	year     int
	desc     string
	postings []posting
}

// posting is one account's amount; account is its components, top-level first (the committee).
type posting struct {
	account []string
	amount  string
}

// writeJournals writes the same transactions as ledger.journal (hledger, ledger-cli) and as
// ledger.beancount into out.
func writeJournals(out string, txns []txn) error {
	if err := writeFile(filepath.Join(out, "ledger.journal"), func(w *bufio.Writer) { hledgerJournal(w, txns) }); err != nil {
		return err
	}
	return writeFile(filepath.Join(out, "ledger.beancount"), func(w *bufio.Writer) { beancountJournal(w, txns) })
}

func writeFile(name string, write func(*bufio.Writer)) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	write(w)
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// hledgerJournal writes unbalanced (virtual) postings, account committee:proposal[:row], so
// that `hledger balance -Y --depth 1` prints Table 1 and `ledger balance --depth 1` its sums.
func hledgerJournal(w *bufio.Writer, txns []txn) {
	for _, t := range txns {
		fmt.Fprintf(w, "%d-01-01 %s\n", t.year, t.desc)
		for _, p := range t.postings {
			fmt.Fprintf(w, "    (%s)    %s\n", strings.Join(p.account, ":"), p.amount)
		}
		w.WriteByte('\n')
	}
}

// beancountCurrency is the commodity of the beancount file: the catalog's unit, 1.000 kr.
const beancountCurrency = "TDKK"

// beancountJournal writes the transactions for beancount, which wants every account opened and
// every transaction balanced: accounts are Assets:<Committee>:<Proposal>[:<Row>] (beancount's
// components start with a capital letter or digit), each transaction balanced against
// Equity:Catalog, so that
//
//	bean-query ledger.beancount "SELECT year, root(account, 2) AS committee, sum(number) ..."
//
// prints Table 1 (see beanQuery).
func beancountJournal(w *bufio.Writer, txns []txn) {
	fmt.Fprintf(w, "; Synthetic: the equivalent of ledger.journal for beancount, written by bench/gen.\n")
	fmt.Fprintf(w, "option \"title\" \"budget benchmark ledger\"\noption \"operating_currency\" \"%s\"\n\n", beancountCurrency)
	seen := map[string]bool{}
	fmt.Fprintf(w, "2000-01-01 open Equity:Catalog\n")
	for _, t := range txns {
		for _, p := range t.postings {
			if a := beancountAccount(p.account); !seen[a] {
				seen[a] = true
				fmt.Fprintf(w, "2000-01-01 open %s\n", a)
			}
		}
	}
	w.WriteByte('\n')
	for _, t := range txns {
		fmt.Fprintf(w, "%d-01-01 * \"%s\"\n", t.year, beancountString(t.desc))
		for _, p := range t.postings {
			fmt.Fprintf(w, "  %s  %s %s\n", beancountAccount(p.account), p.amount, beancountCurrency)
		}
		w.WriteString("  Equity:Catalog\n\n")
	}
}

// beanQuery is the query of Table 1 on the beancount file: per year and committee the sum.
const beanQuery = "SELECT year, root(account, 2) AS committee, sum(number) AS total WHERE account ~ '^Assets:' GROUP BY year, committee ORDER BY committee, year"

// beancountAccount capitalises each component (ids are ^[a-z][a-z0-9-]*$, which then fits
// beancount's [A-Z0-9][A-Za-z0-9-]*).
func beancountAccount(components []string) string {
	var b strings.Builder
	b.WriteString("Assets")
	for _, c := range components {
		b.WriteByte(':')
		b.WriteString(strings.ToUpper(c[:1]) + c[1:])
	}
	return b.String()
}

var beancountEscape = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

func beancountString(s string) string { return beancountEscape.Replace(s) }
