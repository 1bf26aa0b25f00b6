package render

import (
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/msg"
)

// SARIFTool names the tool in a SARIF log: budget, its version and where to read about it.
type SARIFTool struct {
	Version string
}

const (
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion = "2.1.0"
	budgetURI    = "https://github.com/budget-ledger/budget"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	Language   string        `json:"language"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	ShortDescription     sarifText       `json:"shortDescription"`
	FullDescription      sarifText       `json:"fullDescription"`
	Help                 sarifText       `json:"help"`
	DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID       string             `json:"ruleId"`
	RuleIndex    int                `json:"ruleIndex"`
	Level        string             `json:"level"`
	Message      sarifText          `json:"message"`
	Locations    []sarifLocation    `json:"locations"`
	Suppressions []sarifSuppression `json:"suppressions,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification"`
}

// SARIF writes the findings as a SARIF 2.1.0 log for GitHub code scanning: one run of budget,
// a rule for every code of Rules, and a result for every finding, worded in o.Lang, an
// acknowledged one with its reason as an in-source suppression. Acknowledged findings are
// always written, whatever o.All says: code scanning closes an alert when its result comes
// back suppressed. A file name relative to the working folder is a URI relative to
// %SRCROOT% (the repository's root, where CI runs budget); an absolute one a file: URI.
// Messages and reasons are data shown as plain text: their hidden characters are written
// visibly, as the terminal shows them.
func SARIF(w io.Writer, l diag.List, tool SARIFTool, o diag.Options) error {
	rules := make([]sarifRule, len(Rules))
	for i, r := range Rules {
		rules[i] = sarifRule{ID: r.Code, ShortDescription: sarifText{r.Short}, FullDescription: sarifText{r.Full},
			Help: sarifText{r.Help()}, DefaultConfiguration: sarifRuleConfig{r.Level.String()}}
	}
	index := ruleIndexes()
	results := make([]sarifResult, 0, len(l))
	for _, d := range l {
		i, ok := index[d.Code]
		if !ok {
			i = -1 // a code no rule names (a test's own); the schema's default for none
		}
		r := sarifResult{RuleID: d.Code, RuleIndex: i, Level: d.Severity.String(),
			Message:   sarifText{escape.Terminal(d.In(o.Lang))},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: artifact(d.Pos.File), Region: region(d.Pos)}}}}
		if d.Acknowledged {
			r.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: escape.Terminal(d.Reason)}}
		}
		results = append(results, r)
	}
	lang := o.Lang
	if lang == "" {
		lang = msg.English
	}
	return writeJSON(w, sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{{
		Tool:     sarifTool{Driver: sarifDriver{Name: "budget", Version: tool.Version, InformationURI: budgetURI, Rules: rules}},
		Language: string(lang), ColumnKind: "unicodeCodePoints", Results: results,
	}}})
}

// artifact is the location of a file named as diagnostics name it.
func artifact(file string) sarifArtifact {
	p := filepath.ToSlash(file)
	if strings.HasPrefix(p, "/") {
		return sarifArtifact{URI: (&url.URL{Scheme: "file", Path: p}).String()}
	}
	return sarifArtifact{URI: (&url.URL{Path: strings.TrimPrefix(p, "./")}).String(), URIBaseID: "%SRCROOT%"}
}

// region is the start of a finding; one for the whole file is at its first line, as GitHub
// wants a line for every result.
func region(p diag.Pos) sarifRegion {
	return sarifRegion{StartLine: max(p.Line, 1), StartColumn: max(p.Column, 1)}
}
