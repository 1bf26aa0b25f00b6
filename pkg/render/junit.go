package render

import (
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/msg"
)

type junitSuites struct {
	XMLName  xml.Name   `xml:"testsuites"`
	Name     string     `xml:"name,attr"`
	Tests    int        `xml:"tests,attr"`
	Failures int        `xml:"failures,attr"`
	Errors   int        `xml:"errors,attr"`
	Suites   junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string         `xml:"name,attr"`
	Classname string         `xml:"classname,attr"`
	File      string         `xml:"file,attr"`
	Failures  []junitFailure `xml:"failure"`
	SystemOut *junitText     `xml:"system-out"`
}

// junitText is an element of text, written as CDATA, so that its line breaks stay lines.
type junitText struct {
	Text string `xml:",cdata"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

// JUnit writes budget validate's findings as JUnit XML: one test suite, one test case for each
// data file read (files, the ledger's; a file named only by a finding, one that did not parse,
// joins them), each failing with a failure for every error, and with strict for every
// unacknowledged warning, as they fail the run. Without strict a warning is a note in the case's
// system-out, and an acknowledged finding is one there always, with its reason. Messages are
// worded in o.Lang. Data text has its hidden characters written visibly (escape.Terminal), so
// that what XML 1.0 cannot hold (most control characters) never reaches the document, and the
// rest is escaped by encoding/xml (see xmlText).
func JUnit(w io.Writer, files []string, l diag.List, strict bool, o diag.Options) error {
	byFile := map[string]*junitCase{}
	testcase := func(file string) *junitCase {
		c := byFile[file]
		if c == nil {
			c = &junitCase{Name: xmlText(file), Classname: "budget.validate", File: xmlText(file)}
			byFile[file] = c
		}
		return c
	}
	for _, f := range files {
		testcase(f)
	}
	notes := map[string]*strings.Builder{}
	for _, d := range l {
		c := testcase(d.Pos.File)
		line := xmlText(d.StringIn(o.Lang))
		switch {
		case d.Severity == diag.Error || (strict && !d.Acknowledged):
			c.Failures = append(c.Failures, junitFailure{Message: xmlText(d.In(o.Lang)), Type: xmlText(d.Code), Text: line})
			continue
		case d.Acknowledged:
			line = msg.Newf("%s: %s (acknowledged): %s [%s]\n", xmlText(d.Pos.String()), d.Severity.In(o.Lang), xmlText(d.In(o.Lang)), xmlText(d.Code)).In(o.Lang) +
				msg.Newf("    reason: %s\n", xmlText(d.Reason)).In(o.Lang)
		default:
			line += "\n"
		}
		if notes[d.Pos.File] == nil {
			notes[d.Pos.File] = &strings.Builder{}
		}
		notes[d.Pos.File].WriteString(line)
	}
	suite := junitSuite{Name: "budget validate"}
	for _, f := range slices.Sorted(maps.Keys(byFile)) {
		c := byFile[f]
		if n := notes[f]; n != nil {
			c.SystemOut = &junitText{n.String()}
		}
		if len(c.Failures) > 0 {
			suite.Failures++
		}
		suite.Cases = append(suite.Cases, *c)
	}
	suite.Tests = len(suite.Cases)
	b, err := xml.MarshalIndent(junitSuites{Name: suite.Name, Tests: suite.Tests, Failures: suite.Failures, Suites: suite}, "", "  ")
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, xml.Header+string(b)+"\n")
	return err
}

// xmlText is data text as JUnit writes it: its hidden characters written visibly
// (escape.Terminal), and the two it leaves that XML 1.0 cannot hold, the noncharacters U+FFFE
// and U+FFFF, written as \ufffe and \uffff, so that no reader refuses the document.
func xmlText(s string) string {
	s = escape.Terminal(s)
	if !strings.ContainsAny(s, "\ufffe\uffff") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r == 0xfffe || r == 0xffff {
			fmt.Fprintf(&b, "\\u%04x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
